package org.anchornetwork.spend.analysis.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.spend.geography.service.TierEpochs;
import org.anchornetwork.spend.rollup.Cube;
import org.anchornetwork.spend.rollup.SpendRollups;
import org.anchornetwork.spend.rollup.SupplierAtoms;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers aggregate queries from the smallest cube that holds every dimension they need (never from payments):
 * the cells' measures, a summary over all cells, and the definitions the figures rest on. Supplier-level cells that
 * include other anchors' spend are suppressed unless enough anchors pay that supplier.
 */
@ApplicationScoped
public class SpendAnalysis {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final AnalysisReader reader;
    private final AnalysisDefinitions definitions;
    private final int supplierThreshold;
    private final int maxCells;

    public SpendAnalysis(AnalysisReader reader, AnalysisDefinitions definitions,
            @ConfigProperty(name = "anchor.spend.analysis.supplier-threshold", defaultValue = "3") int supplierThreshold,
            @ConfigProperty(name = "anchor.spend.analysis.max-cells", defaultValue = "50000") int maxCells) {
        this.reader = reader;
        this.definitions = definitions;
        this.supplierThreshold = supplierThreshold;
        this.maxCells = maxCells;
    }

    /** Who asks: an analysis of the network, or of the caller's own payments. */
    public record Caller(String orgId) {
    }

    /** What the API returns: definitions, the cells of this page, a summary over all cells and the next page. */
    public record Result(Definitions definitions, List<String> drilldown, List<Map<String, Object>> cells,
            Map<String, Object> summary, int cellCount, String next) {
    }

    public record Definitions(String scope, String denominator, String denominatorDefinition, PeriodDefinition period,
            List<TierDefinition> tiers, Map<String, String> measures, Map<String, String> dimensions,
            List<String> nonInfluenceableCategories, Suppression suppression, String locationBasis, String currency,
            String source) {
    }

    public record PeriodDefinition(LocalDate from, LocalDate to, List<String> financialYears) {
    }

    public record TierDefinition(String tier, String label, List<TierVersionUse> versions) {
    }

    public record TierVersionUse(int version, List<String> financialYears) {
    }

    /**
     * How the privacy rule shaped the answer: how many supplier cells, other cells and single figures (a measure of a
     * cell or of the summary) it hid.
     */
    public record Suppression(int threshold, boolean applies, int suppressedSuppliers, int suppressedCells,
            int suppressedFigures, String rule) {
    }

    /** The cube a query is read from: the first (smallest) that has every column and the period grain it needs. */
    static Cube cubeFor(AggregateQuery query) {
        // Own spend is cut by anchor; a network answer's privacy needs to know which anchors pay (decision 0010).
        Set<Cube.Column> needed = EnumSet.of(Cube.Column.LOCALITY, Cube.Column.ANCHOR);
        boolean monthly = false;
        List<Dimension> used = new ArrayList<>(query.drilldowns());
        used.addAll(query.cuts().keySet());
        for (Dimension dimension : used) {
            if (dimension.column != null) {
                needed.add(dimension.column);
            }
            monthly |= !dimension.fits(Cube.Grain.FINANCIAL_YEAR);
        }
        if (query.denominator() == AggregateQuery.Denominator.INFLUENCEABLE) {
            needed.add(Cube.Column.INFLUENCEABLE);
        }
        if (query.measures().contains(Measure.SUPPLIER_COUNT)) {
            needed.add(Cube.Column.SUPPLIER);
        }
        for (Cube cube : Cube.values()) {
            if (cube.columns.containsAll(needed) && (!monthly || cube.grain == Cube.Grain.MONTH)) {
                return cube;
            }
        }
        return Cube.ROLLUP;
    }

    public Result aggregate(AggregateQuery query, Caller caller) {
        AnalysisDefinitions.Snapshot known = definitions.current();
        return reader.session(session -> aggregate(session, query, caller, known));
    }

    private Result aggregate(AnalysisReader.Session session, AggregateQuery query, Caller caller,
            AnalysisDefinitions.Snapshot known) {
        Cube cube = cubeFor(query);
        boolean network = query.scope() == AggregateQuery.Scope.NETWORK;
        boolean supplierCount = query.measures().contains(Measure.SUPPLIER_COUNT);
        int dimensions = query.drilldowns().size();

        SqlParameters parameters = new SqlParameters();
        String where = conditions(query, cube, known, caller, parameters);
        LocalDate[] period = period(session, query);
        List<AnalysisDefinitions.Tier> tiers = tiersIn(known, period);

        // One row per cell, locality and anchor: the tiers come from the locality, the privacy rule needs the anchors.
        StringBuilder sql = new StringBuilder("select ");
        for (Dimension dimension : query.drilldowns()) {
            sql.append(dimension.sql(cube.grain, known)).append(", ");
        }
        sql.append(CubeCells.columns(network)).append(" from ").append(relation(cube)).append(" c").append(joins(query)).append(" where ").append(where)
                .append(" group by ").append(ordinals(dimensions + 2)).append(" having sum(c.payment_count) <> 0");
        if (dimensions > 0) {
            sql.append(" order by ").append(ordinals(dimensions));
        }

        List<CubeCells.Cell> cells = CubeCells.read(session, sql.toString(), parameters, dimensions, tiers, network, maxCells);
        if (supplierCount) {
            supplierCounts(session, query, cube, known, where, parameters, cells);
        }

        // Privacy (decision 0010): what a network answer shows is decided on what it would reveal.
        List<Disclosure.Family> asked = families(query.measures(), tiers);
        Disclosure.Decision decision = network
                ? new Disclosure(supplierThreshold, caller.orgId()).decide(cells.stream().map(c -> c.parts).toList(), asked,
                        cells.stream().map(c -> c.sums.total.abs()).toList())
                : null;

        int supplierColumn = query.drilldowns().indexOf(Dimension.SUPPLIER);
        Map<UUID, String> supplierNames = supplierColumn >= 0
                ? supplierNames(session, cells.stream().map(c -> c.key).toList(), supplierColumn) : Map.of();
        List<Map<String, Object>> shown = new ArrayList<>();
        Map<List<Object>, int[]> suppressedByGroup = new LinkedHashMap<>();
        int suppressedSuppliers = 0;
        int suppressedCells = 0;
        int suppressedFigures = 0;
        CubeCells.Sums summarySums = new CubeCells.Sums(tiers.size());
        for (int c = 0; c < cells.size(); c++) {
            CubeCells.Cell cell = cells.get(c);
            summarySums.add(cell.sums);
            Disclosure.Shown decided = decision == null ? null : decision.cells().get(c);
            if (decided != null && decided.hidden()) {
                if (supplierColumn >= 0 && !SpendRollups.NO_SUPPLIER.equals(cell.key[supplierColumn])) {
                    // Hidden suppliers are counted in one cell per group, without names or figures.
                    List<Object> group = new ArrayList<>(java.util.Arrays.asList(cell.key));
                    group.set(supplierColumn, null);
                    suppressedByGroup.computeIfAbsent(group, g -> new int[1])[0]++;
                    suppressedSuppliers++;
                    continue;
                }
                Map<String, Object> hidden = new LinkedHashMap<>();
                putDimensions(hidden, query.drilldowns(), cell.key, known, supplierNames);
                hidden.put("suppressed", true);
                shown.add(hidden);
                suppressedCells++;
                continue;
            }
            Map<String, Object> presented = new LinkedHashMap<>();
            putDimensions(presented, query.drilldowns(), cell.key, known, supplierNames);
            suppressedFigures += putMeasures(presented, query.measures(), cell.sums, tiers, asked, decided);
            shown.add(presented);
        }
        for (Map.Entry<List<Object>, int[]> group : suppressedByGroup.entrySet()) {
            Map<String, Object> cell = new LinkedHashMap<>();
            putDimensions(cell, query.drilldowns(), group.getKey().toArray(), known, supplierNames);
            cell.put("suppressed", true);
            cell.put("suppressedSuppliers", group.getValue()[0]);
            shown.add(cell);
        }
        if (query.order() != null) {
            shown.sort(order(query.order(), query.descending()));
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        if (supplierCount) {
            summarySums.suppliers = supplierTotal(session, query, cube, where, parameters);
        }
        if (decision != null && decision.summary().hidden() && !cells.isEmpty()) {
            summary.put("suppressed", true);
            suppressedFigures++;
        } else {
            suppressedFigures += putMeasures(summary, query.measures(), summarySums, tiers, asked,
                    decision == null ? null : decision.summary());
        }

        int from = Math.min(query.offset(), shown.size());
        int to = Math.min(from + query.limit(), shown.size());
        String next = to < shown.size() ? Cursors.encode(Integer.toString(to)) : null;
        Definitions meaning = definitions(query, known, tiers, period, cube, new Suppression(supplierThreshold, network,
                suppressedSuppliers, suppressedCells, suppressedFigures, suppressionRule()));
        return new Result(meaning, query.drilldowns().stream().map(d -> d.apiName).toList(), shown.subList(from, to), summary,
                shown.size(), next);
    }

    private static String ordinals(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    /** The families of figures the measures publish: the total always, and the parts the measures name. */
    static List<Disclosure.Family> families(Set<Measure> measures, List<AnalysisDefinitions.Tier> tiers) {
        List<Disclosure.Family> families = new ArrayList<>();
        families.add(Disclosure.TOTAL);
        if (measures.contains(Measure.LOCAL_SPEND) || measures.contains(Measure.LOCAL_SHARE)) {
            tiers.forEach(tier -> families.add(Disclosure.local(tier.name(), tier.bit())));
        }
        if (measures.contains(Measure.UNKNOWN_LOCATION_SPEND) || measures.contains(Measure.UNKNOWN_LOCATION_SHARE)) {
            families.add(Disclosure.UNKNOWN_LOCATION);
        }
        if (measures.contains(Measure.SME_SPEND) || measures.contains(Measure.SME_SHARE)) {
            families.add(Disclosure.SME);
        }
        if (measures.contains(Measure.VCSE_SPEND) || measures.contains(Measure.VCSE_SHARE)) {
            families.add(Disclosure.VCSE);
        }
        if (measures.contains(Measure.SIGNATORY_SPEND) || measures.contains(Measure.SIGNATORY_SHARE)) {
            families.add(Disclosure.SIGNATORY);
        }
        return families;
    }

    /** Each cell's distinct suppliers (a count distinct does not add up over rows, so it is a query of its own). */
    private static void supplierCounts(AnalysisReader.Session session, AggregateQuery query, Cube cube,
            AnalysisDefinitions.Snapshot known, String where, SqlParameters parameters, List<CubeCells.Cell> cells) {
        int dimensions = query.drilldowns().size();
        StringBuilder sql = new StringBuilder("select ");
        for (Dimension dimension : query.drilldowns()) {
            sql.append(dimension.sql(cube.grain, known)).append(", ");
        }
        sql.append("count(distinct c.supplier_id) filter (where c.supplier_id <> ").append(SpendRollups.NO_SUPPLIER_SQL)
                .append(" and c.payment_count <> 0) from ").append(relation(cube)).append(" c").append(joins(query))
                .append(" where ").append(where);
        if (dimensions > 0) {
            sql.append(" group by ").append(ordinals(dimensions));
        }
        Map<List<Object>, Long> counts = new HashMap<>();
        session.list(sql.toString(), parameters, row -> {
            Object[] key = new Object[dimensions];
            for (int i = 0; i < dimensions; i++) {
                key[i] = row.getObject(i + 1);
            }
            return counts.put(java.util.Arrays.asList(key), row.getLong(dimensions + 1));
        });
        cells.forEach(cell -> cell.sums.suppliers = counts.getOrDefault(java.util.Arrays.asList(cell.key), 0L));
    }

    /** The suppression rule as the definitions state it. */
    public String suppressionRule() {
        return "In network answers no figure, and no difference of figures within one answer (such as a cell's total "
                + "less its parts, or the summary less the cells shown), may be attributable to one supplier unless at least "
                + supplierThreshold + " anchors pay that supplier within it, or the caller alone does. Such figures are null "
                + "and named in suppressedMeasures; where a cell's total would be, the cell is suppressed whole (hidden "
                + "suppliers are counted in one suppressed cell per group, without names or figures); where the cells hidden "
                + "would still single out a supplier, one more is hidden; a summary figure is shown only where every shown "
                + "cell shows it. An anchor always sees its own spend (scope=own).";
    }

    public int supplierThreshold() {
        return supplierThreshold;
    }

    /** The WHERE clause: scope, denominator, cuts. */
    static String conditions(AggregateQuery query, Cube cube, AnalysisDefinitions.Snapshot known, Caller caller,
            SqlParameters parameters) {
        List<String> conditions = new ArrayList<>();
        conditions.add("true");
        List<ProblemError> errors = new ArrayList<>();
        if (query.scope() == AggregateQuery.Scope.OWN) {
            conditions.add("c.anchor_org_id = " + parameters.value(caller.orgId()));
        }
        if (query.denominator() == AggregateQuery.Denominator.INFLUENCEABLE) {
            conditions.add("c.influenceable");
        }
        for (Map.Entry<Dimension, List<String>> cut : query.cuts().entrySet()) {
            try {
                conditions.add(cut.getKey().cutSql(cut.getValue(), cube.grain, known, parameters));
            } catch (IllegalArgumentException e) {
                errors.add(ProblemError.at("cut", "invalid-value", cut.getKey().apiName + ": " + e.getMessage()));
            }
        }
        if (!query.within().isEmpty()) {
            try {
                conditions.add(Dimension.withinSql(query.within(), known));
            } catch (IllegalArgumentException e) {
                errors.add(ProblemError.at("cut", "invalid-value", "within: " + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParameters(errors.size() + " cut(s) could not be read", errors);
        }
        return String.join(" and ", conditions);
    }

    /** The cube's rows as a relation with the cube columns (the rollup's through its contributions). */
    static String relation(Cube cube) {
        return cube == Cube.ROLLUP ? SpendRollups.rollupAsCube() : cube.table;
    }

    /** The joins the drilldowns and cuts need. */
    static String joins(AggregateQuery query) {
        List<Dimension> used = new ArrayList<>(query.drilldowns());
        used.addAll(query.cuts().keySet());
        return used.stream().map(Dimension::join).filter(java.util.Objects::nonNull).distinct()
                .map(join -> " " + join).collect(Collectors.joining());
    }

    /** The months the answer covers: its period cuts (intersected across period dimensions), else the months with spend. */
    private static LocalDate[] period(AnalysisReader.Session session, AggregateQuery query) {
        LocalDate from = null;
        LocalDate to = null;
        for (Dimension dimension : List.of(Dimension.FINANCIAL_YEAR, Dimension.QUARTER, Dimension.MONTH)) {
            List<String> values = query.cuts().getOrDefault(dimension, List.of());
            if (values.isEmpty()) {
                continue;
            }
            LocalDate first = null;
            LocalDate last = null;
            for (String value : values) {
                LocalDate[] range = Dimension.Period.parse(value);
                first = first == null || range[0].isBefore(first) ? range[0] : first;
                last = last == null || range[1].isAfter(last) ? range[1] : last;
            }
            from = from == null || first.isAfter(from) ? first : from;
            to = to == null || last.isBefore(to) ? last : to;
        }
        if (from == null) {
            LocalDate[] range = session.list("select min(month), max(month) from spend_cube_month", new SqlParameters(),
                    row -> new LocalDate[] { row.getObject(1, LocalDate.class), row.getObject(2, LocalDate.class) }).get(0);
            from = range[0];
            to = range[1];
        }
        return from == null || to.isBefore(from) ? null : new LocalDate[] { from, to };
    }

    /** The tiers in force in any financial year of the period, narrowest first. */
    private static List<AnalysisDefinitions.Tier> tiersIn(AnalysisDefinitions.Snapshot known, LocalDate[] period) {
        if (period == null) {
            return List.of();
        }
        Set<String> names = new java.util.HashSet<>();
        for (TierEpochs.Epoch epoch : known.epochs()) {
            if (!epoch.lastMonth().isBefore(period[0]) && !epoch.firstMonth().isAfter(period[1])) { // overlaps the period
                epoch.tiers().forEach(t -> names.add(t.name()));
            }
        }
        return known.tiers().stream().filter(t -> names.contains(t.name())).toList();
    }

    private static BigDecimal money(BigDecimal value) {
        return value == null ? ZERO : value.setScale(2, RoundingMode.UNNECESSARY);
    }

    static BigDecimal share(BigDecimal part, BigDecimal total) {
        return total.signum() == 0 ? null : part.multiply(HUNDRED).divide(total, 2, RoundingMode.HALF_UP);
    }

    private static Long supplierTotal(AnalysisReader.Session session, AggregateQuery query, Cube cube, String where,
            SqlParameters parameters) {
        return session.list("select count(distinct c.supplier_id) filter (where c.supplier_id <> " + SpendRollups.NO_SUPPLIER_SQL
                + " and c.payment_count <> 0) from " + relation(cube) + " c" + joins(query) + " where " + where, parameters,
                row -> row.getLong(1)).get(0);
    }

    private static void putDimensions(Map<String, Object> cell, List<Dimension> drilldowns, Object[] key,
            AnalysisDefinitions.Snapshot known, Map<UUID, String> supplierNames) {
        for (int i = 0; i < drilldowns.size(); i++) {
            Dimension dimension = drilldowns.get(i);
            Object value = key[i] == null ? null : dimension.present(key[i]);
            cell.put(dimension.apiName, value);
            switch (dimension) {
                case ANCHOR -> cell.put("anchorName", value == null ? null
                        : known.anchors().containsKey(value) ? known.anchors().get(value).name() : value);
                case CATEGORY -> cell.put("categoryLabel", value == null || !known.categories().containsKey(value) ? null
                        : known.categories().get(value).label());
                case LOCAL_AUTHORITY -> cell.put("localAuthorityName", value == null ? null : known.districtNames().get(value));
                case REGION -> cell.put("regionName", value == null ? null : AnalysisDefinitions.REGION_NAMES.get(value));
                case TIER -> cell.put("tierLabel", value == null ? null : known.tier((String) value) == null
                        ? (AnalysisDefinitions.OUTSIDE.equals(value) ? "Outside every tier" : "Location unknown")
                        : known.tier((String) value).label());
                case SUPPLIER -> cell.put("supplierName", key[i] == null ? null : value == null
                        ? "Redacted payees and payees not matched to a supplier" : supplierNames.get((UUID) value));
                default -> {
                }
            }
        }
    }

    /**
     * Puts the measures of a cell (or the summary); where the privacy decision hides a family, its figures are null and
     * named in suppressedMeasures. Returns how many figures were hidden.
     */
    private static int putMeasures(Map<String, Object> cell, Set<Measure> measures, CubeCells.Sums sums,
            List<AnalysisDefinitions.Tier> tiers, List<Disclosure.Family> asked, Disclosure.Shown decided) {
        List<String> suppressed = new ArrayList<>();
        for (Measure measure : measures) {
            switch (measure) {
                case PAYMENT_COUNT -> cell.put(measure.apiName, sums.payments);
                case SUPPLIER_COUNT -> cell.put(measure.apiName, sums.suppliers);
                case LOCAL_SPEND, LOCAL_SHARE -> {
                    Map<String, BigDecimal> byTier = new LinkedHashMap<>();
                    for (int i = 0; i < tiers.size(); i++) {
                        String name = tiers.get(i).name();
                        boolean hidden = decided != null && !decided.shows(familyNamed(asked, "local." + name));
                        if (hidden) {
                            suppressed.add(measure.apiName + "." + name);
                        }
                        byTier.put(name, hidden ? null
                                : measure == Measure.LOCAL_SPEND ? sums.local[i] : share(sums.positiveLocal[i], sums.positive));
                    }
                    cell.put(measure.apiName, byTier);
                }
                default -> {
                    Disclosure.Family family = switch (measure) {
                        case SME_SPEND, SME_SHARE -> Disclosure.SME;
                        case VCSE_SPEND, VCSE_SHARE -> Disclosure.VCSE;
                        case SIGNATORY_SPEND, SIGNATORY_SHARE -> Disclosure.SIGNATORY;
                        case UNKNOWN_LOCATION_SPEND, UNKNOWN_LOCATION_SHARE -> Disclosure.UNKNOWN_LOCATION;
                        default -> Disclosure.TOTAL;
                    };
                    boolean hidden = decided != null && !decided.shows(family);
                    if (hidden) {
                        suppressed.add(measure.apiName);
                    }
                    cell.put(measure.apiName, hidden ? null : switch (measure) {
                        case POSITIVE_SPEND -> sums.positive;
                        case SME_SPEND -> sums.sme;
                        case SME_SHARE -> share(sums.positiveSme, sums.positive);
                        case VCSE_SPEND -> sums.vcse;
                        case VCSE_SHARE -> share(sums.positiveVcse, sums.positive);
                        case SIGNATORY_SPEND -> sums.signatory;
                        case SIGNATORY_SHARE -> share(sums.positiveSignatory, sums.positive);
                        case UNKNOWN_LOCATION_SPEND -> sums.unknown;
                        case UNKNOWN_LOCATION_SHARE -> share(sums.positiveUnknown, sums.positive);
                        default -> sums.total;
                    });
                }
            }
        }
        if (!suppressed.isEmpty()) {
            cell.put("suppressedMeasures", suppressed);
        }
        return suppressed.size();
    }

    private static Disclosure.Family familyNamed(List<Disclosure.Family> families, String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<UUID, String> supplierNames(AnalysisReader.Session session, List<Object[]> keys, int column) {
        Set<UUID> ids = keys.stream().map(k -> (UUID) k[column]).filter(id -> !SpendRollups.NO_SUPPLIER.equals(id))
                .collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        SqlParameters parameters = new SqlParameters();
        String sql = "select id, name from supplier where id = any(" + parameters.array("uuid", ids.toArray()) + ")";
        Map<UUID, String> names = new HashMap<>();
        session.list(sql, parameters, row -> names.put(row.getObject(1, UUID.class), row.getString(2)));
        return names;
    }

    /** Orders cells by a dimension or a measure ("localShare.darlington" for one tier's); missing values last. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Comparator<Map<String, Object>> order(String key, boolean descending) {
        String[] path = key.split("\\.", 2);
        Comparator<Comparable> values = descending ? Comparator.<Comparable>reverseOrder() : Comparator.<Comparable>naturalOrder();
        return Comparator.comparing(cell -> {
            Object value = cell.get(path[0]);
            if (path.length == 2 && value instanceof Map<?, ?> byTier) {
                value = byTier.get(path[1]);
            }
            return value instanceof Comparable comparable ? comparable : null;
        }, Comparator.nullsLast(values));
    }

    private Definitions definitions(AggregateQuery query, AnalysisDefinitions.Snapshot known,
            List<AnalysisDefinitions.Tier> tiers, LocalDate[] period, Cube cube, Suppression suppression) {
        PeriodDefinition periodDefinition = null;
        List<TierDefinition> tierDefinitions = new ArrayList<>();
        if (period != null) {
            List<String> years = new ArrayList<>();
            for (LocalDate year = TierEpochs.financialYearStart(period[0]); !year.isAfter(period[1]); year = year.plusYears(1)) {
                years.add(TierEpochs.financialYearName(year));
            }
            periodDefinition = new PeriodDefinition(period[0], period[1].plusMonths(1).minusDays(1), years);
            for (AnalysisDefinitions.Tier tier : tiers) {
                Map<Integer, List<String>> versions = new java.util.TreeMap<>();
                for (LocalDate year = TierEpochs.financialYearStart(period[0]); !year.isAfter(period[1]); year = year.plusYears(1)) {
                    LocalDate month = year;
                    TierEpochs.inForce(known.epochs(), month).stream().filter(t -> t.name().equals(tier.name())).findFirst()
                            .ifPresent(t -> versions.computeIfAbsent(t.version(), v -> new ArrayList<>())
                                    .add(TierEpochs.financialYearName(month)));
                }
                tierDefinitions.add(new TierDefinition(tier.name(), tier.label(), versions.entrySet().stream()
                        .map(e -> new TierVersionUse(e.getKey(), e.getValue())).toList()));
            }
        }
        Map<String, String> measures = new LinkedHashMap<>();
        query.measures().forEach(m -> measures.put(m.apiName, m.description));
        Map<String, String> dimensions = new LinkedHashMap<>();
        query.drilldowns().forEach(d -> dimensions.put(d.apiName, d.description));
        List<String> excluded = known.categories().values().stream().filter(c -> !c.influenceable())
                .map(AnalysisDefinitions.Category::code).toList();
        String denominatorDefinition = query.denominator() == AggregateQuery.Denominator.ALL
                ? "All spend: every payment the anchors recorded, redacted ones included"
                : "Influenceable spend: payments whose category is influenceable; the categories left out are listed";
        return new Definitions(query.scope() == AggregateQuery.Scope.OWN ? "OWN" : "NETWORK", query.denominator().name(),
                denominatorDefinition, periodDefinition, tierDefinitions, measures, dimensions, excluded, suppression,
                "A supplier is local to a tier when it is based or branched there: its registered office or a branch "
                        + "postcode lies in the tier's districts, regions or combined authorities (ONS postcode lookup). "
                        + "Each financial year uses the version of each tier in force on its last day.",
                "GBP", cube.table == null ? "spend_rollup" : cube.table);
    }
}
