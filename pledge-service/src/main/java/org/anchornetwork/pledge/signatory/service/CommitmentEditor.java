package org.anchornetwork.pledge.signatory.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.time.ReportingPeriod;
import org.anchornetwork.pledge.NumericColumns;
import org.anchornetwork.pledge.charter.CharterPledge;
import org.anchornetwork.pledge.giving.service.GivingProgress;
import org.anchornetwork.pledge.metric.PledgeMetric;
import org.anchornetwork.pledge.progress.service.DeliveredSocialValue;
import org.anchornetwork.pledge.progress.service.SpendProgress;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentTarget;
import org.anchornetwork.pledge.signatory.Signatory;
import org.anchornetwork.pledge.signatory.rest.SignatoryViews;

/**
 * A signatory's commitment to one pledge: its measurable targets and planned actions, replaced as a whole. Setting
 * targets on a pledge not yet taken takes it. Every target is checked against its metric's unit before anything is
 * stored, and all errors are reported at once.
 */
@ApplicationScoped
public class CommitmentEditor {

    private static final String TIER = "[a-z0-9][a-z0-9-]{0,39}";

    private final SpendProgress spendProgress;
    private final GivingProgress givingProgress;
    private final DeliveredSocialValue deliveredSocialValue;

    public CommitmentEditor(SpendProgress spendProgress, GivingProgress givingProgress,
            DeliveredSocialValue deliveredSocialValue) {
        this.spendProgress = spendProgress;
        this.givingProgress = givingProgress;
        this.deliveredSocialValue = deliveredSocialValue;
    }

    /** A target as sent. */
    public record TargetInput(String metricCode, String tier, BigDecimal baseline, String baselinePeriod, BigDecimal target,
            LocalDate deadline) {
    }

    public record Edited(Commitment commitment, boolean taken) {
    }

    /**
     * @param errors what is already wrong with the request (its constraints): the targets' rules add theirs, and one
     *               422 lists them all
     */
    @Transactional
    public Edited set(Signatory signatory, String pledgeCode, List<TargetInput> targets, List<String> plannedActions,
            List<ProblemError> errors) {
        if (signatory.leftOn != null && !signatory.leftOn.isAfter(LocalDate.now())) {
            throw ApiProblemException.conflict("signatory-left", signatory.organisationId + " left the charter on "
                    + signatory.leftOn + "; sign again to rejoin");
        }
        if (CharterPledge.ofCharter(signatory.charterId).stream().noneMatch(pledge -> pledge.code.equals(pledgeCode))) {
            throw ApiProblemException.notFound("Pledge of " + signatory.charterId, pledgeCode);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Commitment commitment = Commitment.of(signatory.id, pledgeCode).orElse(null);
        boolean taken = commitment == null;
        validate(targets, plannedActions, taken ? now.toLocalDate() : commitment.committedOn, errors);
        if (taken) {
            commitment = SigningService.take(signatory, pledgeCode, now);
        }
        CommitmentTarget.delete("commitmentId", commitment.id);
        CommitmentTarget.flush();
        int position = 0;
        for (TargetInput input : targets) {
            CommitmentTarget target = new CommitmentTarget();
            target.commitmentId = commitment.id;
            target.metricCode = input.metricCode();
            target.tier = blankToNull(input.tier());
            target.baseline = NumericColumns.FIGURE.stored(input.baseline());
            target.baselinePeriod = blankToNull(input.baselinePeriod());
            target.target = NumericColumns.FIGURE.stored(input.target());
            target.deadline = input.deadline();
            target.position = ++position;
            target.persist();
        }
        commitment.plannedActions = plannedActions.stream().map(String::strip).toArray(String[]::new);
        commitment.updatedAt = now;
        signatory.updatedAt = now;
        // Figures the network already holds (spend, grants, contract delivery) count at once, not only from the next.
        spendProgress.refresh(signatory, commitment);
        givingProgress.refresh(signatory, commitment);
        deliveredSocialValue.refresh(signatory, commitment);
        return new Edited(commitment, taken);
    }

    private static void validate(List<TargetInput> targets, List<String> plannedActions, LocalDate committedOn,
            List<ProblemError> errors) {
        Map<String, PledgeMetric> metrics = SignatoryViews.metrics();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            TargetInput target = targets.get(i);
            String at = "/targets/" + i;
            if (target == null) {
                continue; // the request's constraints said so
            }
            PledgeMetric metric = target.metricCode() == null ? null : metrics.get(target.metricCode());
            if (metric == null) {
                errors.add(ProblemError.at(at + "/metricCode", target.metricCode() == null ? "required" : "unknown-metric",
                        "one of " + new java.util.TreeSet<>(metrics.keySet())));
                continue;
            }
            String tier = blankToNull(target.tier());
            if (metric.tiered && tier == null) {
                errors.add(ProblemError.at(at + "/tier", "required", metric.code + " is measured for a locality tier, e.g. darlington"));
            } else if (!metric.tiered && tier != null) {
                errors.add(ProblemError.at(at + "/tier", "not-tiered", metric.code + " is not measured for a tier; leave tier out"));
            } else if (tier != null && !tier.matches(TIER)) {
                errors.add(ProblemError.at(at + "/tier", "invalid-tier", "a tier name such as darlington or tees-valley"));
            }
            if (!seen.add(metric.code + "|" + tier)) {
                errors.add(ProblemError.at(at, "duplicate-target", "one target per metric and tier"));
            }
            if (target.target() == null) {
                errors.add(ProblemError.at(at + "/target", "required", "the value to reach, in " + metric.unit));
            } else {
                checkValue(errors, at + "/target", target.target(), metric);
            }
            if (target.baseline() != null) {
                checkValue(errors, at + "/baseline", target.baseline(), metric);
            }
            if (target.baselinePeriod() != null && !target.baselinePeriod().isBlank()
                    && ReportingPeriod.parse(target.baselinePeriod()).isEmpty()) {
                errors.add(ProblemError.at(at + "/baselinePeriod", "invalid-period", "a financial year such as 2025-26 or a quarter such as 2025-26-Q1"));
            }
            if (target.deadline() == null) {
                errors.add(ProblemError.at(at + "/deadline", "required", "the date the target is to be met by"));
            } else if (!target.deadline().isAfter(committedOn)) {
                errors.add(ProblemError.at(at + "/deadline", "deadline-not-after-commitment",
                        "after the date the pledge was taken, " + committedOn));
            }
        }
        for (int i = 0; i < plannedActions.size(); i++) {
            String action = plannedActions.get(i);
            if (action == null || action.isBlank()) {
                errors.add(ProblemError.at("/plannedActions/" + i, "required", "a planned action in words"));
            } else if (action.length() > 500) {
                errors.add(ProblemError.at("/plannedActions/" + i, "too-long", "at most 500 characters"));
            }
        }
        ApiProblemException.throwIfAny(errors, "the commitment");
    }

    /**
     * A value in a metric's unit, as its column stores it: percentages from 0 to 100, amounts and hours not negative, at
     * most 2 decimal places (NumericColumns).
     */
    public static void checkValue(List<ProblemError> errors, String pointer, BigDecimal value, PledgeMetric metric) {
        NumericColumns.of(metric).check(errors, pointer, value);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
