package org.anchornetwork.pledge.progress.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.pledge.ProgressRecordedV1;
import org.anchornetwork.messaging.OutboxWriter;
import org.anchornetwork.pledge.metric.PledgeMetric;
import org.anchornetwork.pledge.progress.ProgressReport;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentStatus;
import org.anchornetwork.pledge.signatory.Signatory;

/**
 * Records progress on a commitment, whoever or whatever reports it: stores one figure per commitment, metric, tier,
 * period and source (a later figure for the same period replaces the earlier one), moves the commitment up the
 * status ladder, clears a lapse, and publishes {@code pledge.progress-recorded.v1} in the same transaction. A figure
 * sent again unchanged changes nothing and publishes nothing.
 */
@ApplicationScoped
public class ProgressRecorder {

    private final OutboxWriter outbox;

    public ProgressRecorder(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** One figure of progress. metric, tier and value are null for a narrative report. */
    public record Figure(PledgeMetric metric, String tier, String period, BigDecimal value, PledgeMetric.Source source,
            List<String> evidenceLinks, String note, String reportedBy) {
    }

    /** The report stored and whether anything changed. */
    public record Recorded(ProgressReport report, boolean changed) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Recorded record(Signatory signatory, Commitment commitment, Figure figure, LocalDate today) {
        String metricCode = figure.metric() == null ? null : figure.metric().code;
        ProgressReport report = ProgressReport.<ProgressReport>find(
                "commitmentId = ?1 and metricCode is not distinct from ?2 and tier is not distinct from ?3 and period = ?4 and source = ?5",
                commitment.id, metricCode, figure.tier(), figure.period(), figure.source()).firstResultOptional().orElse(null);
        String[] links = figure.evidenceLinks().toArray(String[]::new);
        if (report != null && sameNumber(report.value, figure.value()) && Arrays.equals(report.evidenceLinks, links)
                && Objects.equals(report.note, figure.note())) {
            return new Recorded(report, false);
        }
        if (report == null) {
            report = new ProgressReport();
            report.id = UUID.randomUUID();
            report.commitmentId = commitment.id;
            report.metricCode = metricCode;
            report.tier = figure.tier();
            report.period = figure.period();
            report.source = figure.source();
        }
        report.value = figure.value();
        report.evidenceLinks = links;
        report.note = figure.note();
        report.reportedOn = today;
        report.reportedAt = OffsetDateTime.now(ZoneOffset.UTC);
        report.reportedBy = figure.reportedBy();
        report.persist();

        // Figures the network's own data produced are evidence in themselves; a manual report needs a link.
        boolean evidenced = figure.source() != PledgeMetric.Source.MANUAL || links.length > 0;
        if (evidenced && commitment.status == CommitmentStatus.PLEDGED) {
            commitment.status = CommitmentStatus.EVIDENCED;
        }
        commitment.lastProgressOn = today;
        commitment.lapsedSince = null;
        commitment.updatedAt = report.reportedAt;
        signatory.updatedAt = report.reportedAt;

        outbox.append(EventTypes.PROGRESS_RECORDED_V1, signatory.organisationId, new ProgressRecordedV1(report.id,
                signatory.charterId, signatory.organisationId, commitment.pledgeCode, metricCode, figure.tier(),
                figure.period(), figure.value(), figure.metric() == null ? null : figure.metric().unit.name(),
                figure.source().name(), commitment.status.name(), today));
        return new Recorded(report, true);
    }

    /** The network admin has checked the commitment's evidence. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void verify(Commitment commitment, String note, LocalDate today) {
        if (commitment.status == CommitmentStatus.PLEDGED) {
            throw ApiProblemException.conflict("nothing-to-verify",
                    "The commitment has no progress with evidence yet; it can be verified once it is EVIDENCED");
        }
        commitment.status = CommitmentStatus.VERIFIED;
        commitment.verifiedOn = today;
        commitment.verificationNote = note;
        commitment.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
