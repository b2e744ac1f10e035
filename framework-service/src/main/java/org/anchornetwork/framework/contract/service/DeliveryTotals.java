package org.anchornetwork.framework.contract.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.framework.contract.Contract;
import org.anchornetwork.framework.contract.ContractKpi;
import org.anchornetwork.framework.contract.DeliveryReport;

/**
 * Committed against delivered, in quantity and GBP: per KPI of a contract, and summed per contract, supplier, anchor
 * or theme over the contracts a caller may see (or, by theme, over the whole network). Values are those pinned at
 * award, so committed and delivered are always in the same prices.
 */
@ApplicationScoped
public class DeliveryTotals {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final EntityManager entityManager;

    public DeliveryTotals(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record KpiPerformance(String measureCode, String measureTitle, String theme, String unit,
            BigDecimal committedQuantity, BigDecimal deliveredQuantity, BigDecimal committedValue, BigDecimal deliveredValue,
            BigDecimal deliveredPercent, java.time.LocalDate dueOn) {
    }

    public record Performance(List<KpiPerformance> kpis, BigDecimal committedValue, BigDecimal deliveredValue,
            BigDecimal deliveredPercent, int reports, List<String> overdueQuarters) {
    }

    public record Row(String key, int contracts, BigDecimal committedValue, BigDecimal deliveredValue, BigDecimal deliveredPercent) {
    }

    public enum By {
        CONTRACT("c.id::text"), SUPPLIER("c.supplier_org_id"), ANCHOR("c.anchor_org_id"), THEME("k.theme");

        final String sql;

        By(String sql) {
            this.sql = sql;
        }

        public static By parse(String text) {
            try {
                return text == null || text.isBlank() ? THEME : valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblemException.invalidParameter("by", "contract, supplier, anchor or theme");
            }
        }
    }

    public Performance performance(Contract contract, List<String> overdue) {
        List<DeliveryReport> reports = DeliveryReport.ofContract(contract.id);
        Map<String, BigDecimal[]> delivered = new HashMap<>();
        for (DeliveryReport report : reports) {
            for (DeliveryReport.Line line : report.lines) {
                BigDecimal[] sums = delivered.computeIfAbsent(line.measureCode(), code -> new BigDecimal[] { BigDecimal.ZERO,
                        BigDecimal.ZERO.setScale(2) });
                sums[0] = sums[0].add(line.quantity());
                if (line.value() != null) {
                    sums[1] = sums[1].add(line.value());
                }
            }
        }
        List<KpiPerformance> kpis = new ArrayList<>();
        BigDecimal committedTotal = BigDecimal.ZERO.setScale(2);
        BigDecimal deliveredTotal = BigDecimal.ZERO.setScale(2);
        for (ContractKpi kpi : ContractKpi.ofContract(contract.id)) {
            BigDecimal[] sums = delivered.getOrDefault(kpi.measureCode, new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO.setScale(2) });
            BigDecimal deliveredValue = kpi.proxyValue == null ? null : sums[1];
            kpis.add(new KpiPerformance(kpi.measureCode, kpi.measureTitle, kpi.theme, kpi.unit, kpi.committedQuantity, sums[0],
                    kpi.committedValue, deliveredValue, percent(sums[0], kpi.committedQuantity), kpi.dueOn));
            if (kpi.committedValue != null) {
                committedTotal = committedTotal.add(kpi.committedValue);
                deliveredTotal = deliveredTotal.add(sums[1]);
            }
        }
        return new Performance(kpis, committedTotal, deliveredTotal, percent(deliveredTotal, committedTotal), reports.size(),
                overdue);
    }

    /**
     * Totals over the contracts matching {@code scopeSql} (a condition on alias c, with its parameters), grouped.
     */
    public List<Row> totals(By by, String scopeSql, Map<String, Object> parameters) {
        Query query = entityManager.createNativeQuery("""
                with committed as (
                  select %1$s as key, c.id as contract_id, coalesce(k.committed_value, 0) as committed, 0::numeric as delivered
                  from contract c join contract_kpi k on k.contract_id = c.id where %2$s),
                delivered as (
                  select %1$s as key, c.id as contract_id, 0::numeric as committed,
                         coalesce((line ->> 'value')::numeric, 0) as delivered
                  from contract c join delivery_report r on r.contract_id = c.id
                  cross join jsonb_array_elements(r.lines) line
                  join contract_kpi k on k.contract_id = c.id and k.measure_code = line ->> 'measureCode'
                  where %2$s)
                select key, count(distinct contract_id), sum(committed), sum(delivered)
                from (select * from committed union all select * from delivered) both_sides
                group by key order by key""".formatted(by.sql, scopeSql));
        parameters.forEach(query::setParameter);
        List<Row> rows = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] cells = (Object[]) row;
            BigDecimal committed = ((BigDecimal) cells[2]).setScale(2, RoundingMode.HALF_UP);
            BigDecimal deliveredValue = ((BigDecimal) cells[3]).setScale(2, RoundingMode.HALF_UP);
            rows.add(new Row((String) cells[0], ((Number) cells[1]).intValue(), committed, deliveredValue,
                    percent(deliveredValue, committed)));
        }
        return rows;
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole == null || whole.signum() == 0 ? null : part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }
}
