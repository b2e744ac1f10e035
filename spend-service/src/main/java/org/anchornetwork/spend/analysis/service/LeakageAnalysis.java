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

    public record CategoryLeakage(String category, String categoryLabel, boolean influenceable, BigDecimal totalSpend,
            BigDecimal localSpend, BigDecimal localShare, BigDecimal nonLocalSpend, BigDecimal nonLocalShare,
            BigDecimal unknownLocationSpend, int localSuppliersPaid, int nonLocalSuppliersPaid,
            List<LeakingSupplier> topNonLocalSuppliers) {
    }

    public record Definitions(String financialYear, String tier, int tierVersion, String tierLabel, String scope,
            String denominator, String nonLocal, SpendAnalysis.Suppression suppression, String source) {
    }

    public record Leakage(Definitions definitions, List<CategoryLeakage> categories) {
    }

    /** A category's spend in the year by where its suppliers are: local, non-local, unknown; and suppliers paid. */
    private static final class Totals {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        BigDecimal local = total;
        BigDecimal nonLocal = total;
        BigDecimal unknown = total;
        int localSuppliers;
        int nonLocalSuppliers;
        /** The locality masks of the category's non-local suppliers (few: the combinations of tiers outside this one). */
        java.util.SortedSet<Integer> nonLocalLocalities = new java.util.TreeSet<>();
    }

    /** One of the non-local suppliers paid most: its name, how many anchors pay it, and whether others than the caller do. */
    private record Leak(UUID supplier, String name, BigDecimal amount, int anchors, boolean othersPay) {
    }

    public Leakage leakage(Question question, int top) {
        AnalysisDefinitions.Snapshot known = definitions.current();
        validate(question, known);
        return reader.session(session -> leakage(session, question, top, known));
    }

    private Leakage leakage(AnalysisReader.Session session, Question question, int top, AnalysisDefinitions.Snapshot known) {
        boolean suppress = question.scope() == AggregateQuery.Scope.NETWORK;
        Map<String, Totals> totals = totals(session, question);
        List<CategoryLeakage> categories = new ArrayList<>();
        int suppressedInAll = 0;
        for (Map.Entry<String, Totals> category : totals.entrySet()) {
            List<LeakingSupplier> shown = new ArrayList<>();
            int suppressed = 0;
            for (Leak leak : topNonLocal(session, question, category.getKey(), category.getValue().nonLocalLocalities, top)) {
                if (suppress && leak.anchors() < analysis.supplierThreshold() && leak.othersPay()) {
                    suppressed++;
                } else {
                    shown.add(new LeakingSupplier(leak.supplier(), leak.name(), leak.amount(), suppress ? leak.anchors() : null,
                            null, null));
                }
            }
            if (suppressed > 0) {
                shown.add(new LeakingSupplier(null, null, null, null, true, suppressed));
                suppressedInAll += suppressed;
            }
            Totals sums = category.getValue();
            AnalysisDefinitions.Category info = known.categories().get(category.getKey());
            categories.add(new CategoryLeakage(category.getKey(), info == null ? null : info.label(),
                    info == null || info.influenceable(), sums.total, sums.local, SpendAnalysis.share(sums.local, sums.total),
                    sums.nonLocal, SpendAnalysis.share(sums.nonLocal, sums.total), sums.unknown, sums.localSuppliers,
                    sums.nonLocalSuppliers, shown));
        }
        categories.sort(Comparator.comparing(CategoryLeakage::nonLocalSpend).reversed().thenComparing(CategoryLeakage::category));
        YearAndTier year = question.year();
        return new Leakage(new Definitions(year.financialYear(), year.tier(), year.version(), year.label(),
                question.scope().name(), question.denominator().name(), "Non-local: suppliers with a located site, none "
                        + "of them in the tier. Spend whose supplier's location is unknown is neither local nor non-local.",
                new SpendAnalysis.Suppression(analysis.supplierThreshold(), suppress, suppressedInAll, analysis.suppressionRule()),
                question.scope() == AggregateQuery.Scope.OWN ? "spend_cube_supplier_year" : "spend_cube_leakage"), categories);
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
            EconomicValue localEconomicValue, String note) {
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
        Totals sums = totals(session, question).getOrDefault(category, new Totals());
        BigDecimal local = sums.local;
        BigDecimal nonLocal = sums.nonLocal;
        BigDecimal total = sums.total;
        // Spend and re-spend of the category's surveyed suppliers, local and non-local.
        BigDecimal[] surveyed = surveyedRespend(session, question, category);
        Rate localRate = rate(mode, surveyed[0], surveyed[1], defaults.localSupplierRate());
        Rate nonLocalRate = rate(mode, surveyed[2], surveyed[3], defaults.nonLocalSupplierRate());
        BigDecimal movable = nonLocal.max(BigDecimal.ZERO);
        BigDecimal moved = movable.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        BigDecimal[] overall = overall(session, question);
        BigDecimal rl = localRate.percent().divide(HUNDRED);
        BigDecimal rn = nonLocalRate.percent().divide(HUNDRED);
        BigDecimal before = local.multiply(BigDecimal.ONE.add(rl)).add(nonLocal.multiply(rn)).setScale(2, RoundingMode.HALF_UP);
        BigDecimal gain = moved.multiply(BigDecimal.ONE.add(rl).subtract(rn)).setScale(2, RoundingMode.HALF_UP);
        YearAndTier year = question.year();
        return new WhatIf(year.financialYear(), year.tier(), year.version(), question.scope().name(),
                question.denominator().name(), category, percent, total, local, SpendAnalysis.share(local, total), nonLocal,
                moved, local.add(moved), SpendAnalysis.share(local.add(moved), total), overall[0], overall[1],
                SpendAnalysis.share(overall[1], overall[0]), overall[1].add(moved),
                SpendAnalysis.share(overall[1].add(moved), overall[0]),
                new EconomicValue(localRate, nonLocalRate, before, before.add(gain), gain, "Local economic value (NEF): "
                        + "local spend x (1 + local suppliers' re-spend rate) + non-local spend x non-local suppliers' "
                        + "local re-spend rate; moving M gains M x (1 + local rate - non-local rate)."),
                "Moves " + percent.stripTrailingZeros().toPlainString() + "% of the category's spend with non-local "
                        + "suppliers to local ones; spend of unknown location is not moved.");
    }

    /** A re-spend rate: surveyed suppliers' spend-weighted mean where surveys exist (and mode is surveyed), else the default. */
    private static Rate rate(Lm3Calculator.Mode mode, BigDecimal surveyedSpend, BigDecimal surveyedRespend, BigDecimal fallback) {
        if (mode == Lm3Calculator.Mode.SURVEYED && surveyedSpend.signum() > 0) {
            return new Rate(surveyedRespend.multiply(HUNDRED).divide(surveyedSpend, 2, RoundingMode.HALF_UP),
                    "SURVEYED: spend-weighted mean of the category's surveyed suppliers");
        }
        return new Rate(fallback, "MODELLED: the network's default rate");
    }

    /** The year's spend and local spend across every category, in the same scope and denominator. */
    private BigDecimal[] overall(AnalysisReader.Session session, Question question) {
        SqlParameters parameters = new SqlParameters();
        StringBuilder sql = new StringBuilder("select coalesce(sum(c.amount), 0), coalesce(sum(c.amount) filter (where ")
                .append(question.year().localSql()).append("), 0) from spend_cube_month c where c.month between ")
                .append(parameters.value(question.year().yearStart())).append(" and ")
                .append(parameters.value(question.year().yearStart().plusMonths(11)));
        if (question.denominator() == AggregateQuery.Denominator.INFLUENCEABLE) {
            sql.append(" and c.influenceable");
        }
        if (question.scope() == AggregateQuery.Scope.OWN) {
            sql.append(" and c.anchor_org_id = ").append(parameters.value(question.callerOrgId()));
        }
        return session.list(sql.toString(), parameters, row -> new BigDecimal[] { row.getBigDecimal(1).setScale(2),
            row.getBigDecimal(2).setScale(2) }).get(0);
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

    /**
     * Per category: spend local, non-local and of unknown location, and suppliers paid. The network's come from the
     * per-year category table; an anchor's own from the category cube and its own supplier rows.
     */
    private Map<String, Totals> totals(AnalysisReader.Session session, Question question) {
        Map<String, Totals> totals = new java.util.TreeMap<>();
        int bit = 1 << question.year().bit();
        SqlParameters parameters = new SqlParameters();
        StringBuilder sql = new StringBuilder();
        if (question.scope() == AggregateQuery.Scope.NETWORK) {
            sql.append("select c.category_code, c.locality, sum(c.amount), sum(c.suppliers) from ").append(Cube.CATEGORY_YEAR)
                    .append(" c where c.financial_year = ").append(parameters.value(question.year().yearStart()));
            conditions(question, sql, parameters, true);
        } else {
            sql.append("select c.category_code, c.locality, sum(c.amount), 0 from spend_cube_category c where c.month between ")
                    .append(parameters.value(question.year().yearStart())).append(" and ")
                    .append(parameters.value(question.year().yearStart().plusMonths(11)));
            conditions(question, sql, parameters, true);
        }
        sql.append(" group by 1, 2 having sum(c.payment_count) <> 0");
        session.list(sql.toString(), parameters, row -> {
            Totals sums = totals.computeIfAbsent(row.getString(1), c -> new Totals());
            int locality = row.getInt(2);
            BigDecimal amount = row.getBigDecimal(3).setScale(2);
            int suppliers = row.getInt(4);
            sums.total = sums.total.add(amount);
            if (locality < 0) {
                sums.unknown = sums.unknown.add(amount);
            } else if ((locality & bit) != 0) {
                sums.local = sums.local.add(amount);
                sums.localSuppliers += suppliers;
            } else {
                sums.nonLocal = sums.nonLocal.add(amount);
                sums.nonLocalSuppliers += suppliers;
                sums.nonLocalLocalities.add(locality);
            }
            return null;
        });
        if (question.scope() == AggregateQuery.Scope.OWN) {
            SqlParameters counting = new SqlParameters();
            StringBuilder suppliers = new StringBuilder("select c.category_code, (c.locality & ").append(bit)
                    .append(") <> 0, count(*) from ").append(supplierRows(question, counting))
                    .append(" and c.payment_count <> 0 and c.locality >= 0");
            conditions(question, suppliers, counting, false);
            suppliers.append(" group by 1, 2");
            session.list(suppliers.toString(), counting, row -> {
                Totals sums = totals.get(row.getString(1));
                if (sums != null) {
                    if (row.getBoolean(2)) {
                        sums.localSuppliers = row.getInt(3);
                    } else {
                        sums.nonLocalSuppliers = row.getInt(3);
                    }
                }
                return null;
            });
        }
        return totals;
    }

    /** The category, influenceable and scope conditions of a query on alias c. */
    private static void conditions(Question question, StringBuilder sql, SqlParameters parameters, boolean withScope) {
        if (!question.categories().isEmpty()) {
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
            sql.append("select c.supplier_id, sum(c.amount) as amount from ").append(supplierRows(question, parameters))
                    .append(" and c.category_code = ").append(parameters.value(category)).append(" and c.locality = any(")
                    .append(parameters.array("integer", localities.toArray())).append(") and c.payment_count <> 0")
                    .append(" group by c.supplier_id order by 2 desc, 1 limit ").append(top);
        } else {
            String branch = "(select c.supplier_id, c.amount from " + Cube.LEAKAGE.table + " c where c.financial_year = %s"
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
        sql.append(")\nselect t.supplier_id, s.name, t.amount, p.anchors, p.others from top t join supplier s on s.id = t.supplier_id\n")
                .append("cross join lateral (select count(distinct y.anchor_org_id) as anchors, count(*) filter (where ")
                .append("y.anchor_org_id <> ").append(parameters.value(question.callerOrgId())).append(") as others from ")
                .append("spend_cube_supplier_year y where y.supplier_id = t.supplier_id and y.financial_year = ")
                .append(parameters.value(question.year().yearStart())).append(" and y.category_code = ")
                .append(parameters.value(category)).append(" and y.payment_count <> 0) p\norder by t.amount desc, t.supplier_id");
        return session.list(sql.toString(), parameters, row -> new Leak(row.getObject(1, UUID.class), row.getString(2),
                row.getBigDecimal(3).setScale(2), row.getInt(4), row.getInt(5) > 0));
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
