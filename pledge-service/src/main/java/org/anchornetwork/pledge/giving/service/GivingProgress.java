package org.anchornetwork.pledge.giving.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.time.ReportingPeriod;
import org.anchornetwork.pledge.metric.PledgeMetric;
import org.anchornetwork.pledge.progress.service.ProgressRecorder;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentTarget;
import org.anchornetwork.pledge.signatory.Signatory;

/**
 * Automatic "give locally" progress: for each commitment with a {@code local-donations-gbp} target, the grants the
 * signatory imported whose location lies in the target's tier, summed per financial year of award.
 */
@ApplicationScoped
public class GivingProgress {

    private final EntityManager entityManager;
    private final ProgressRecorder recorder;

    public GivingProgress(EntityManager entityManager, ProgressRecorder recorder) {
        this.entityManager = entityManager;
        this.recorder = recorder;
    }

    /** A figure recorded. */
    public record Recorded(String pledgeCode, String tier, String period, BigDecimal value) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Recorded> refresh(Signatory signatory, Commitment commitment) {
        List<CommitmentTarget> targets = CommitmentTarget.list("commitmentId = ?1 and metricCode = ?2", commitment.id,
                PledgeMetric.LOCAL_DONATIONS);
        if (targets.isEmpty()) {
            return List.of();
        }
        PledgeMetric metric = PledgeMetric.findById(PledgeMetric.LOCAL_DONATIONS);
        LocalDate today = LocalDate.now();
        List<Recorded> recorded = new java.util.ArrayList<>();
        for (CommitmentTarget target : targets) {
            List<?> rows = entityManager.createNativeQuery("""
                    select financial_year, count(*), sum(amount),
                           count(*) filter (where :tier = any(tiers)), coalesce(sum(amount) filter (where :tier = any(tiers)), 0),
                           count(*) filter (where location_source = 'UNKNOWN')
                    from giving_grant where signatory_id = :signatory group by financial_year order by financial_year""")
                    .setParameter("tier", target.tier)
                    .setParameter("signatory", signatory.id)
                    .getResultList();
            for (Object row : rows) {
                Object[] cells = (Object[]) row;
                String year = (String) cells[0];
                if (ReportingPeriod.parse(year).orElseThrow().from().isAfter(today)) {
                    continue;
                }
                BigDecimal local = (BigDecimal) cells[4];
                String note = cells[3] + " of " + cells[1] + " grant(s) awarded in " + year + " (£" + local.toPlainString()
                        + " of £" + ((BigDecimal) cells[2]).toPlainString() + ") went to beneficiaries or recipients in "
                        + target.tier + "; " + cells[5] + " could not be placed (from imported 360Giving data)";
                ProgressRecorder.Recorded result = recorder.record(signatory, commitment, new ProgressRecorder.Figure(metric,
                        target.tier, year, local, PledgeMetric.Source.THREE_SIXTY_GIVING, List.of(), note, "360giving-import"),
                        today);
                if (result.changed()) {
                    recorded.add(new Recorded(commitment.pledgeCode, target.tier, year, local));
                }
            }
        }
        return recorded;
    }
}
