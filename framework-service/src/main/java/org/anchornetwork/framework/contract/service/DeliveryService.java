package org.anchornetwork.framework.contract.service;

import static org.anchornetwork.framework.NumericColumns.QUANTITY;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.EvidenceLinks;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.time.ReportingPeriod;
import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.framework.DeliveryReportedV1;
import org.anchornetwork.framework.contract.Contract;
import org.anchornetwork.framework.contract.ContractKpi;
import org.anchornetwork.framework.contract.DeliveryReport;
import org.anchornetwork.framework.valuation.Valuation;
import org.anchornetwork.messaging.OutboxWriter;

/**
 * Delivery reports: one per contract and financial quarter, by the supplier or the anchor. Each line is a KPI's
 * measure, valued with the proxy value pinned at award. A report sent again unchanged stores and publishes nothing; a
 * changed report for the same quarter replaces it (a correction) and framework.delivery-reported.v1 is published.
 */
@ApplicationScoped
public class DeliveryService {

    private final OutboxWriter outbox;

    public DeliveryService(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** A line as sent. */
    public record LineInput(String measureCode, BigDecimal quantity, List<String> evidenceLinks) {
    }

    public record Reported(DeliveryReport report, boolean created, boolean changed) {
    }

    /**
     * @param errors what is already wrong with the request (its constraints): the report's own rules add theirs, and
     *               one 422 lists them all
     */
    @Transactional
    public Reported report(Contract contract, String period, List<LineInput> lines, String note, String reportedBy,
            List<ProblemError> errors) {
        Map<String, ContractKpi> kpis = ContractKpi.ofContract(contract.id).stream()
                .collect(Collectors.toMap(kpi -> kpi.measureCode, Function.identity()));
        ReportingPeriod quarter = validate(contract, period, lines, kpis, errors);
        List<DeliveryReport.Line> valued = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (LineInput line : lines) {
            ContractKpi kpi = kpis.get(line.measureCode());
            BigDecimal value = Valuation.valueOf(line.quantity(), kpi.proxyValue);
            valued.add(new DeliveryReport.Line(line.measureCode(), QUANTITY.stored(line.quantity()), value,
                    line.evidenceLinks() == null ? List.of() : List.copyOf(line.evidenceLinks())));
            if (value != null) {
                total = total.add(value);
            }
        }
        DeliveryReport report = DeliveryReport.<DeliveryReport>find("contractId = ?1 and period = ?2", contract.id, quarter.name())
                .firstResultOptional().orElse(null);
        boolean created = report == null;
        if (!created && sameLines(report.lines, valued) && Objects.equals(report.note, note)) {
            return new Reported(report, false, false);
        }
        if (created) {
            report = new DeliveryReport();
            report.id = UUID.randomUUID();
            report.contractId = contract.id;
            report.period = quarter.name();
        }
        report.lines = valued;
        report.deliveredValue = total;
        report.note = note;
        report.reportedByOrgId = reportedBy;
        report.reportedAt = OffsetDateTime.now(ZoneOffset.UTC);
        report.persist();
        DeliveryReport.flush();

        BigDecimal toDate = DeliveryReport.<DeliveryReport>list("contractId", contract.id).stream()
                .map(r -> r.deliveredValue).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        outbox.append(EventTypes.DELIVERY_REPORTED_V1, contract.id.toString(), new DeliveryReportedV1(contract.id,
                contract.anchorOrgId, contract.supplierOrgId, quarter.name(), total, toDate, valued.stream()
                        .map(line -> new DeliveryReportedV1.Line(line.measureCode(), kpis.get(line.measureCode()).theme,
                                line.quantity(), line.value()))
                        .toList()));
        return new Reported(report, created, true);
    }

    private static ReportingPeriod validate(Contract contract, String period, List<LineInput> lines, Map<String, ContractKpi> kpis,
            List<ProblemError> errors) {
        ReportingPeriod quarter = period == null ? null : ReportingPeriod.parse(period).filter(p -> !p.isFinancialYear()).orElse(null);
        if (period == null) {
            // required: the request's constraints said so
        } else if (quarter == null) {
            errors.add(ProblemError.at("/period", "invalid-period", "a financial quarter such as 2027-28-Q1: delivery is reported quarterly"));
        } else if (quarter.to().isBefore(contract.startsOn) || quarter.from().isAfter(contract.endsOn)) {
            errors.add(ProblemError.at("/period", "outside-contract", "the contract runs from " + contract.startsOn + " to "
                    + contract.endsOn));
        } else if (quarter.from().isAfter(LocalDate.now())) {
            errors.add(ProblemError.at("/period", "future-period", quarter.name() + " has not started"));
        }
        Set<String> seen = new HashSet<>();
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; lines != null && i < lines.size(); i++) {
            LineInput line = lines.get(i);
            String at = "/lines/" + i;
            if (line == null) {
                continue; // the request's constraints said so
            }
            ContractKpi kpi = line.measureCode() == null ? null : kpis.get(line.measureCode());
            if (kpi == null) {
                errors.add(ProblemError.at(at + "/measureCode", "not-a-kpi", "one of the contract's KPIs: " + kpis.keySet()));
            } else if (!seen.add(line.measureCode())) {
                errors.add(ProblemError.at(at + "/measureCode", "duplicate-measure", "one line per measure"));
            }
            values.add(Valuation.checkQuantity(errors, at + "/quantity", line.quantity(), kpi == null ? null : kpi.proxyValue));
            EvidenceLinks.check(errors, at + "/evidenceLinks", line.evidenceLinks());
        }
        Valuation.checkTotal(errors, "/lines", values);
        ApiProblemException.throwIfAny(errors, "the delivery report");
        return quarter;
    }

    private static boolean sameLines(List<DeliveryReport.Line> stored, List<DeliveryReport.Line> sent) {
        if (stored.size() != sent.size()) {
            return false;
        }
        for (int i = 0; i < stored.size(); i++) {
            DeliveryReport.Line a = stored.get(i);
            DeliveryReport.Line b = sent.get(i);
            if (!a.measureCode().equals(b.measureCode()) || a.quantity().compareTo(b.quantity()) != 0
                    || !Objects.equals(a.evidenceLinks(), b.evidenceLinks())) {
                return false;
            }
        }
        return true;
    }
}
