package org.anchornetwork.framework.contract.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.framework.ContractAwardedV1;
import org.anchornetwork.framework.contract.Contract;
import org.anchornetwork.framework.contract.ContractKpi;
import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.tender.service.TenderService;
import org.anchornetwork.framework.version.VersionDocument;
import org.anchornetwork.messaging.OutboxWriter;

/**
 * Awards an evaluated tender to one of its current bids: the contract pins the tender's framework version, each
 * commitment becomes a KPI valued with that version's proxy value and due by its timescale (or the contract's end),
 * and framework.contract-awarded.v1 is published in the same transaction.
 */
@ApplicationScoped
public class AwardService {

    private final OutboxWriter outbox;

    public AwardService(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** @param errors what is already wrong with the request (its constraints); the award's rules add theirs */
    @Transactional
    public Contract award(Tender tender, UUID bidId, LocalDate startsOn, LocalDate endsOn, List<ProblemError> errors) {
        if (tender.status != Tender.Status.EVALUATED) {
            throw ApiProblemException.conflict("tender-not-evaluated", "Tender " + tender.reference + " is " + tender.statusNow()
                    + "; it is awarded once evaluated");
        }
        Bid bid = bidId == null ? null : Bid.findById(bidId);
        if (bidId != null && (bid == null || !bid.tenderId.equals(tender.id) || bid.superseded)) {
            errors.add(ProblemError.at("/bidId", "unknown-bid", "one of the bids in the tender's evaluation"));
        }
        if (startsOn != null && endsOn != null && !endsOn.isAfter(startsOn)) {
            errors.add(ProblemError.at("/endsOn", "before-start", "after " + startsOn));
        }
        ApiProblemException.throwIfAny(errors, "the award");
        VersionDocument document = TenderService.documentOf(tender);
        Map<String, VersionDocument.Measure> measures = document.measuresOrEmpty().stream()
                .collect(Collectors.toMap(VersionDocument.Measure::code, Function.identity()));
        Map<String, String> themeOfOutcome = document.outcomesOrEmpty().stream()
                .collect(Collectors.toMap(VersionDocument.Outcome::code, VersionDocument.Outcome::theme));

        Contract contract = new Contract();
        contract.id = UUID.randomUUID();
        contract.tenderId = tender.id;
        contract.bidId = bid.id;
        contract.anchorOrgId = tender.anchorOrgId;
        contract.supplierOrgId = bid.bidderOrgId;
        contract.supplierName = bid.bidderName;
        contract.frameworkId = tender.frameworkId;
        contract.frameworkVersion = tender.frameworkVersion;
        contract.contractValue = bid.bidPrice;
        contract.startsOn = startsOn;
        contract.endsOn = endsOn;
        contract.awardedAt = OffsetDateTime.now(ZoneOffset.UTC);
        contract.persist();

        List<ContractAwardedV1.Kpi> kpis = new ArrayList<>();
        BigDecimal committed = BigDecimal.ZERO.setScale(2);
        for (Bid.Commitment commitment : bid.commitments) {
            VersionDocument.Measure measure = measures.get(commitment.measureCode());
            ContractKpi kpi = new ContractKpi();
            kpi.contractId = contract.id;
            kpi.measureCode = measure.code();
            kpi.measureTitle = measure.title();
            kpi.unit = measure.unit();
            kpi.theme = themeOfOutcome.get(measure.outcome());
            kpi.committedQuantity = commitment.quantity();
            kpi.proxyValue = measure.proxyValue();
            kpi.committedValue = measure.proxyValue() == null ? null
                    : commitment.quantity().multiply(measure.proxyValue()).setScale(2, java.math.RoundingMode.HALF_UP);
            LocalDate due = commitment.timescaleMonths() == null ? endsOn : startsOn.plusMonths(commitment.timescaleMonths());
            kpi.dueOn = due.isAfter(endsOn) ? endsOn : due;
            kpi.timescale = commitment.timescaleMonths() == null ? "by the end of the contract"
                    : "within " + commitment.timescaleMonths() + " months of the start";
            kpi.persist();
            if (kpi.committedValue != null) {
                committed = committed.add(kpi.committedValue);
            }
            kpis.add(new ContractAwardedV1.Kpi(kpi.measureCode, kpi.theme, kpi.unit, kpi.committedQuantity, kpi.committedValue,
                    kpi.dueOn));
        }
        tender.status = Tender.Status.AWARDED;
        tender.updatedAt = contract.awardedAt;
        outbox.append(EventTypes.CONTRACT_AWARDED_V1, contract.id.toString(), new ContractAwardedV1(contract.id, tender.id,
                tender.reference, tender.anchorOrgId, bid.bidderOrgId, bid.bidderName, tender.frameworkId, tender.frameworkVersion,
                bid.bidPrice, startsOn, endsOn, committed, kpis));
        return contract;
    }
}
