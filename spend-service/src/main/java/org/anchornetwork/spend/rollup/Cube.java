package org.anchornetwork.spend.rollup;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The spend cubes: projections of the supplier-grain rollup ({@code spend_rollup}) onto fewer dimensions, small
 * enough to answer network-wide questions in milliseconds. Every cube has the same measures; each is kept equal to
 * the rollup rows it covers by the statements that change them ({@link SpendRollups}). {@link #ROLLUP} is the
 * rollup itself read through its contributions: it has every dimension, and is the slowest.
 */
public enum Cube {
    MONTH("spend_cube_month", Grain.MONTH, EnumSet.of(Column.ANCHOR, Column.INFLUENCEABLE, Column.LOCALITY)),
    CATEGORY("spend_cube_category", Grain.MONTH,
            EnumSet.of(Column.CATEGORY, Column.ANCHOR, Column.INFLUENCEABLE, Column.LOCALITY)),
    SUPPLIER_KIND("spend_cube_supplier_kind", Grain.MONTH, EnumSet.of(Column.CATEGORY, Column.ANCHOR,
            Column.INFLUENCEABLE, Column.LOCALITY, Column.SIZE, Column.VCSE, Column.SIGNATORY)),
    AREA("spend_cube_area", Grain.MONTH,
            EnumSet.of(Column.CATEGORY, Column.ANCHOR, Column.INFLUENCEABLE, Column.LOCALITY, Column.LAD)),
    LEAKAGE("spend_cube_leakage", Grain.FINANCIAL_YEAR,
            EnumSet.of(Column.CATEGORY, Column.LOCALITY, Column.SUPPLIER, Column.INFLUENCEABLE)),
    SUPPLIER_YEAR("spend_cube_supplier_year", Grain.FINANCIAL_YEAR,
            EnumSet.of(Column.CATEGORY, Column.LOCALITY, Column.SUPPLIER, Column.ANCHOR, Column.INFLUENCEABLE)),
    ROLLUP(null, Grain.MONTH, EnumSet.allOf(Column.class));

    /** The cubes kept as tables, in the order their rows are written (the order locks are taken in). */
    public static final List<Cube> STORED = List.of(MONTH, CATEGORY, SUPPLIER_KIND, AREA, LEAKAGE, SUPPLIER_YEAR);

    /**
     * The measures every cube holds, as sums. The positive_ ones sum each rollup row's amount only where it is positive
     * (a supplier's payments in a month and expense type net of its credit notes; a net credit counts as nothing): the
     * denominators of shares, so that no share exceeds 100%.
     */
    public static final List<String> MEASURES = List.of("payment_count", "amount", "sme_amount", "vcse_amount",
            "signatory_amount", "positive_amount", "positive_sme_amount", "positive_vcse_amount", "positive_signatory_amount");

    /**
     * The supplier atoms of a cube row ({@link SupplierAtoms}): per supplier kind (SME, VCSE, signatory bits), the
     * payments to identified suppliers and their payment-weighted supplier hashes and squared hashes, null where none.
     * Summed like the measures, they tell whether a group of rows holds one supplier or more, without naming it.
     */
    public static final List<String> ATOMS = SupplierAtoms.COLUMNS;

    public enum Grain {
        MONTH("month", "month"),
        FINANCIAL_YEAR("financial_year", financialYearStart("month"));

        /** The cube's period column, and how it is computed from a contribution's month. */
        public final String column;
        final String fromMonth;

        Grain(String column, String fromMonth) {
            this.column = column;
            this.fromMonth = fromMonth;
        }
    }

    /** Dimension columns, named as in every cube table and in {@link SpendRollups#contributions}. */
    public enum Column {
        ANCHOR("anchor_org_id"),
        CATEGORY("category_code"),
        INFLUENCEABLE("influenceable"),
        /** Bit mask of the tiers the supplier is local to ({@code locality_tier_bit}); -1 when its location is unknown. */
        LOCALITY("locality"),
        /** The supplier's district ('' when unknown). */
        LAD("lad_code"),
        SIZE("size_class"),
        VCSE("vcse"),
        SIGNATORY("signatory"),
        SUPPLIER("supplier_id");

        public final String sql;

        Column(String sql) {
            this.sql = sql;
        }
    }

    public final String table;
    public final Grain grain;
    public final Set<Column> columns;

    Cube(String table, Grain grain, Set<Column> columns) {
        this.table = table;
        this.grain = grain;
        this.columns = columns;
    }

    /** The first day of the financial year (1 April) of a month or date expression. */
    public static String financialYearStart(String dateExpression) {
        return "(date_trunc('year', " + dateExpression + " - interval '3 months') + interval '3 months')::date";
    }

    /** The cube's key columns: its period, then its dimensions in table order. */
    List<String> keyColumns() {
        List<String> key = new java.util.ArrayList<>();
        key.add(grain.column);
        for (Column column : columns) {
            key.add(column.sql);
        }
        return key;
    }

    /** Payments, spend and suppliers with payments per year, category and locality, kept with {@link #LEAKAGE}. */
    public static final String CATEGORY_YEAR = "spend_cube_category_year";

    /**
     * CTE definitions ("name as (…)") adding {@code contributions} (a relation of {@link SpendRollups#contributions}
     * rows, signed) to this cube; for {@link #LEAKAGE} also to {@link #CATEGORY_YEAR}: its sums, and a supplier for
     * each row whose payment count was 0 and is not any more, less one for each that falls to 0.
     */
    List<String> ctes(String prefix, String contributions) {
        String name = prefix + "_" + name().toLowerCase();
        if (this != LEAKAGE) {
            return List.of(name + " as (" + upsert(grouped(contributions), "") + ")");
        }
        String keyList = String.join(", ", keyColumns());
        String rows = name + "_rows";
        return List.of(rows + " as (" + grouped(contributions) + ")",
                name + " as (" + upsert("select * from " + rows, " returning " + keyList + ", payment_count") + ")",
                name + "_category_year as (insert into " + CATEGORY_YEAR
                        + " (financial_year, category_code, locality, influenceable, suppliers, payment_count, amount)\n"
                        + "select r.financial_year, r.category_code, r.locality, r.influenceable, sum(case when r.supplier_id = "
                        + SpendRollups.NO_SUPPLIER_SQL + " then 0 "
                        + "when r.payment_count <> 0 and r.payment_count = d.payment_count then 1 "
                        + "when r.payment_count = 0 and d.payment_count <> 0 then -1 else 0 end), sum(d.payment_count), "
                        + "sum(d.amount) from " + name + " r join " + rows + " d using (" + keyList + ") group by 1, 2, 3, 4\n"
                        + "on conflict (financial_year, category_code, locality, influenceable) do update set suppliers = "
                        + CATEGORY_YEAR + ".suppliers + excluded.suppliers, payment_count = " + CATEGORY_YEAR
                        + ".payment_count + excluded.payment_count, amount = " + CATEGORY_YEAR + ".amount + excluded.amount)");
    }

    /** The contributions summed by this cube's key, the key columns named as in the table. */
    private String grouped(String contributions) {
        StringBuilder selected = new StringBuilder(grain.fromMonth + " as " + grain.column);
        for (Column column : columns) {
            selected.append(", ").append(column.sql);
        }
        String groupBy = java.util.stream.IntStream.rangeClosed(1, columns.size() + 1).mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
        String atoms = hasAtoms() ? ", " + SupplierAtoms.sums("x") : "";
        return "select " + selected + ", " + MEASURES.stream().map(m -> "sum(" + m + ") as " + m).collect(Collectors.joining(", "))
                + atoms + " from " + contributions + " x group by " + groupBy;
    }

    /** Adds the rows of {@code select} (key columns, then measures) to the cube, summing into rows it has. */
    private String upsert(String select, String returning) {
        String keyList = String.join(", ", keyColumns());
        List<String> columns = new java.util.ArrayList<>(MEASURES);
        List<String> sets = new java.util.ArrayList<>();
        MEASURES.forEach(m -> sets.add(m + " = " + table + "." + m + " + excluded." + m));
        if (hasAtoms()) {
            columns.addAll(ATOMS);
            // An atom that sums to nothing is null again, so that empty atoms take no room.
            ATOMS.forEach(a -> sets.add(a + " = nullif(coalesce(" + table + "." + a + ", 0) + coalesce(excluded." + a + ", 0), 0)"));
        }
        return "insert into " + table + " (" + keyList + ", " + String.join(", ", columns) + ")\n" + select
                + "\non conflict (" + keyList + ") do update set " + String.join(", ", sets) + returning;
    }

    /** Whether the cube keeps supplier atoms: every cube with anchors, which network answers are read from. */
    public boolean hasAtoms() {
        return columns.contains(Column.ANCHOR);
    }
}
