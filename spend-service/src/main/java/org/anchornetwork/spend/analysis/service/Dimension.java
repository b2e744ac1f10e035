package org.anchornetwork.spend.analysis.service;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.anchornetwork.common.security.OrgIds;
import org.anchornetwork.spend.anchor.Anchor;
import org.anchornetwork.spend.geography.service.TierEpochs;
import org.anchornetwork.spend.rollup.Cube;
import org.anchornetwork.spend.rollup.SpendRollups;

/**
 * The dimensions an analysis can drill down by and cut on. Each reads one column of a cube (or the period) and may
 * derive its value from it: an anchor's type from the anchor, a financial year or quarter from the month, a
 * supplier's tier band from the cube's locality mask, a region from the district.
 */
public enum Dimension {
    ANCHOR("anchor", Cube.Column.ANCHOR, "The anchor that paid (its org-id.guide id)"),
    ANCHOR_TYPE("anchorType", Cube.Column.ANCHOR, "The anchor's type: " + Arrays.toString(Anchor.Type.values())),
    FINANCIAL_YEAR("financialYear", null, "UK financial year, e.g. 2025-26 (1 April 2025 to 31 March 2026)"),
    QUARTER("quarter", null, "Quarter of the financial year, e.g. 2025-26-Q1 (April to June 2025)"),
    MONTH("month", null, "Calendar month, e.g. 2025-04"),
    TIER("tier", Cube.Column.LOCALITY, "The narrowest tier the supplier is based or branched in; 'outside' every tier; "
            + "'unknown' when its location is not known"),
    LOCAL_AUTHORITY("localAuthority", Cube.Column.LAD, "The supplier's district (GSS code) from its registered office, "
            + "else its first located site; 'unknown' when none is located"),
    REGION("region", Cube.Column.LAD, "The region (GSS code) of the supplier's district; 'unknown' when not located"),
    CATEGORY("category", Cube.Column.CATEGORY, "The network's spend category of the payment's expense type"),
    INFLUENCEABLE("influenceable", Cube.Column.INFLUENCEABLE, "Whether the category's spend is influenceable (true, false)"),
    SUPPLIER_SIZE("supplierSize", Cube.Column.SIZE, "MICRO, SMALL, MEDIUM, LARGE or UNKNOWN (EC definitions); SME in a "
            + "cut means the first three"),
    VCSE("vcse", Cube.Column.VCSE, "Whether the supplier is a voluntary, community or social enterprise: YES, NO, UNKNOWN"),
    SIGNATORY("signatory", Cube.Column.SIGNATORY, "Whether the supplier signed the charter (true, false)"),
    SUPPLIER("supplier", Cube.Column.SUPPLIER, "The supplier (its registry id); payments to redacted payees and to "
            + "payees not matched to a supplier are one cell, never named. Other anchors' spend with a supplier is "
            + "shown only where enough anchors pay it");

    public final String apiName;
    /** The cube column it reads; null for the period dimensions. */
    public final Cube.Column column;
    public final String description;

    Dimension(String apiName, Cube.Column column, String description) {
        this.apiName = apiName;
        this.column = column;
        this.description = description;
    }

    public static Optional<Dimension> named(String name) {
        return Arrays.stream(values()).filter(d -> d.apiName.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(d -> d.apiName).collect(Collectors.joining(", "));
    }

    /** Whether a cube of this grain can answer it. */
    public boolean fits(Cube.Grain grain) {
        return grain == Cube.Grain.MONTH || (this != QUARTER && this != MONTH);
    }

    /** Its SQL over cube alias {@code c} (joins from {@link #join()}). */
    public String sql(Cube.Grain grain, AnalysisDefinitions.Snapshot definitions) {
        return switch (this) {
            case ANCHOR -> "c.anchor_org_id";
            case ANCHOR_TYPE -> anchorTypeSql(definitions);
            case FINANCIAL_YEAR -> grain == Cube.Grain.MONTH ? Cube.financialYearStart("c.month") : "c.financial_year";
            case QUARTER -> "date_trunc('quarter', c.month - interval '3 months')::date";
            case MONTH -> "c.month";
            case TIER -> bandSql(definitions);
            case LOCAL_AUTHORITY -> "c.lad_code";
            case REGION -> "coalesce(la.region_code, '')";
            case CATEGORY -> "c.category_code";
            case INFLUENCEABLE -> "c.influenceable";
            case SUPPLIER_SIZE -> "c.size_class";
            case VCSE -> "c.vcse";
            case SIGNATORY -> "c.signatory";
            case SUPPLIER -> "c.supplier_id";
        };
    }

    /** The join it needs, if any. */
    public String join() {
        return this == REGION ? "left join local_authority la on la.lad_code = c.lad_code" : null;
    }

    /** The value as the API shows it, from what {@link #sql} returned. */
    public Object present(Object value) {
        return switch (this) {
            case FINANCIAL_YEAR -> TierEpochs.financialYearName(toDate(value));
            case QUARTER -> {
                LocalDate shifted = toDate(value).plusMonths(3);
                yield TierEpochs.financialYearName(TierEpochs.financialYearStart(shifted)) + "-Q"
                        + ((toDate(value).getMonthValue() - 1) / 3 + 1);
            }
            case MONTH -> toDate(value).toString().substring(0, 7);
            case LOCAL_AUTHORITY, REGION -> value == null || value.toString().isEmpty() ? AnalysisDefinitions.UNKNOWN : value;
            case SUPPLIER -> SpendRollups.NO_SUPPLIER.equals(value) ? null : value;
            default -> value;
        };
    }

    /**
     * The SQL condition for a cut on these values; an {@link IllegalArgumentException} names a value it cannot take.
     * Period cuts become month ranges, so that cubes keyed by month read only those months.
     */
    public String cutSql(List<String> values, Cube.Grain grain, AnalysisDefinitions.Snapshot definitions, SqlParameters parameters) {
        return switch (this) {
            case ANCHOR -> {
                for (String value : values) {
                    if (!value.matches(OrgIds.PATTERN)) {
                        throw new IllegalArgumentException("'" + value + "' is not an organisation id");
                    }
                }
                yield "c.anchor_org_id = any(" + parameters.array("varchar", values.toArray()) + ")";
            }
            case ANCHOR_TYPE -> sql(grain, definitions) + " = any("
                    + parameters.array("varchar", values.stream().map(v -> enumValue(Anchor.Type.class, v).name()).toArray()) + ")";
            case FINANCIAL_YEAR, QUARTER, MONTH -> periodCut(this, values, grain, parameters);
            case TIER -> {
                for (String value : values) {
                    if (!value.equals(AnalysisDefinitions.OUTSIDE) && !value.equals(AnalysisDefinitions.UNKNOWN)
                            && definitions.tier(value) == null) {
                        throw new IllegalArgumentException("'" + value + "' is not a tier, 'outside' or 'unknown'");
                    }
                }
                yield bandSql(definitions) + " = any(" + parameters.array("varchar", values.toArray()) + ")";
            }
            case LOCAL_AUTHORITY, REGION -> {
                String[] codes = values.stream().map(v -> {
                    if (v.equals(AnalysisDefinitions.UNKNOWN)) {
                        return "";
                    }
                    if (!v.matches("[EWSN][0-9]{8}")) {
                        throw new IllegalArgumentException("'" + v + "' is not a GSS code such as E06000005, or 'unknown'");
                    }
                    return v;
                }).toArray(String[]::new);
                yield sql(grain, definitions) + " = any(" + parameters.array("varchar", codes) + ")";
            }
            case CATEGORY -> {
                for (String value : values) {
                    if (!definitions.categories().containsKey(value)) {
                        throw new IllegalArgumentException("'" + value + "' is not one of the network's categories");
                    }
                }
                yield "c.category_code = any(" + parameters.array("varchar", values.toArray()) + ")";
            }
            case INFLUENCEABLE, SIGNATORY -> {
                boolean any = false;
                boolean all = true;
                for (String value : values) {
                    boolean flag = bool(value);
                    any |= flag;
                    all &= flag;
                }
                String column = sql(grain, definitions);
                yield any && !all ? "true" : any ? column : "not " + column;
            }
            case SUPPLIER_SIZE -> {
                List<String> sizes = values.stream().flatMap(v -> v.equalsIgnoreCase("SME")
                        ? List.of("MICRO", "SMALL", "MEDIUM").stream()
                        : List.of(enumValue(Size.class, v).name()).stream()).toList();
                yield "c.size_class = any(" + parameters.array("varchar", sizes.toArray()) + ")";
            }
            case VCSE -> "c.vcse = any(" + parameters.array("varchar",
                    values.stream().map(v -> enumValue(Vcse.class, v).name()).toArray()) + ")";
            case SUPPLIER -> {
                UUID[] ids = values.stream().map(v -> {
                    if (v.equals("unidentified")) {
                        return SpendRollups.NO_SUPPLIER;
                    }
                    try {
                        return UUID.fromString(v);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("'" + v + "' is not a supplier id (a UUID) or 'unidentified'");
                    }
                }).toArray(UUID[]::new);
                yield "c.supplier_id = any(" + parameters.array("uuid", ids) + ")";
            }
        };
    }

    /** Values of the supplier size and VCSE columns. */
    enum Size {
        MICRO, SMALL, MEDIUM, LARGE, UNKNOWN
    }

    enum Vcse {
        YES, NO, UNKNOWN
    }

    /** A cut of the suppliers local to any of these tiers (nested tiers included): {@code within:tees-valley}. */
    public static String withinSql(List<String> tierNames, AnalysisDefinitions.Snapshot definitions) {
        int mask = 0;
        for (String name : tierNames) {
            AnalysisDefinitions.Tier tier = definitions.tier(name);
            if (tier == null) {
                throw new IllegalArgumentException("'" + name + "' is not a tier");
            }
            mask |= 1 << tier.bit();
        }
        return "(c.locality >= 0 and (c.locality & " + mask + ") <> 0)";
    }

    /** The band: the narrowest tier whose bit is set, 'outside', or 'unknown'. Tier names are [a-z0-9-] only. */
    static String bandSql(AnalysisDefinitions.Snapshot definitions) {
        StringBuilder sql = new StringBuilder("case when c.locality < 0 then '" + AnalysisDefinitions.UNKNOWN + "'");
        for (AnalysisDefinitions.Tier tier : definitions.tiers()) {
            sql.append(" when (c.locality & ").append(1 << tier.bit()).append(") <> 0 then '").append(tier.name()).append('\'');
        }
        return sql.append(" else '").append(AnalysisDefinitions.OUTSIDE).append("' end").toString();
    }

    /** Described anchors' types, else the type the id's scheme implies. */
    private static String anchorTypeSql(AnalysisDefinitions.Snapshot definitions) {
        StringBuilder sql = new StringBuilder("case");
        definitions.anchors().values().stream().filter(a -> a.type() != Anchor.typeOf(a.orgId()))
                .forEach(a -> sql.append(" when c.anchor_org_id = '").append(a.orgId().replace("'", "''"))
                        .append("' then '").append(a.type().name()).append('\''));
        for (Map.Entry<String, Anchor.Type> scheme : Anchor.TYPE_BY_SCHEME.entrySet()) {
            sql.append(" when c.anchor_org_id like '").append(scheme.getKey()).append("%' then '")
                    .append(scheme.getValue().name()).append('\'');
        }
        return sql.append(" else '").append(Anchor.Type.OTHER.name()).append("' end").toString();
    }

    private static String periodCut(Dimension kind, List<String> values, Cube.Grain grain, SqlParameters parameters) {
        return values.stream().map(value -> {
            LocalDate[] range = Period.parse(value);
            if (Period.kindOf(value) != kind) {
                throw new IllegalArgumentException("'" + value + "' is not a " + kind.apiName + " (" + kind.description + ")");
            }
            if (grain == Cube.Grain.FINANCIAL_YEAR) {
                return "c.financial_year between " + parameters.value(range[0]) + " and " + parameters.value(range[1]);
            }
            return "c.month between " + parameters.value(range[0]) + " and " + parameters.value(range[1]);
        }).collect(Collectors.joining(" or ", "(", ")"));
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
        };
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Period values: a financial year (2025-26), a quarter (2025-26-Q1) or a month (2025-04), as first months. */
    public static final class Period {
        private Period() {
        }

        private static final java.util.regex.Pattern YEAR_OR_QUARTER =
                java.util.regex.Pattern.compile("(\\d{4})-(\\d{2})(?:-Q([1-4]))?");
        private static final java.util.regex.Pattern MONTH_OF_YEAR = java.util.regex.Pattern.compile("(\\d{4})-(\\d{2})");

        /** Which period dimension the value belongs to (after {@link #parse} accepted it). */
        public static Dimension kindOf(String value) {
            LocalDate[] range = parse(value);
            return value.contains("-Q") ? QUARTER : range[0].equals(range[1]) ? MONTH : FINANCIAL_YEAR;
        }

        /** The first and last month (first days) the value covers. */
        public static LocalDate[] parse(String value) {
            java.util.regex.Matcher year = YEAR_OR_QUARTER.matcher(value);
            if (year.matches() && (Integer.parseInt(year.group(1)) + 1) % 100 == Integer.parseInt(year.group(2))) {
                LocalDate start = LocalDate.of(Integer.parseInt(year.group(1)), 4, 1);
                if (year.group(3) == null) {
                    return new LocalDate[] { start, start.plusMonths(11) };
                }
                LocalDate quarter = start.plusMonths(3L * (Integer.parseInt(year.group(3)) - 1));
                return new LocalDate[] { quarter, quarter.plusMonths(2) };
            }
            java.util.regex.Matcher month = MONTH_OF_YEAR.matcher(value);
            if (month.matches() && Integer.parseInt(month.group(2)) >= 1 && Integer.parseInt(month.group(2)) <= 12) {
                LocalDate first = LocalDate.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)), 1);
                return new LocalDate[] { first, first };
            }
            throw new IllegalArgumentException("'" + value + "' is not a financial year (2025-26), a quarter (2025-26-Q1) "
                    + "or a month (2025-04)");
        }
    }
}
