package org.anchornetwork.spend.analysis.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.spend.lm3.service.Lm3Calculator;
import org.anchornetwork.spend.rollup.Cube;
import org.anchornetwork.spend.rollup.SupplierAtoms;

/**
 * Where the network's spend leaks: per category, the suppliers outside a tier that are paid most, with how many
 * suppliers inside it the network already pays (the opportunity list); and what moving part of a category's
 * non-local spend to local suppliers would change, in local spend and, through LM3 re-spend rates, in local
 * economic value. Read from the per-year supplier cube.
 */
@ApplicationScoped
public class LeakageAnalysis {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final AnalysisReader reader;
    private final AnalysisDefinitions definitions;
    private final SpendAnalysis analysis;
    private final Lm3Calculator lm3;

    public LeakageAnalysis(AnalysisReader reader, AnalysisDefinitions definitions, SpendAnalysis analysis, Lm3Calculator lm3) {
        this.reader = reader;
        this.definitions = definitions;
        this.analysis = analysis;
        this.lm3 = lm3;
    }

    /** What is asked: a year and tier, categories (none: all), the denominator and scope, and the caller. */
    public record Question(YearAndTier year, List<String> categories, AggregateQuery.Denominator denominator,
            AggregateQuery.Scope scope, String callerOrgId) {
    }

    public record LeakingSupplier(UUID supplierId, String supplierName, BigDecimal spend, Integer anchorsPaying,
            Boolean suppressed, Integer suppressedSuppliers) {
    }

    /** A category's leakage; figures the privacy rule hides are null and named in suppressedMeasures. */
    public record CategoryLeakage(String category, String categoryLabel, boolean influenceable, BigDecimal totalSpend,
            BigDecimal localSpend, BigDecimal localShare, BigDecimal nonLocalSpend, BigDecimal nonLocalShare,
            BigDecimal unknownLocationSpend, int localSuppliersPaid, int nonLocalSuppliersPaid,
            List<LeakingSupplier> topNonLocalSuppliers, List<String> suppressedMeasures) {
    }

    public record Definitions(String financialYear, String tier, int tierVersion, String tierLabel, String scope,
            String denominator, String nonLocal, SpendAnalysis.Suppression suppression, String source) {
    }

    public record Leakage(Definitions definitions, List<CategoryLeakage> categories) {
    }

    /** One of the non-local suppliers paid most: its name, who pays it, and other anchors' payments as atom sums. */
    private record Leak(UUID supplier, String name, BigDecimal amount, int locality, int anchors, boolean othersPay,
            long othersPayments, long hash) {

        Disclosure.Line line() {
            return new Disclosure.Line(locality, 0, othersPayments, othersPayments * hash, othersPayments * hash * hash, anchors,
                    othersPay);
        }
    }

    /** The families a category's leakage publishes: its total, local, non-local and unknown-location spend. */
    private static List<Disclosure.Family> families(YearAndTier year) {
        return List.of(Disclosure.TOTAL, Disclosure.local(year.tier(), year.bit()), Disclosure.nonLocal(year.tier(), year.bit()),
                Disclosure.UNKNOWN_LOCATION);
    }

    public Leakage leakage(Question question, int top) {
        AnalysisDefinitions.Snapshot known = definitions.current();
        validate(question, known);
        return reader.session(session -> leakage(session, question, top, known));
    }

    private Leakage leakage(AnalysisReader.Session session, Question question, int top, AnalysisDefinitions.Snapshot known) {
        boolean network = question.scope() == AggregateQuery.Scope.NETWORK;
        Disclosure disclosure = new Disclosure(analysis.supplierThreshold(), question.callerOrgId());
        List<Disclosure.Family> asked = families(question.year());
        Map<String, CubeCells.Cell> cells = categoryCells(session, question, network);
        Map<String, int[]> supplierCounts = supplierCounts(session, question);
        List<CategoryLeakage> categories = new ArrayList<>();
        int suppressedInAll = 0;
        int suppressedFigures = 0;
        for (Map.Entry<String, CubeCells.Cell> category : cells.entrySet()) {
            CubeCells.Cell cell = category.getValue();
            List<Disclosure.Family> kept = network ? disclosure.keep(cell.parts, asked) : asked;
            java.util.SortedSet<Integer> nonLocal = new java.util.TreeSet<>(cell.localities.stream()
                    .filter(locality -> locality >= 0 && (locality & (1 << question.year().bit())) == 0).toList());
            List<Leak> leaks = topNonLocal(session, question, category.getKey(), nonLocal, top);
            boolean[] shownLines = network ? disclosure.showLines(cell.parts, kept, leaks.stream().map(Leak::line).toList())
                    : null;
            List<LeakingSupplier> shown = new ArrayList<>();
            int suppressed = 0;
            for (int i = 0; i < leaks.size(); i++) {
                Leak leak = leaks.get(i);
                if (shownLines != null && !shownLines[i]) {
                    suppressed++;
                } else {
                    shown.add(new LeakingSupplier(leak.supplier(), leak.name(), leak.amount(), network ? leak.anchors() : null,
                            null, null));
                }
            }
            if (suppressed > 0) {
                shown.add(new LeakingSupplier(null, null, null, null, true, suppressed));
                suppressedInAll += suppressed;
            }
            CubeCells.Sums sums = cell.sums;
            BigDecimal local = sums.local[0];
            BigDecimal nonLocalSpend = sums.total.subtract(local).subtract(sums.unknown);
            BigDecimal positiveNonLocal = sums.positive.subtract(sums.positiveLocal[0]).subtract(sums.positiveUnknown);
            List<String> hidden = new ArrayList<>();
            boolean totalShown = shows(kept, Disclosure.TOTAL, "totalSpend", hidden);
            boolean localShown = shows(kept, asked.get(1), "localSpend", hidden);
            boolean nonLocalShown = shows(kept, asked.get(2), "nonLocalSpend", hidden);
            boolean unknownShown = shows(kept, Disclosure.UNKNOWN_LOCATION, "unknownLocationSpend", hidden);
            suppressedFigures += hidden.size();
            int[] counts = supplierCounts.getOrDefault(category.getKey(), new int[2]);
            AnalysisDefinitions.Category info = known.categories().get(category.getKey());
            categories.add(new CategoryLeakage(category.getKey(), info == null ? null : info.label(),
                    info == null || info.influenceable(), totalShown ? sums.total : null, localShown ? local : null,
                    localShown ? SpendAnalysis.share(sums.positiveLocal[0], sums.positive) : null,
                    nonLocalShown ? nonLocalSpend : null,
                    nonLocalShown ? SpendAnalysis.share(positiveNonLocal, sums.positive) : null,
                    unknownShown ? sums.unknown : null, counts[0], counts[1], shown, hidden.isEmpty() ? null : hidden));
        }
        categories.sort(Comparator.comparing(CategoryLeakage::nonLocalSpend, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(CategoryLeakage::category));
        YearAndTier year = question.year();
        return new Leakage(new Definitions(year.financialYear(), year.tier(), year.version(), year.label(),
                question.scope().name(), question.denominator().name(), "Non-local: suppliers with a located site, none "
                        + "of them in the tier. Spend whose supplier's location is unknown is neither local nor non-local. "
                        + "Shares are of positive spend (credits netted per supplier, month and expense type).",
                new SpendAnalysis.Suppression(analysis.supplierThreshold(), network, suppressedInAll, 0, suppressedFigures,
                        analysis.suppressionRule()),
                network ? "spend_cube_category, spend_cube_leakage" : "spend_cube_category, spend_cube_supplier_year"),
                categories);
    }

    /** Whether the family is kept; if not, names the figure as suppressed. */
    private static boolean shows(List<Disclosure.Family> kept, Disclosure.Family family, String figure, List<String> hidden) {
        if (kept.contains(family)) {
            return true;
        }
        hidden.add(figure);
        return false;
    }

    public record Rate(BigDecimal percent, String source) {
    }

    public record EconomicValue(Rate localSupplierRespend, Rate nonLocalSupplierRespend, BigDecimal before, BigDecimal after,
            BigDecimal gain, String method) {
    }

    public record WhatIf(String financialYear, String tier, int tierVersion, String scope, String denominator, String category,
            BigDecimal percentMoved, BigDecimal categorySpend, BigDecimal categoryLocalSpendBefore,
            BigDecimal categoryLocalShareBefore, BigDecimal categoryNonLocalSpendBefore, BigDecimal moved,
            BigDecimal categoryLocalSpendAfter, BigDecimal categoryLocalShareAfter, BigDecimal totalSpend,
            BigDecimal localSpendBefore, BigDecimal localShareBefore, BigDecimal localSpendAfter, BigDecimal localShareAfter,
            EconomicValue localEconomicValue, String note, List<String> suppressedMeasures) {
    }

    /** Moving {@code percent}% of the category's non-local spend to local suppliers. */
    public WhatIf whatIf(Question question, BigDecimal percent, Lm3Calculator.Mode mode) {
        if (question.categories().size() != 1) {
            throw ApiProblemException.invalidParameter("category", "one of the network's categories, exactly one");
        }
        AnalysisDefinitions.Snapshot known = definitions.current();
        validate(question, known);
        Lm3Calculator.Rates defaults = lm3.defaultRates();
        return reader.session(session -> whatIf(session, question, percent, mode, defaults));
    }

    private WhatIf whatIf(AnalysisReader.Session session, Question question, BigDecimal percent, Lm3Calculator.Mode mode,
            Lm3Calculator.Rates defaults) {
        String category = question.categories().get(0);
        boolean network = question.scope() == AggregateQuery.Scope.NETWORK;
        List<AnalysisDefinitions.Tier> tiers = List.of(tierOf(question.year()));
        CubeCells.Cell cell = categoryCells(session, question, network).getOrDefault(category,
                new CubeCells.Cell(new Object[] { category }, 1));
        CubeCells.Cell all = yearCell(session, question, network, tiers);
        // The figures rest on the category's total, local and non-local spend, and the year's total and local spend.
        Disclosure disclosure = new Disclosure(analysis.supplierThreshold(), question.callerOrgId());
        List<Disclosure.Family> asked = families(question.year()).subList(0, 3);
        boolean categoryShown = !network || disclosure.keep(cell.parts, asked).size() == asked.size();
        boolean yearShown = !network || disclosure.keep(all.parts, asked.subList(0, 2)).size() == 2;

        BigDecimal total = cell.sums.positive;
        BigDecimal local = cell.sums.positiveLocal[0];
        BigDecimal nonLocal = total.subtract(local).subtract(cell.sums.positiveUnknown);
        // Surveyed suppliers' spend and re-spend, local and non-local.
        BigDecimal[] surveyed = surveyedRespend(session, question, category);
        Rate localRate = rate(mode, surveyed[0], surveyed[1], defaults.localSupplierRate());
        Rate nonLocalRate = rate(mode, surveyed[2], surveyed[3], defaults.nonLocalSupplierRate());
        BigDecimal moved = nonLocal.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        BigDecimal rl = localRate.percent().divide(HUNDRED);
        BigDecimal rn = nonLocalRate.percent().divide(HUNDRED);
        BigDecimal before = local.multiply(BigDecimal.ONE.add(rl)).add(nonLocal.multiply(rn)).setScale(2, RoundingMode.HALF_UP);
        BigDecimal gain = moved.multiply(BigDecimal.ONE.add(rl).subtract(rn)).setScale(2, RoundingMode.HALF_UP);
        BigDecimal yearTotal = all.sums.positive;
        BigDecimal yearLocal = all.sums.positiveLocal[0];
        List<String> hidden = new ArrayList<>();
        if (!categoryShown) {
            hidden.addAll(List.of("categorySpend", "categoryLocalSpendBefore", "categoryLocalShareBefore",
                    "categoryNonLocalSpendBefore", "moved", "categoryLocalSpendAfter", "categoryLocalShareAfter",
                    "localSpendAfter", "localShareAfter", "localEconomicValue"));
        }
        if (!yearShown) {
            hidden.addAll(List.of("totalSpend", "localSpendBefore", "localShareBefore"));
            if (categoryShown) {
                hidden.addAll(List.of("localSpendAfter", "localShareAfter"));
            }
        }
        boolean after = categoryShown && yearShown;
        YearAndTier year = question.year();
        return new WhatIf(year.financialYear(), year.tier(), year.version(), question.scope().name(),
                question.denominator().name(), category, percent, categoryShown ? total : null,
                categoryShown ? local : null, categoryShown ? SpendAnalysis.share(local, total) : null,
                categoryShown ? nonLocal : null, categoryShown ? moved : null, categoryShown ? local.add(moved) : null,
                categoryShown ? SpendAnalysis.share(local.add(moved), total) : null, yearShown ? yearTotal : null,
                yearShown ? yearLocal : null, yearShown ? SpendAnalysis.share(yearLocal, yearTotal) : null,
                after ? yearLocal.add(moved) : null, after ? SpendAnalysis.share(yearLocal.add(moved), yearTotal) : null,
                categoryShown ? new EconomicValue(localRate, nonLocalRate, before, before.add(gain), gain, "Local economic value "
                        + "(NEF): local spend x (1 + local suppliers' re-spend rate) + non-local spend x non-local suppliers' "
                        + "local re-spend rate; moving M gains M x (1 + local rate - non-local rate).") : null,
                "Moves " + percent.stripTrailingZeros().toPlainString() + "% of the category's positive spend with non-local "
                        + "suppliers (payments net of credit notes per supplier, month and expense type) to local ones; spend "
                        + "of unknown location is not moved. Spend figures here are positive spend.",
                hidden.isEmpty() ? null : hidden);
    }

    /** A re-spend rate: surveyed suppliers' spend-weighted mean where surveys exist (and mode is surveyed), else the default. */
    private static Rate rate(Lm3Calculator.Mode mode, BigDecimal surveyedSpend, BigDecimal surveyedRespend, BigDecimal fallback) {
        if (mode == Lm3Calculator.Mode.SURVEYED && surveyedSpend.signum() > 0) {
            return new Rate(surveyedRespend.multiply(HUNDRED).divide(surveyedSpend, 2, RoundingMode.HALF_UP),
                    "SURVEYED: spend-weighted mean of the category's surveyed suppliers");
        }
        return new Rate(fallback, "MODELLED: the network's default rate");
    }

    /** The tier of the question as the cube readers take it. */
    private static AnalysisDefinitions.Tier tierOf(YearAndTier year) {
        return new AnalysisDefinitions.Tier(year.tier(), year.bit(), year.label(), 0);
    }

    /** The year's spend across every category as one cell, in the question's scope and denominator. */
    private CubeCells.Cell yearCell(AnalysisReader.Session session, Question question, boolean atoms,
            List<AnalysisDefinitions.Tier> tiers) {
        SqlParameters parameters = new SqlParameters();
        StringBuilder sql = new StringBuilder("select ").append(CubeCells.columns(atoms)).append(" from spend_cube_month c where ")
                .append(yearMonths(question, parameters));
        conditions(question, sql, parameters, true, false);
        sql.append(" group by 1, 2");
        List<CubeCells.Cell> cells = CubeCells.read(session, sql.toString(), parameters, 0, tiers, atoms, 1);
        return cells.isEmpty() ? new CubeCells.Cell(new Object[0], tiers.size()) : cells.get(0);
    }

    /** Each category's spend in the year (these categories; none: all), in the question's scope and denominator. */
    private Map<String, CubeCells.Cell> categoryCells(AnalysisReader.Session session, Question question, boolean atoms) {
        SqlParameters parameters = new SqlParameters();
        StringBuilder sql = new StringBuilder("select c.category_code, ").append(CubeCells.columns(atoms))
                .append(" from spend_cube_category c where ").append(yearMonths(question, parameters));
        conditions(question, sql, parameters, true, true);
        sql.append(" group by 1, 2, 3 having sum(c.payment_count) <> 0 order by 1");
        Map<String, CubeCells.Cell> cells = new java.util.TreeMap<>();
        for (CubeCells.Cell cell : CubeCells.read(session, sql.toString(), parameters, 1, List.of(tierOf(question.year())),
                atoms, Integer.MAX_VALUE)) {
            cells.put((String) cell.key[0], cell);
        }
        return cells;
    }

    private static String yearMonths(Question question, SqlParameters parameters) {
        return "c.month between " + parameters.value(question.year().yearStart()) + " and "
                + parameters.value(question.year().yearStart().plusMonths(11));
    }

    private static void validate(Question question, AnalysisDefinitions.Snapshot known) {
        for (String category : question.categories()) {
            if (!known.categories().containsKey(category)) {
                throw ApiProblemException.invalidParameter("category", "'" + category + "' is not one of the network's categories");
            }
        }
    }

    /** The supplier table the question reads (own spend needs the anchor) and its conditions after "where". */
    private static String supplierRows(Question question, SqlParameters parameters) {
        boolean own = question.scope() == AggregateQuery.Scope.OWN;
        StringBuilder sql = new StringBuilder(own ? "spend_cube_supplier_year" : "spend_cube_leakage")
                .append(" c where c.financial_year = ").append(parameters.value(question.year().yearStart()));
        if (own) {
            sql.append(" and c.anchor_org_id = ").append(parameters.value(question.callerOrgId()));
        }
        if (question.denominator() == AggregateQuery.Denominator.INFLUENCEABLE) {
            sql.append(" and c.influenceable");
        }
        return sql.toString();
    }

    /** Per category: how many local and non-local suppliers are paid in the year (the network's from the per-year table). */
    private Map<String, int[]> supplierCounts(AnalysisReader.Session session, Question question) {
        Map<String, int[]> counts = new java.util.HashMap<>();
        int bit = 1 << question.year().bit();
        SqlParameters parameters = new SqlParameters();
        StringBuilder sql = new StringBuilder("select c.category_code, (c.locality & ").append(bit).append(") <> 0, ");
        if (question.scope() == AggregateQuery.Scope.NETWORK) {
            sql.append("sum(c.suppliers) from ").append(Cube.CATEGORY_YEAR).append(" c where c.financial_year = ")
                    .append(parameters.value(question.year().yearStart()));
            conditions(question, sql, parameters, true, true);
        } else {
            sql.append("count(*) from ").append(supplierRows(question, parameters)).append(" and c.payment_count <> 0");
            conditions(question, sql, parameters, false, true);
        }
        sql.append(" and c.locality >= 0 group by 1, 2");
        session.list(sql.toString(), parameters, row -> counts.computeIfAbsent(row.getString(1), c -> new int[2])
                [row.getBoolean(2) ? 0 : 1] = row.getInt(3));
        return counts;
    }

    /** The category (where {@code byCategory}), influenceable and scope conditions of a query on alias c. */
    private static void conditions(Question question, StringBuilder sql, SqlParameters parameters, boolean withScope,
            boolean byCategory) {
        if (byCategory && !question.categories().isEmpty()) {
            sql.append(" and c.category_code = any(").append(parameters.array("varchar", question.categories().toArray())).append(')');
        }
        if (withScope) {
            if (question.denominator() == AggregateQuery.Denominator.INFLUENCEABLE) {
                sql.append(" and c.influenceable");
            }
            if (question.scope() == AggregateQuery.Scope.OWN) {
                sql.append(" and c.anchor_org_id = ").append(parameters.value(question.callerOrgId()));
            }
        }
    }

    /**
     * The category's non-local suppliers paid most, with their names and who pays them, in one statement: for the
     * network, the top of each non-local locality read from the leakage cube's spend-ordered index and merged, so
     * the plan is the same whatever the values.
     */
    private static List<Leak> topNonLocal(AnalysisReader.Session session, Question question, String category,
            java.util.SortedSet<Integer> localities, int top) {
        if (localities.isEmpty()) {
            return List.of();
        }
        SqlParameters parameters = new SqlParameters();
        StringBuilder sql = new StringBuilder("with top as (");
        if (question.scope() == AggregateQuery.Scope.OWN) {
            sql.append("select c.supplier_id, sum(c.amount) as amount, min(c.locality) as locality from ")
                    .append(supplierRows(question, parameters))
                    .append(" and c.category_code = ").append(parameters.value(category)).append(" and c.locality = any(")
                    .append(parameters.array("integer", localities.toArray())).append(") and c.payment_count <> 0")
                    .append(" group by c.supplier_id order by 2 desc, 1 limit ").append(top);
        } else {
            String branch = "(select c.supplier_id, c.amount, c.locality from " + Cube.LEAKAGE.table + " c where c.financial_year = %s"
                    + " and c.category_code = %s and c.locality = %s and c.payment_count <> 0"
                    + (question.denominator() == AggregateQuery.Denominator.INFLUENCEABLE ? " and c.influenceable" : "")
                    + " order by c.amount desc limit " + top + ")";
            List<String> branches = new ArrayList<>();
            for (int locality : localities) {
                branches.add(branch.formatted(parameters.value(question.year().yearStart()), parameters.value(category),
                        parameters.value(locality)));
            }
            sql.append("select * from (").append(String.join(" union all ", branches)).append(") u order by 2 desc, 1 limit ")
                    .append(top);
        }
        sql.append(")\nselect t.supplier_id, s.name, t.amount, t.locality, p.anchors, p.others, p.other_payments, ")
                .append(SupplierAtoms.hashSql("t.supplier_id", "false")).append(" from top t join supplier s on s.id = t.supplier_id\n")
                .append("cross join lateral (select count(distinct y.anchor_org_id) as anchors, count(*) filter (where ")
                .append("y.anchor_org_id <> ").append(parameters.value(question.callerOrgId()))
                .append(") as others, coalesce(sum(y.payment_count) filter (where y.anchor_org_id <> ")
                .append(parameters.value(question.callerOrgId())).append("), 0) as other_payments from ")
                .append("spend_cube_supplier_year y where y.supplier_id = t.supplier_id and y.financial_year = ")
                .append(parameters.value(question.year().yearStart())).append(" and y.category_code = ")
                .append(parameters.value(category)).append(" and y.payment_count <> 0) p\norder by t.amount desc, t.supplier_id");
        return session.list(sql.toString(), parameters, row -> new Leak(row.getObject(1, UUID.class), row.getString(2),
                row.getBigDecimal(3).setScale(2), row.getInt(4), row.getInt(5), row.getInt(6) > 0, row.getLong(7), row.getLong(8)));
    }

    /** Spend with the category's surveyed suppliers and what they re-spend: local spend, re-spend, non-local, re-spend. */
    private static BigDecimal[] surveyedRespend(AnalysisReader.Session session, Question question, String category) {
        SqlParameters parameters = new SqlParameters();
        String sql = "with survey as (select distinct on (supplier_id) supplier_id, staff_local_share + supplier_local_share as rate "
                + "from lm3_supplier_survey where financial_year <= " + parameters.value(question.year().yearStart())
                + " order by supplier_id, financial_year desc) select (c.locality & " + (1 << question.year().bit())
                + ") <> 0, sum(c.amount), sum(c.amount * s.rate / 100) from survey s, " + supplierRows(question, parameters)
                + " and c.supplier_id = s.supplier_id and c.category_code = " + parameters.value(category)
                + " and c.locality >= 0 and c.amount > 0 group by 1";
        BigDecimal[] surveyed = { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO };
        session.list(sql, parameters, row -> {
            int at = row.getBoolean(1) ? 0 : 2;
            surveyed[at] = row.getBigDecimal(2);
            surveyed[at + 1] = row.getBigDecimal(3);
            return null;
        });
        return surveyed;
    }

}
