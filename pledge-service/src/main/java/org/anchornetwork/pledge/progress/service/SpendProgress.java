package org.anchornetwork.pledge.progress.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.time.ReportingPeriod;
import org.anchornetwork.events.spend.BatchIngestedV1;
import org.anchornetwork.pledge.metric.PledgeMetric;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentTarget;
import org.anchornetwork.pledge.signatory.Signatory;

import io.quarkus.logging.Log;

/**
 * Automatic progress on local spend: every batch an anchor stores in spend-service moves the local spend share of
 * that anchor's commitments with a {@code local-spend-share} target (such as "keep your money local"), for the
 * financial year the batch counts in, without anyone typing a number. A batch counts once however often its event
 * arrives.
 */
@ApplicationScoped
public class SpendProgress {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final EntityManager entityManager;
    private final ProgressRecorder recorder;

    public SpendProgress(EntityManager entityManager, ProgressRecorder recorder) {
        this.entityManager = entityManager;
        this.recorder = recorder;
    }

    /** Keeps the batch and refreshes the anchor's shares for its year; false when the batch was already counted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean batchIngested(BatchIngestedV1 event, String eventId) {
        String financialYear = ReportingPeriod.financialYearOf(event.periodTo()).name();
        int inserted = entityManager.createNativeQuery("""
                insert into anchor_spend_batch (batch_id, anchor_organisation_id, financial_year, period_from, period_to,
                  payment_count, total_amount, unknown_location_amount, event_id, received_at)
                values (:batch, :anchor, :year, :from, :to, :count, :total, :unknown, :event, now())
                on conflict (batch_id) do nothing""")
                .setParameter("batch", event.batchId())
                .setParameter("anchor", event.anchorOrganisationId())
                .setParameter("year", financialYear)
                .setParameter("from", event.periodFrom())
                .setParameter("to", event.periodTo())
                .setParameter("count", event.paymentCount())
                .setParameter("total", event.totalAmount())
                .setParameter("unknown", event.unknownLocationAmount() == null ? BigDecimal.ZERO : event.unknownLocationAmount())
                .setParameter("event", eventId)
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        for (BatchIngestedV1.TierTotal tier : event.localTotals() == null ? List.<BatchIngestedV1.TierTotal>of() : event.localTotals()) {
            entityManager.createNativeQuery("""
                    insert into anchor_spend_batch_tier (batch_id, tier, tier_version, local_amount)
                    values (:batch, :tier, :version, :amount) on conflict do nothing""")
                    .setParameter("batch", event.batchId())
                    .setParameter("tier", tier.tier())
                    .setParameter("version", tier.tierVersion())
                    .setParameter("amount", tier.localAmount())
                    .executeUpdate();
        }
        // The years as spend-service now sees them replace what an earlier batch said of them.
        java.util.Set<String> years = new java.util.TreeSet<>(List.of(financialYear));
        for (BatchIngestedV1.YearToDate year : event.financialYears() == null ? List.<BatchIngestedV1.YearToDate>of()
                : event.financialYears()) {
            years.add(year.financialYear());
            entityManager.createNativeQuery("delete from anchor_spend_year where anchor_organisation_id = :anchor "
                    + "and financial_year = :year").setParameter("anchor", event.anchorOrganisationId())
                    .setParameter("year", year.financialYear()).executeUpdate();
            entityManager.createNativeQuery("""
                    insert into anchor_spend_year (anchor_organisation_id, financial_year, positive_amount, batch_id, received_at)
                    values (:anchor, :year, :positive, :batch, now())""")
                    .setParameter("anchor", event.anchorOrganisationId()).setParameter("year", year.financialYear())
                    .setParameter("positive", year.positiveAmount()).setParameter("batch", event.batchId()).executeUpdate();
            for (BatchIngestedV1.TierTotal tier : year.localPositiveAmounts()) {
                entityManager.createNativeQuery("""
                        insert into anchor_spend_year_tier (anchor_organisation_id, financial_year, tier, tier_version, local_amount)
                        values (:anchor, :year, :tier, :version, :amount)""")
                        .setParameter("anchor", event.anchorOrganisationId()).setParameter("year", year.financialYear())
                        .setParameter("tier", tier.tier()).setParameter("version", tier.tierVersion())
                        .setParameter("amount", tier.localAmount()).executeUpdate();
            }
        }
        List<Signatory> signatories = Signatory.list("organisationId = ?1 and leftOn is null", event.anchorOrganisationId());
        for (Signatory signatory : signatories) {
            for (Commitment commitment : Commitment.ofSignatory(signatory.id)) {
                for (String year : years) {
                    refresh(signatory, commitment, year);
                }
            }
        }
        return true;
    }

    /** Recomputes every year's share for the commitment's local-spend-share targets (after its targets change). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(Signatory signatory, Commitment commitment) {
        List<?> years = entityManager.createNativeQuery("""
                select financial_year from anchor_spend_batch where anchor_organisation_id = :anchor
                union select financial_year from anchor_spend_year where anchor_organisation_id = :anchor""")
                .setParameter("anchor", signatory.organisationId).getResultList();
        for (Object year : years) {
            refresh(signatory, commitment, (String) year);
        }
    }

    private void refresh(Signatory signatory, Commitment commitment, String financialYear) {
        List<CommitmentTarget> targets = CommitmentTarget.list("commitmentId = ?1 and metricCode = ?2", commitment.id,
                PledgeMetric.LOCAL_SPEND_SHARE);
        if (targets.isEmpty()) {
            return;
        }
        PledgeMetric metric = PledgeMetric.findById(PledgeMetric.LOCAL_SPEND_SHARE);
        for (CommitmentTarget target : targets) {
            ProgressRecorder.Figure figure = yearFigure(signatory, target, financialYear, metric);
            if (figure == null) {
                figure = batchesFigure(signatory, target, financialYear, metric);
            }
            if (figure != null) {
                recorder.record(signatory, commitment, figure, LocalDate.now());
                Log.debugf("Local spend share of %s in %s for %s: %s%%", signatory.organisationId, target.tier, financialYear,
                        figure.value());
            }
        }
    }

    /** The share from spend-service's figures for the year: local over positive spend, never above 100%. */
    private ProgressRecorder.Figure yearFigure(Signatory signatory, CommitmentTarget target, String financialYear,
            PledgeMetric metric) {
        List<?> rows = entityManager.createNativeQuery("""
                select y.positive_amount, t.local_amount, y.batch_id from anchor_spend_year y
                join anchor_spend_year_tier t on t.anchor_organisation_id = y.anchor_organisation_id
                    and t.financial_year = y.financial_year and t.tier = :tier
                where y.anchor_organisation_id = :anchor and y.financial_year = :year""")
                .setParameter("tier", target.tier).setParameter("anchor", signatory.organisationId)
                .setParameter("year", financialYear).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        BigDecimal positive = (BigDecimal) row[0];
        BigDecimal local = (BigDecimal) row[1];
        if (positive.signum() <= 0) {
            return null;
        }
        BigDecimal share = local.multiply(HUNDRED).divide(positive, 2, RoundingMode.HALF_UP);
        String note = "From spend-service's figures for " + financialYear + " after batch " + row[2] + ": £" + local.toPlainString()
                + " of £" + positive.toPlainString() + " positive spend paid to suppliers in " + target.tier + ". Positive "
                + "spend: each supplier's payments in a month and expense type net of its credit notes there, a net credit "
                + "counting as nothing, so the share cannot exceed 100%.";
        return new ProgressRecorder.Figure(metric, target.tier, financialYear, share, PledgeMetric.Source.SPEND_EVENTS,
                evidence(row[2], financialYear), note, "spend-service");
    }

    private static List<String> evidence(Object batchId, String financialYear) {
        return List.of("/api/v1/payments/batches/" + batchId,
                "/api/v1/spend/aggregate?scope=own&drilldown=financialYear&cut=financialYear:" + financialYear
                        + "&measures=positiveSpend,localSpend,localShare");
    }

    /** From batch events that carried no year figures (older spend-service versions): each batch's local over its total. */
    private ProgressRecorder.Figure batchesFigure(Signatory signatory, CommitmentTarget target, String financialYear,
            PledgeMetric metric) {
        Object[] sums = (Object[]) entityManager.createNativeQuery("""
                select coalesce(sum(b.total_amount), 0), coalesce(sum(t.local_amount), 0), count(*),
                       (array_agg(b.batch_id order by b.period_to desc, b.received_at desc))[1]
                from anchor_spend_batch b
                join anchor_spend_batch_tier t on t.batch_id = b.batch_id and t.tier = :tier
                where b.anchor_organisation_id = :anchor and b.financial_year = :year""")
                .setParameter("tier", target.tier)
                .setParameter("anchor", signatory.organisationId)
                .setParameter("year", financialYear)
                .getSingleResult();
        BigDecimal total = (BigDecimal) sums[0];
        BigDecimal local = (BigDecimal) sums[1];
        long batches = ((Number) sums[2]).longValue();
        if (batches == 0 || total.signum() <= 0) {
            return null;
        }
        BigDecimal share = local.multiply(HUNDRED).divide(total, 2, RoundingMode.HALF_UP);
        String note = "From " + batches + " spend batch(es) of " + financialYear + ": £" + local.toPlainString() + " of £"
                + total.toPlainString() + " paid to suppliers in " + target.tier
                + " (all spend net of credit notes; a batch counts in the year of its last payment)";
        if (share.compareTo(HUNDRED) > 0 || share.signum() < 0) {
            // Credit notes outweigh the rest: no share can be said of these batches without spend-service's figures.
            return null;
        }
        return new ProgressRecorder.Figure(metric, target.tier, financialYear, share, PledgeMetric.Source.SPEND_EVENTS,
                evidence(sums[3], financialYear), note, "spend-service");
    }

}
