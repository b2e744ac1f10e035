package org.anchornetwork.pledge.signatory.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.anchornetwork.pledge.metric.PledgeMetric;
import org.anchornetwork.pledge.progress.ProgressReport;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentStatus;
import org.anchornetwork.pledge.signatory.CommitmentTarget;
import org.anchornetwork.pledge.signatory.Signatory;
import org.anchornetwork.pledge.signatory.SignatoryLeaving;
import org.anchornetwork.pledge.signatory.SignatoryType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How signatories, commitments and progress read. The public register shows organisations only: name, type, pledges,
 * targets, status and progress. Who reported a figure, the contact address and past memberships with the reasons for
 * leaving are private: only the organisation itself and the network admin see them, and for anyone else they are
 * absent from the JSON.
 */
public final class SignatoryViews {

    private SignatoryViews() {
    }

    @Schema(name = "CommitmentTarget", description = "A measurable target")
    public record TargetView(@Schema(example = "local-spend-share") String metricCode,
            @Schema(description = "The locality tier, for tiered metrics", example = "darlington") String tier,
            PledgeMetric.Unit unit, @Schema(example = "22.50") BigDecimal baseline,
            @Schema(example = "2025-26") String baselinePeriod, @Schema(example = "30.00") BigDecimal target,
            @Schema(example = "2028-03-31") LocalDate deadline) {

        static TargetView of(CommitmentTarget target, Map<String, PledgeMetric> metrics) {
            return new TargetView(target.metricCode, target.tier, metrics.get(target.metricCode).unit, target.baseline,
                    target.baselinePeriod, target.target, target.deadline);
        }
    }

    @Schema(name = "ProgressReport", description = "A figure of progress (or, without a metric, a narrative report)")
    public record ProgressView(UUID id, @Schema(example = "local-spend-share") String metricCode,
            @Schema(example = "darlington") String tier, @Schema(example = "2026-27") String period,
            @Schema(example = "27.66") BigDecimal value, PledgeMetric.Unit unit, PledgeMetric.Source source,
            List<String> evidenceLinks, String note, LocalDate reportedOn,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Private: who reported it; only the signatory and the network admin see it")
            String reportedBy) {

        public static ProgressView of(ProgressReport report, Map<String, PledgeMetric> metrics, boolean showPrivate) {
            PledgeMetric metric = report.metricCode == null ? null : metrics.get(report.metricCode);
            return new ProgressView(report.id, report.metricCode, report.tier, report.period, report.value,
                    metric == null ? null : metric.unit, report.source, List.of(report.evidenceLinks), report.note,
                    report.reportedOn, showPrivate ? report.reportedBy : null);
        }
    }

    @Schema(name = "Commitment", description = "A pledge the signatory took, its targets, planned actions, status and latest progress")
    public record CommitmentView(@Schema(example = "keep-your-money-local") String pledgeCode, LocalDate committedOn,
            CommitmentStatus status,
            @Schema(description = "No progress for the lapse period (12 months): flagged by the scheduled check") boolean lapsed,
            LocalDate lapsedSince, LocalDate verifiedOn, List<TargetView> targets, List<String> plannedActions,
            ProgressView latestProgress) {
    }

    @Schema(name = "Signatory", description = "A signatory: an organisation, never a person")
    public record SignatoryView(
            @Schema(example = "GB-COH-10000003") String organisationId,
            @Schema(example = "Quaker Coffee Co") String organisationName,
            SignatoryType signatoryType,
            @Schema(description = "The charter version signed", example = "1") int charterVersion,
            @Schema(example = "2026-11-25") LocalDate joinedOn,
            @Schema(description = "Set once the organisation has left") LocalDate leftOn,
            @Schema(example = "[\"give-locally\", \"keep-your-money-local\"]") List<String> pledgeCodes,
            @Schema(description = "Other identifiers the organisation registered (its 360Giving funder id, charity "
                    + "number): grants funded under them count as its giving", example = "[\"360G-quakercoffee\"]")
            List<String> otherIdentifiers,
            List<CommitmentView> commitments,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Private: the charter team's contact; only the signatory and the network admin see it")
            String contactEmail,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Private: each membership that ended, oldest "
                    + "first, with the reason given for leaving (kept after signing again); only the signatory and the "
                    + "network admin see it")
            List<PastMembershipView> pastMemberships) {
    }

    @Schema(name = "PastMembership", description = "A membership of the charter that ended")
    public record PastMembershipView(LocalDate joinedOn, LocalDate leftOn,
            @Schema(description = "Why, as the organisation or the network admin said", example = "Closing the shop") String leavingReason,
            @Schema(description = "Whether the network admin removed the organisation; absent when not recorded")
            Boolean removedByNetwork) {
    }

    /** Views of signatories, reading their commitments, targets and latest progress in three queries. */
    public static List<SignatoryView> of(List<Signatory> signatories, Predicate<String> showPrivateOf) {
        Map<UUID, List<Commitment>> commitments = Commitment.ofSignatories(signatories.stream().map(s -> s.id).toList());
        List<UUID> commitmentIds = commitments.values().stream().flatMap(List::stream).map(c -> c.id).toList();
        Map<UUID, List<CommitmentTarget>> targets = CommitmentTarget.ofCommitments(commitmentIds);
        Map<UUID, ProgressReport> latest = ProgressReport.latestOf(commitmentIds);
        Map<String, PledgeMetric> metrics = metrics();
        // Leavings are private: read only for the records whose private fields the caller sees.
        Map<UUID, List<SignatoryLeaving>> leavings = SignatoryLeaving.ofSignatories(signatories.stream()
                .filter(s -> showPrivateOf.test(s.organisationId)).map(s -> s.id).toList());
        List<SignatoryView> views = new ArrayList<>();
        for (Signatory signatory : signatories) {
            boolean showPrivate = showPrivateOf.test(signatory.organisationId);
            List<CommitmentView> commitmentViews = commitments.getOrDefault(signatory.id, List.of()).stream()
                    .map(c -> commitment(c, targets.getOrDefault(c.id, List.of()), latest.get(c.id), metrics, showPrivate))
                    .toList();
            views.add(new SignatoryView(signatory.organisationId, signatory.organisationName, signatory.signatoryType,
                    signatory.charterVersion, signatory.joinedOn, signatory.leftOn,
                    commitmentViews.stream().map(CommitmentView::pledgeCode).toList(), List.of(signatory.otherIdentifiers),
                    commitmentViews,
                    showPrivate ? signatory.contactEmail : null,
                    showPrivate ? leavings.getOrDefault(signatory.id, List.of()).stream().map(leaving -> new PastMembershipView(
                            leaving.joinedOn, leaving.leftOn, leaving.reason, leaving.removedByNetwork)).toList() : null));
        }
        return views;
    }

    public static CommitmentView commitment(Commitment commitment, List<CommitmentTarget> targets, ProgressReport latest,
            Map<String, PledgeMetric> metrics, boolean showPrivate) {
        return new CommitmentView(commitment.pledgeCode, commitment.committedOn, commitment.status,
                commitment.lapsedSince != null, commitment.lapsedSince, commitment.verifiedOn,
                targets.stream().map(t -> TargetView.of(t, metrics)).toList(), List.of(commitment.plannedActions),
                latest == null ? null : ProgressView.of(latest, metrics, showPrivate));
    }

    public static Map<String, PledgeMetric> metrics() {
        Map<String, PledgeMetric> metrics = new java.util.HashMap<>();
        PledgeMetric.<PledgeMetric>listAll().forEach(metric -> metrics.put(metric.code, metric));
        return metrics;
    }
}
