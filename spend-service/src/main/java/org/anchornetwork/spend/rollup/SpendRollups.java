package org.anchornetwork.spend.rollup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Keeps {@code spend_rollup} and the {@link Cube cubes} equal to the sums of the payments they roll up,
 * incrementally: in the statement that stores payments, and in every statement that moves payments from one
 * supplier to another. Each writer hands over the payment rows it changed through a data-modifying CTE; they are
 * grouped once into a signed delta (rows shaped like the rollup), and the rollup and every cube are upserted from
 * that one delta in the same statement, so none of them can drift from the payments.
 */
public final class SpendRollups {

    /** The rollup's supplier for payments matched to no supplier (and redacted payees). */
    public static final UUID NO_SUPPLIER = new UUID(0L, 0L);
    public static final String NO_SUPPLIER_SQL = "'00000000-0000-0000-0000-000000000000'::uuid";

    private SpendRollups() {
    }

    /**
     * A CTE body grouping payment-shaped rows of {@code source} (anchor_org_id, payment_date, amount, supplier_id,
     * expense_type, redacted) into rollup-shaped delta rows under {@code supplierExpression}, signed by {@code sign},
     * with the first and last payment date of each.
     */
    public static String deltaOf(String source, String supplierExpression, int sign) {
        String s = sign < 0 ? "-" : "";
        return """
                select anchor_org_id, date_trunc('month', payment_date)::date as month, %s as supplier_id,
                    coalesce(expense_type, '') as expense_type, redacted, %scount(*) as payment_count, %ssum(amount) as amount,
                    min(payment_date) as first_date, max(payment_date) as last_date
                from %s group by 1, 2, 3, 4, 5""".formatted(supplierExpression, s, s, source);
    }

    /** The rollup key of a payment row's supplier: its supplier, or {@link #NO_SUPPLIER}. */
    public static String supplierKey(String column) {
        return "coalesce(" + column + ", " + NO_SUPPLIER_SQL + ")";
    }

    /**
     * CTE definitions ("name as (…)") adding the delta rows of CTE {@code delta} to the rollup and to every cube. Each
     * target is written by one CTE only: PostgreSQL does not define which of two changes to one row in one statement
     * wins, so a move's taking and giving go into one signed delta. The rollup rows the delta changed come back with
     * their new amounts, so the cubes also learn how much each row's positive part moved (see {@link Cube#MEASURES}).
     */
    public static String applyDelta(String delta) {
        List<String> ctes = new ArrayList<>();
        String key = "anchor_org_id, month, supplier_id, expense_type, redacted";
        ctes.add(delta + "_keyed as (select " + key + ", sum(payment_count) as payment_count, sum(amount) as amount from "
                + delta + " group by 1, 2, 3, 4, 5)");
        ctes.add(delta + "_rollup as (" + """
                insert into spend_rollup (anchor_org_id, month, supplier_id, expense_type, redacted, payment_count, amount)
                select %1$s, payment_count, amount from %2$s_keyed
                on conflict (anchor_org_id, month, supplier_id, expense_type, redacted) do update set
                    payment_count = spend_rollup.payment_count + excluded.payment_count,
                    amount = spend_rollup.amount + excluded.amount
                returning %1$s, amount""".formatted(key, delta) + ")");
        ctes.add(delta + "_positive as (select d.anchor_org_id, d.month, d.supplier_id, d.expense_type, d.redacted, "
                + "d.payment_count, d.amount, greatest(r.amount, 0) - greatest(r.amount - d.amount, 0) as positive_amount from "
                + delta + "_keyed d join " + delta + "_rollup r using (" + key + "))");
        ctes.add(applyToCubes(delta + "_positive"));
        return String.join(",\n", ctes);
    }

    /**
     * Rollup-shaped rows of {@code source} with the positive part of each (a whole rollup row's), signed by {@code sign}:
     * the source of {@link #applyToCubes} when whole rollup rows move in or out of the cubes.
     */
    public static String wholeRows(String source, String where, int sign) {
        String s = sign < 0 ? "-" : "";
        return "select month, anchor_org_id, supplier_id, expense_type, redacted, %1$spayment_count as payment_count, "
                .formatted(s) + s + "amount as amount, " + s + "greatest(amount, 0) as positive_amount from " + source
                + " where " + where;
    }

    /**
     * CTE definitions adding the delta rows of CTE {@code delta} (rollup-shaped, signed, with the change of each rollup
     * row's positive part as {@code positive_amount}) to every cube.
     */
    public static String applyToCubes(String delta) {
        List<String> ctes = new ArrayList<>();
        // Joined to the profiles, localities and categories once, then grouped into each cube.
        String contributions = delta + "_contributions";
        ctes.add(contributions + " as materialized (" + contributions(delta) + ")");
        for (Cube cube : Cube.STORED) {
            ctes.addAll(cube.ctes(delta, contributions));
        }
        return String.join(",\n", ctes);
    }

    /**
     * What rollup-shaped rows of {@code source} (with {@code positive_amount}) contribute to the cubes: each row with its
     * expense type's category, its supplier's district, size, VCSE and charter status and the tiers its supplier is local
     * to in that month (all as the cubes hold them), its spend with SMEs, VCSEs and signatories, its supplier's kind and
     * hash ({@link SupplierAtoms}). Unknown suppliers and unknown locations come out as unknown, never dropped.
     */
    public static String contributions(String source) {
        return "select y.*, " + SupplierAtoms.perRow("y") + " from (" + """
                select d.month, d.anchor_org_id, coalesce(c.category_code, 'uncategorised') as category_code,
                    coalesce(c.influenceable, true) as influenceable, coalesce(l.bits, -1) as locality,
                    coalesce(p.lad_code, '') as lad_code, coalesce(p.size_class, 'UNKNOWN') as size_class,
                    coalesce(p.vcse, 'UNKNOWN') as vcse, coalesce(p.signatory, false) as signatory, d.supplier_id,
                    d.payment_count, d.amount,
                    case when p.size_class in ('MICRO', 'SMALL', 'MEDIUM') then d.amount else 0 end as sme_amount,
                    case when p.vcse = 'YES' then d.amount else 0 end as vcse_amount,
                    case when p.signatory then d.amount else 0 end as signatory_amount,
                    d.positive_amount,
                    case when p.size_class in ('MICRO', 'SMALL', 'MEDIUM') then d.positive_amount else 0 end as positive_sme_amount,
                    case when p.vcse = 'YES' then d.positive_amount else 0 end as positive_vcse_amount,
                    case when p.signatory then d.positive_amount else 0 end as positive_signatory_amount,
                    %2$s as supplier_kind, %3$s as supplier_hash, d.redacted
                from %1$s d
                left join expense_category c on c.expense_type = d.expense_type
                left join supplier_profile p on p.supplier_id = d.supplier_id
                left join supplier_locality l on l.supplier_id = d.supplier_id and d.month between l.first_month and l.last_month"""
                .formatted(source, SupplierAtoms.kindSql("p"), SupplierAtoms.hashSql("d.supplier_id", "d.redacted")) + ") y";
    }

    /** The rollup read as a cube: every dimension, the measures and the atoms of each row (slow; the last resort). */
    public static String rollupAsCube() {
        return "(" + contributions("(" + wholeRows("spend_rollup", "true", 1) + ")") + ")";
    }

    /**
     * Runs {@code updatePayments} (an {@code update payment p … } without a returning clause) and moves the rows it
     * changed from supplier {@code from} (null: no supplier) to their new supplier in the rollup and the cubes.
     *
     * @return how many payments changed
     */
    public static int reassign(EntityManager entityManager, String updatePayments, UUID from, Map<String, Object> parameters) {
        String sql = """
                with changed as (%s
                    returning p.anchor_org_id, p.payment_date, p.amount, p.supplier_id, p.expense_type, p.redacted),
                moved as (%s
                    union all
                    %s),
                %s
                select count(*) from changed""".formatted(updatePayments,
                deltaOf("changed", from == null ? NO_SUPPLIER_SQL : "cast(:rollupFrom as uuid)", -1),
                deltaOf("changed", supplierKey("supplier_id"), 1), applyDelta("moved"));
        Query query = entityManager.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        if (from != null) {
            query.setParameter("rollupFrom", from);
        }
        return ((Number) query.getSingleResult()).intValue();
    }
}
