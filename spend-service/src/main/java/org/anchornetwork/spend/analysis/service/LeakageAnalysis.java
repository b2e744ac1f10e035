package org.anchornetwork.spend.analysis.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.spend.lm3.service.Lm3Calculator;
import org.anchornetwork.spend.rollup.SpendRollups;

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

    /** One supplier's spend in a category: where it is, and who pays it. */
    private record Row(String category, int locality, UUID supplier, BigDecimal amount, int anchors, boolean onlyCaller) {
    }

    public Leakage leakage(Question question, int top) {
        AnalysisDefinitions.Snapshot known = definitions.current();
        List<Row> rows = rows(question, known);
        boolean suppress = question.scope() == AggregateQuery.Scope.NETWORK;
        Map<String, List<Row>> byCategory = new LinkedHashMap<>();
        rows.forEach(row -> byCategory.computeIfAbsent(row.category(), c -> new ArrayList<>()).add(row));
        List<CategoryLeakage> categories = new ArrayList<>();
        Map<UUID, String> names = new HashMap<>();
        int suppressedInAll = 0;
        for (Map.Entry<String, List<Row>> category : byCategory.entrySet()) {
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            BigDecimal local = total;
            BigDecimal nonLocal = total;
            BigDecimal unknown = total;
            int localSuppliers = 0;
            List<Row> leaking = new ArrayList<>();
            for (Row row : category.getValue()) {
                total = total.add(row.amount());
                if (row.locality() < 0) {
                    unknown = unknown.add(row.amount());
                } else if ((row.locality() & (1 << question.year().bit())) != 0) {
                    local = local.add(row.amount());
                    localSuppliers++;
                } else {
                    nonLocal = nonLocal.add(row.amount());
                    leaking.add(row);
                }
            }
            leaking.sort(Comparator.comparing(Row::amount).reversed().thenComparing(Row::supplier));
            List<LeakingSupplier> shown = new ArrayList<>();
            int suppressed = 0;
            for (Row row : leaking.subList(0, Math.min(top, leaking.size()))) {
                if (suppress && row.anchors() < analysis.supplierThreshold() && !row.onlyCaller()) {
                    suppressed++;
                } else {
                    names.put(row.supplier(), null);
                    shown.add(new LeakingSupplier(row.supplier(), null, row.amount(), suppress ? row.anchors() : null, null, null));
                }
            }
            if (suppressed > 0) {
                shown.add(new LeakingSupplier(null, null, null, null, true, suppressed));
                suppressedInAll += suppressed;
            }
            AnalysisDefinitions.Category info = known.categories().get(category.getKey());
            categories.add(new CategoryLeakage(category.getKey(), info == null ? null : info.label(),
                    info == null || info.influenceable(), total, local, SpendAnalysis.share(local, total), nonLocal,
                    SpendAnalysis.share(nonLocal, total), unknown, localSuppliers, leaking.size(), shown));
        }
        names.putAll(names(names.keySet()));
        categories.replaceAll(c -> new CategoryLeakage(c.category(), c.categoryLabel(), c.influenceable(), c.totalSpend(),
                c.localSpend(), c.localShare(), c.nonLocalSpend(), c.nonLocalShare(), c.unknownLocationSpend(),
                c.localSuppliersPaid(), c.nonLocalSuppliersPaid(), c.topNonLocalSuppliers().stream()
                        .map(l -> l.supplierId() == null ? l : new LeakingSupplier(l.supplierId(), names.get(l.supplierId()),
                                l.spend(), l.anchorsPaying(), null, null)).toList()));
        categories.sort(Comparator.comparing(CategoryLeakage::nonLocalSpend).reversed().thenComparing(CategoryLeakage::category));
        YearAndTier year = question.year();
        return new Leakage(new Definitions(year.financialYear(), year.tier(), year.version(), year.label(),
                question.scope().name(), question.denominator().name(), "Non-local: suppliers with a located site, none "
                        + "of them in the tier. Spend whose supplier's location is unknown is neither local nor non-local.",
                new SpendAnalysis.Suppression(analysis.supplierThreshold(), suppress, suppressedInAll, analysis.suppressionRule()),
                "spend_cube_supplier_year"), categories);
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
        String category = question.categories().get(0);
        List<Row> rows = rows(question, known);
        Map<UUID, BigDecimal> surveys = lm3.surveyRates(question.year().yearStart());
        BigDecimal local = BigDecimal.ZERO.setScale(2);
        BigDecimal nonLocal = local;
        BigDecimal total = local;
        BigDecimal[] surveyed = { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO }; // spend, re-spend: local, non-local
        for (Row row : rows) {
            total = total.add(row.amount());
            if (row.locality() < 0) {
                continue;
            }
            boolean isLocal = (row.locality() & (1 << question.year().bit())) != 0;
            if (isLocal) {
                local = local.add(row.amount());
            } else {
                nonLocal = nonLocal.add(row.amount());
            }
            BigDecimal rate = SpendRollups.NO_SUPPLIER.equals(row.supplier()) ? null : surveys.get(row.supplier());
            if (rate != null && row.amount().signum() > 0) {
                int at = isLocal ? 0 : 2;
                surveyed[at] = surveyed[at].add(row.amount());
                surveyed[at + 1] = surveyed[at + 1].add(row.amount().multiply(rate));
            }
        }
        Lm3Calculator.Rates defaults = lm3.defaultRates();
        Rate localRate = rate(mode, surveyed[0], surveyed[1], defaults.localSupplierRate());
        Rate nonLocalRate = rate(mode, surveyed[2], surveyed[3], defaults.nonLocalSupplierRate());
        BigDecimal movable = nonLocal.max(BigDecimal.ZERO);
        BigDecimal moved = movable.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        BigDecimal[] overall = overall(question);
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
    private BigDecimal[] overall(Question question) {
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
        return reader.list(sql.toString(), parameters, row -> new BigDecimal[] { row.getBigDecimal(1).setScale(2),
            row.getBigDecimal(2).setScale(2) }).get(0);
    }

    private List<Row> rows(Question question, AnalysisDefinitions.Snapshot known) {
        for (String category : question.categories()) {
            if (!known.categories().containsKey(category)) {
                throw ApiProblemException.invalidParameter("category", "'" + category + "' is not one of the network's categories");
            }
        }
        SqlParameters parameters = new SqlParameters();
        StringBuilder sql = new StringBuilder("select c.category_code, c.locality, c.supplier_id, sum(c.amount), ")
                .append("count(distinct c.anchor_org_id) filter (where c.payment_count <> 0), bool_and(c.anchor_org_id = ")
                .append(parameters.value(question.callerOrgId())).append(" or c.payment_count = 0) ")
                .append("from spend_cube_supplier_year c where c.financial_year = ").append(parameters.value(question.year().yearStart()));
        if (!question.categories().isEmpty()) {
            sql.append(" and c.category_code = any(").append(parameters.array("varchar", question.categories().toArray())).append(')');
        }
        if (question.denominator() == AggregateQuery.Denominator.INFLUENCEABLE) {
            sql.append(" and c.influenceable");
        }
        if (question.scope() == AggregateQuery.Scope.OWN) {
            sql.append(" and c.anchor_org_id = ").append(parameters.value(question.callerOrgId()));
        }
        sql.append(" group by 1, 2, 3 having sum(c.payment_count) <> 0");
        return reader.list(sql.toString(), parameters, row -> new Row(row.getString(1), row.getInt(2),
                row.getObject(3, UUID.class), row.getBigDecimal(4).setScale(2), row.getInt(5), row.getBoolean(6)));
    }

    private Map<UUID, String> names(java.util.Collection<UUID> suppliers) {
        Object[] ids = suppliers.stream().filter(id -> !SpendRollups.NO_SUPPLIER.equals(id)).distinct().toArray();
        Map<UUID, String> names = new HashMap<>();
        if (ids.length > 0) {
            SqlParameters parameters = new SqlParameters();
            reader.list("select id, name from supplier where id = any(" + parameters.array("uuid", ids) + ")", parameters,
                    row -> names.put(row.getObject(1, UUID.class), row.getString(2)));
        }
        return names;
    }
}
