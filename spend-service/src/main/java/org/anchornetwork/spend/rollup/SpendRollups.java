package org.anchornetwork.spend.rollup;

import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Keeps {@code spend_rollup} equal to the sums of the payments it rolls up, incrementally: in the statement that
 * stores payments, and in every statement that moves payments from one supplier to another. Each writer hands over
 * the rows it changed ({@code anchor_org_id, payment_date, amount, supplier_id, expense_type, redacted}) through a
 * data-modifying CTE, so rollup and payments change in one statement and cannot drift apart.
 */
public final class SpendRollups {

    /** The rollup's supplier for payments matched to no supplier (and redacted payees). */
    public static final UUID NO_SUPPLIER = new UUID(0L, 0L);
    private static final String NO_SUPPLIER_SQL = "'00000000-0000-0000-0000-000000000000'::uuid";

    private SpendRollups() {
    }

    /**
     * A CTE body adding (sign +1) or taking away (-1) the rows of CTE {@code source} under {@code supplierExpression}.
     */
    public static String upsertFrom(String source, String supplierExpression, int sign) {
        String s = sign < 0 ? "-" : "";
        return """
                insert into spend_rollup (anchor_org_id, month, supplier_id, expense_type, redacted, payment_count, amount)
                select anchor_org_id, date_trunc('month', payment_date)::date, %s, coalesce(expense_type, ''), redacted,
                    %scount(*), %ssum(amount)
                from %s group by 1, 2, 3, 4, 5
                on conflict (anchor_org_id, month, supplier_id, expense_type, redacted) do update set
                    payment_count = spend_rollup.payment_count + excluded.payment_count,
                    amount = spend_rollup.amount + excluded.amount""".formatted(supplierExpression, s, s, source);
    }

    /** The rollup key of a payment row's supplier: its supplier, or {@link #NO_SUPPLIER}. */
    public static String supplierKey(String column) {
        return "coalesce(" + column + ", " + NO_SUPPLIER_SQL + ")";
    }

    /**
     * Runs {@code updatePayments} (an {@code update payment p … } without a returning clause) and moves the rows it
     * changed from supplier {@code from} (null: no supplier) to their new supplier in the rollup.
     *
     * @return how many payments changed
     */
    public static int reassign(EntityManager entityManager, String updatePayments, UUID from, Map<String, Object> parameters) {
        String sql = """
                with changed as (%s
                    returning p.anchor_org_id, p.payment_date, p.amount, p.supplier_id, p.expense_type, p.redacted),
                taken as (%s),
                given as (%s)
                select count(*) from changed""".formatted(updatePayments,
                upsertFrom("changed", from == null ? NO_SUPPLIER_SQL : "cast(:rollupFrom as uuid)", -1),
                upsertFrom("changed", supplierKey("supplier_id"), 1));
        Query query = entityManager.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        if (from != null) {
            query.setParameter("rollupFrom", from);
        }
        return ((Number) query.getSingleResult()).intValue();
    }
}
