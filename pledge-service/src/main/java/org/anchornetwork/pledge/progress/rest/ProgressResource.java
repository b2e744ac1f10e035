package org.anchornetwork.pledge.progress.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.problem.EvidenceLinks;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.time.ReportingPeriod;
import org.anchornetwork.common.web.Responses;
import org.anchornetwork.pledge.NumericColumns;
import org.anchornetwork.pledge.charter.rest.CharterResource;
import org.anchornetwork.pledge.metric.PledgeMetric;
import org.anchornetwork.pledge.progress.ProgressReport;
import org.anchornetwork.pledge.progress.service.ProgressRecorder;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentTarget;
import org.anchornetwork.pledge.signatory.Signatory;
import org.anchornetwork.pledge.signatory.rest.CommitmentResource;
import org.anchornetwork.pledge.signatory.rest.SignatoryViews;
import org.anchornetwork.pledge.signatory.rest.SignatoryViews.CommitmentView;
import org.anchornetwork.pledge.signatory.rest.SignatoryViews.ProgressView;
import org.anchornetwork.pledge.signatory.service.CommitmentEditor;
import org.anchornetwork.pledge.signatory.service.SignatoryAccess;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Progress", description = "Progress on a commitment: reported by the signatory with evidence, or recorded "
        + "automatically from the network's data; verified by the network admin")
public class ProgressResource {

    private final ProgressRecorder recorder;
    private final SignatoryAccess access;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    private final Constraints constraints;

    public ProgressResource(ProgressRecorder recorder, SignatoryAccess access, SecurityIdentity identity, JsonWebToken token,
            Constraints constraints) {
        this.constraints = constraints;
        this.recorder = recorder;
        this.access = access;
        this.identity = identity;
        this.token = token;
    }

    @Schema(name = "ProgressInput", description = "A figure of progress for a period, or (without metricCode and value) a "
            + "narrative report. Sending a report for the same metric, tier and period again replaces the earlier one.",
            example = """
                    {"metricCode":"real-living-wage-employees-pct","period":"2026-27-Q2","value":92.5,
                     "evidenceLinks":["https://www.livingwage.org.uk/accredited-living-wage-employers"],
                     "note":"Two contracted cleaners moved to the real Living Wage in August."}""")
    public record ProgressRequest(@Schema(description = "One of the commitment's target metrics") String metricCode,
            @Schema(description = "For tiered metrics: the target's tier", example = "darlington") String tier,
            @NotNull @Schema(description = "A financial year or quarter, not in the future", example = "2026-27-Q2") String period,
            @Schema(description = "In the metric's unit: 0 or more (percentages at most 100), at most 2 decimal places; "
                    + "answered as stored, e.g. 92.50", example = "92.5") BigDecimal value,
            @Size(max = EvidenceLinks.MAX_LINKS) @Schema(description = "http(s) links to evidence; a report with evidence moves the commitment to EVIDENCED")
            List<String> evidenceLinks,
            @Size(max = 2000) String note) {
    }

    @Schema(name = "VerificationInput")
    public record VerifyRequest(@Size(max = 1000) @Schema(example = "Checked against the Q2 payroll summary") String note) {
    }

    @GET
    @Path("/progress")
    @PermitAll
    @Operation(summary = "A commitment's progress", description = "Every figure and narrative report, latest period first. "
            + "No token needed; who reported each is shown to the organisation and the network admin only.")
    public List<ProgressView> list(@PathParam("charterId") String charterId, @PathParam("organisationId") String organisationId,
            @PathParam("pledgeCode") String pledgeCode) {
        Commitment commitment = commitmentOf(SignatoryAccess.existing(CharterResource.find(charterId).id, organisationId), pledgeCode);
        Map<String, PledgeMetric> metrics = SignatoryViews.metrics();
        boolean showPrivate = access.seesPrivateFieldsOf(organisationId);
        return ProgressReport.ofCommitment(commitment.id).stream().map(r -> ProgressView.of(r, metrics, showPrivate)).toList();
    }

    @POST
    @Path("/progress")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANCHOR, Roles.SIGNATORY })
    @Transactional
    @Operation(summary = "Report progress", description = "Only the organisation itself. A figure must be for one of the "
            + "commitment's target metrics (and its tier); a narrative report has no metric and no value but a note. "
            + "201 for a new report; 200 when it replaced the report of the same period, or repeated it unchanged "
            + "(then nothing is published). pledge.progress-recorded.v1 is published for every change.")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "200", description = "Replaced the report of the same period, or was already recorded")
    @APIResponse(responseCode = "403", description = "Another organisation's commitment")
    @APIResponse(responseCode = "422", description = "Invalid; every error is listed and nothing is stored")
    public Response report(@PathParam("charterId") String charterId, @PathParam("organisationId") String organisationId,
            @PathParam("pledgeCode") String pledgeCode, @NotNull ProgressRequest request) {
        Signatory signatory = access.ownForWrite(charterId, organisationId);
        if (signatory.leftOn != null && !signatory.leftOn.isAfter(LocalDate.now())) {
            throw ApiProblemException.conflict("signatory-left", organisationId + " left the charter on " + signatory.leftOn);
        }
        Commitment commitment = commitmentOf(signatory, pledgeCode);
        ProgressRecorder.Figure figure = validated(commitment, request, constraints.of(request));
        long before = ProgressReport.count("commitmentId", commitment.id);
        ProgressRecorder.Recorded recorded = recorder.record(signatory, commitment, figure, LocalDate.now());
        boolean created = ProgressReport.count("commitmentId", commitment.id) > before;
        ProgressView view = ProgressView.of(recorded.report(), SignatoryViews.metrics(), true);
        return Responses.createdOrOk(created, "/api/v1/charters/" + charterId + "/signatories/" + organisationId
                        + "/commitments/" + pledgeCode + "/progress", view);
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Transactional
    @Operation(summary = "Verify a commitment", description = "Network admin only: the evidence has been checked, and "
            + "the commitment moves from EVIDENCED to VERIFIED. 409 while it is still PLEDGED.")
    @APIResponse(responseCode = "200", description = "Verified")
    @APIResponse(responseCode = "409", description = "Nothing to verify yet")
    public CommitmentView verify(@PathParam("charterId") String charterId, @PathParam("organisationId") String organisationId,
            @PathParam("pledgeCode") String pledgeCode, @Valid VerifyRequest request) {
        Signatory signatory = SignatoryAccess.existing(CharterResource.find(charterId).id, organisationId);
        Commitment commitment = commitmentOf(signatory, pledgeCode);
        recorder.verify(commitment, request == null ? null : request.note(), LocalDate.now());
        return CommitmentResource.viewOf(commitment, true);
    }

    /** Every error of the report at once: its constraints (in {@code errors}) and its rules; the figure as stored. */
    private ProgressRecorder.Figure validated(Commitment commitment, ProgressRequest request, List<ProblemError> errors) {
        ReportingPeriod period = request.period() == null ? null : ReportingPeriod.parse(request.period()).orElse(null);
        if (request.period() == null) {
            // required: the request's constraints said so
        } else if (period == null) {
            errors.add(ProblemError.at("/period", "invalid-period", "a financial year such as 2026-27 or a quarter such as 2026-27-Q2"));
        } else if (period.from().isAfter(LocalDate.now())) {
            errors.add(ProblemError.at("/period", "future-period", period.name() + " has not started"));
        }
        PledgeMetric metric = null;
        String tier = request.tier() == null || request.tier().isBlank() ? null : request.tier().strip();
        if (request.metricCode() == null || request.metricCode().isBlank()) {
            if (request.value() != null) {
                errors.add(ProblemError.at("/metricCode", "required", "a value is a figure of one of the commitment's target metrics"));
            }
            if (tier != null) {
                errors.add(ProblemError.at("/tier", "not-tiered", "a narrative report has no tier"));
            }
            if (request.note() == null || request.note().isBlank()) {
                errors.add(ProblemError.at("/note", "required", "a narrative report (no metric) says what was done"));
            }
        } else {
            List<CommitmentTarget> targets = CommitmentTarget.ofCommitment(commitment.id);
            List<CommitmentTarget> ofMetric = targets.stream().filter(t -> t.metricCode.equals(request.metricCode())).toList();
            if (ofMetric.isEmpty()) {
                errors.add(ProblemError.at("/metricCode", "no-target", "the commitment has no target on " + request.metricCode()
                        + "; its targets: " + targets.stream().map(t -> t.metricCode).distinct().toList()
                        + " (set targets with PUT on the commitment)"));
            } else {
                metric = PledgeMetric.findById(request.metricCode());
                if (ofMetric.stream().noneMatch(t -> Objects.equals(t.tier, tier))) {
                    errors.add(ProblemError.at("/tier", "no-target", "the targets on " + metric.code + " are for "
                            + ofMetric.stream().map(t -> String.valueOf(t.tier)).toList()));
                }
                if (request.value() == null) {
                    errors.add(ProblemError.at("/value", "required", "the figure, in " + metric.unit));
                } else {
                    CommitmentEditor.checkValue(errors, "/value", request.value(), metric);
                }
            }
        }
        List<String> links = request.evidenceLinks() == null ? List.of() : request.evidenceLinks();
        EvidenceLinks.check(errors, "/evidenceLinks", links);
        ApiProblemException.throwIfAny(errors, "the report");
        return new ProgressRecorder.Figure(metric, metric == null ? null : tier, period.name(),
                metric == null ? null : NumericColumns.of(metric).stored(request.value()),
                PledgeMetric.Source.MANUAL, links, request.note() == null || request.note().isBlank() ? null : request.note().strip(),
                reporter());
    }

    /** The token's subject, kept privately as who reported. */
    private String reporter() {
        String subject = token.getSubject();
        return subject != null ? subject : identity.getPrincipal().getName();
    }

    private static Commitment commitmentOf(Signatory signatory, String pledgeCode) {
        return Commitment.of(signatory.id, pledgeCode)
                .orElseThrow(() -> ApiProblemException.notFound("Commitment of " + signatory.organisationId, pledgeCode));
    }
}
