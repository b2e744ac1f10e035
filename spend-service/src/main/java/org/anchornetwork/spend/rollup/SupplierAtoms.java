package org.anchornetwork.spend.rollup;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Supplier atoms: what a cube row keeps so that an answer can tell, for any group of rows, whether the spend of
 * identified suppliers in it comes from one supplier or from several, without a supplier-grain read (decision 0010).
 *
 * <p>Each identified supplier has a small hash h (1 to 65,536, from its id). Per supplier kind (the SME, VCSE and
 * signatory bits, 8 kinds) a row keeps n = Σ payments, Σ payments·h and Σ payments·h². These are sums, so they add up
 * over any group of rows and move with signed deltas like every other measure. By Cauchy–Schwarz
 * (Σ n·h)² = (Σ n)·(Σ n·h²) exactly when every payment in the group has the same h: one supplier (or suppliers whose
 * hashes collide, which only ever makes an answer hide more). Payments to payees not matched to a supplier are
 * suppliers too, known only by name: they count as one supplier, {@link #UNIDENTIFIED_HASH}, which can only hide more.
 * Payments to redacted payees (individuals) belong to no atom.
 */
public final class SupplierAtoms {

    /** Kinds are bit sets of these. */
    public static final int SME = 1;
    public static final int VCSE = 2;
    public static final int SIGNATORY = 4;
    public static final int KINDS = 8;

    /** The hash of every payee not matched to a supplier, outside the range of suppliers' hashes. */
    public static final long UNIDENTIFIED_HASH = 65_537;

    /** The columns, kind by kind: payments, hash sum, squared hash sum. */
    public static final List<String> COLUMNS = IntStream.range(0, KINDS).boxed()
            .flatMap(k -> List.of(payments(k), hash(k), hashSquared(k)).stream()).toList();

    private SupplierAtoms() {
    }

    public static String payments(int kind) {
        return "kind" + kind + "_payments";
    }

    public static String hash(int kind) {
        return "kind" + kind + "_hash";
    }

    public static String hashSquared(int kind) {
        return "kind" + kind + "_hash_sq";
    }

    /** A contribution's kind, from its supplier profile's columns (alias {@code p}; unknown profiles are kind 0). */
    static String kindSql(String profile) {
        return ("(case when %1$s.size_class in ('MICRO', 'SMALL', 'MEDIUM') then %2$d else 0 end "
                + "| case when %1$s.vcse = 'YES' then %3$d else 0 end | case when %1$s.signatory then %4$d else 0 end)")
                .formatted(profile, SME, VCSE, SIGNATORY);
    }

    /**
     * A supplier's hash, 1 to 65,536 from the first 16 bits of its id; {@link #UNIDENTIFIED_HASH} for payees not
     * matched to a supplier; null for redacted payees ({@code redactedColumn} true).
     */
    public static String hashSql(String supplierColumn, String redactedColumn) {
        return "case when " + supplierColumn + " <> " + SpendRollups.NO_SUPPLIER_SQL + " then ('x' || left(" + supplierColumn
                + "::text, 4))::bit(16)::int + 1 when not " + redactedColumn + " then " + UNIDENTIFIED_HASH + " end";
    }

    /** The atom sums of contribution rows (alias {@code x}, with the columns of {@link #perRow}), named as the columns. */
    static String sums(String x) {
        return COLUMNS.stream().map(column -> "sum(" + x + "." + column + ") as " + column).collect(Collectors.joining(", "));
    }

    /**
     * The atom columns of single contribution rows (alias {@code x}: payment_count, supplier_kind, supplier_hash),
     * computed once per row so that each cube only sums them.
     */
    static String perRow(String x) {
        return IntStream.range(0, KINDS).mapToObj(k -> {
            String when = "case when %1$s.supplier_hash is not null and %1$s.supplier_kind = %2$d then ".formatted(x, k);
            return when + x + ".payment_count end as " + payments(k) + ", " + when + x + ".payment_count * " + x
                    + ".supplier_hash end as " + hash(k) + ", " + when + x + ".payment_count * " + x + ".supplier_hash * " + x
                    + ".supplier_hash end as " + hashSquared(k);
        }).collect(Collectors.joining(", "));
    }
}
