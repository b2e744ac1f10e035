package org.anchornetwork.pledge.signatory.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.anchornetwork.pledge.progress.service.LapseJob;
import org.anchornetwork.pledge.progress.service.LapseRule;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentStatus;
import org.anchornetwork.pledge.signatory.Signatory;

/**
 * Whether an organisation is a signatory in good standing on a date, as procurement and portals ask: a member that
 * day (joined, not yet left), with at least one pledge taken by then and none lapsed that day under the lapse rule.
 * Membership and lapses are as of the date; each pledge's place on the status ladder is as of now.
 */
@ApplicationScoped
public class StandingCheck {

    private final EntityManager entityManager;
    private final LapseJob lapses;

    public StandingCheck(EntityManager entityManager, LapseJob lapses) {
        this.entityManager = entityManager;
        this.lapses = lapses;
    }

    public record PledgeStanding(String pledgeCode, LocalDate committedOn, CommitmentStatus status, boolean lapsed) {
    }

    public record Standing(boolean signatory, boolean inGoodStanding, String reason, Signatory record,
            List<PledgeStanding> pledges) {
    }

    public Standing on(String charterId, String organisationId, LocalDate date) {
        Optional<Signatory> found = Signatory.find(charterId, organisationId);
        if (found.isEmpty()) {
            return new Standing(false, false, organisationId + " has not signed " + charterId, null, List.of());
        }
        Signatory signatory = found.get();
        if (!signatory.memberOn(date)) {
            String reason = date.isBefore(signatory.joinedOn) ? "joined on " + signatory.joinedOn + ", after " + date
                    : "left on " + signatory.leftOn;
            return new Standing(false, false, reason, signatory, List.of());
        }
        List<Commitment> commitments = Commitment.ofSignatory(signatory.id).stream()
                .filter(c -> !c.committedOn.isAfter(date)).toList();
        Map<UUID, LocalDate> latestProgress = latestProgressOnOrBefore(commitments, date);
        LapseRule rule = lapses.rule();
        List<PledgeStanding> pledges = new ArrayList<>();
        List<String> lapsed = new ArrayList<>();
        for (Commitment commitment : commitments) {
            boolean isLapsed = rule.lapsedOn(date, commitment.committedOn, latestProgress.get(commitment.id));
            if (isLapsed) {
                lapsed.add(commitment.pledgeCode);
            }
            pledges.add(new PledgeStanding(commitment.pledgeCode, commitment.committedOn, commitment.status, isLapsed));
        }
        if (pledges.isEmpty()) {
            return new Standing(true, false, "no pledge taken by " + date, signatory, pledges);
        }
        if (!lapsed.isEmpty()) {
            return new Standing(true, false, "lapsed (no progress for " + rule.months() + " months): "
                    + String.join(", ", lapsed), signatory, pledges);
        }
        return new Standing(true, true, null, signatory, pledges);
    }

    private Map<UUID, LocalDate> latestProgressOnOrBefore(List<Commitment> commitments, LocalDate date) {
        Map<UUID, LocalDate> latest = new HashMap<>();
        if (commitments.isEmpty()) {
            return latest;
        }
        List<Object[]> rows = entityManager.createQuery("""
                select r.commitmentId, max(r.reportedOn) from ProgressReport r
                where r.commitmentId in :ids and r.reportedOn <= :date group by r.commitmentId""", Object[].class)
                .setParameter("ids", commitments.stream().map(c -> c.id).toList())
                .setParameter("date", date)
                .getResultList();
        for (Object[] cells : rows) {
            latest.put((UUID) cells[0], (LocalDate) cells[1]);
        }
        return latest;
    }
}
