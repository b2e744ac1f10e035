package org.anchornetwork.pledge.progress.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.time.ReportingPeriod;
import org.anchornetwork.events.framework.DeliveryReportedV1;
import org.anchornetwork.pledge.metric.PledgeMetric;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentTarget;
import org.anchornetwork.pledge.signatory.Signatory;

/**
 * Automatic progress on social value delivered: a supplier that signed the charter and has a
 * {@code social-value-delivered-gbp} target gets, per financial year, the value its contracts delivered in the year's
 * quarters, from framework-service's delivery reports (the latest per contract and quarter).
 */
@ApplicationScoped
public class DeliveredSocialValue {

    private final EntityManager entityManager;
    private final ProgressRecorder recorder;

    public DeliveredSocialValue(EntityManager entityManager, ProgressRecorder recorder) {
        this.entityManager = entityManager;
        this.recorder = recorder;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void reported(DeliveryReportedV1 event, String eventId) {
        ReportingPeriod quarter = ReportingPeriod.parse(event.period())
                .orElseThrow(() -> new IllegalArgumentException("Not a quarter: " + event.period()));
        String year = quarter.financialYear().name();
        entityManager.createNativeQuery("""
                insert into supplier_delivery (contract_id, period, supplier_org_id, financial_year, delivered_value, event_id, received_at)
                values (:contract, :period, :supplier, :year, :value, :event, now())
                on conflict (contract_id, period) do update set delivered_value = excluded.delivered_value,
                  event_id = excluded.event_id, received_at = excluded.received_at""")
                .setParameter("contract", event.contractId()).setParameter("period", quarter.name())
                .setParameter("supplier", event.supplierOrganisationId()).setParameter("year", year)
                .setParameter("value", event.deliveredValue()).setParameter("event", eventId)
                .executeUpdate();
        for (Signatory signatory : Signatory.<Signatory>list("organisationId = ?1 and leftOn is null", event.supplierOrganisationId())) {
            for (Commitment commitment : Commitment.ofSignatory(signatory.id)) {
                refresh(signatory, commitment, year);
            }
        }
    }

    /** Every year's figure for the commitment's social-value-delivered-gbp targets (after its targets change). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(Signatory signatory, Commitment commitment) {
        List<String> years = entityManager.createNativeQuery(
                "select distinct financial_year from supplier_delivery where supplier_org_id = ?1", String.class)
                .setParameter(1, signatory.organisationId).getResultList();
        years.forEach(year -> refresh(signatory, commitment, year));
    }

    private void refresh(Signatory signatory, Commitment commitment, String year) {
        if (CommitmentTarget.count("commitmentId = ?1 and metricCode = ?2", commitment.id, PledgeMetric.SOCIAL_VALUE_DELIVERED) == 0) {
            return;
        }
        Object[] sums = (Object[]) entityManager.createNativeQuery("""
                select coalesce(sum(delivered_value), 0), count(distinct contract_id) from supplier_delivery
                where supplier_org_id = :supplier and financial_year = :year""")
                .setParameter("supplier", signatory.organisationId).setParameter("year", year).getSingleResult();
        BigDecimal value = (BigDecimal) sums[0];
        recorder.record(signatory, commitment, new ProgressRecorder.Figure(PledgeMetric.findById(PledgeMetric.SOCIAL_VALUE_DELIVERED),
                null, year, value, PledgeMetric.Source.FRAMEWORK_EVENTS, List.of("/api/v1/contracts/delivery-totals?by=contract"),
                "Delivered on " + sums[1] + " contract(s) in " + year + ", valued with each contract's framework proxy values",
                "framework-service"), LocalDate.now());
    }
}
