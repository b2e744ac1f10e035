package org.anchornetwork.pledge.signatory.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.Responses;
import org.anchornetwork.pledge.charter.rest.CharterResource;
import org.anchornetwork.pledge.metric.PledgeMetric;
import org.anchornetwork.pledge.progress.ProgressReport;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentTarget;
import org.anchornetwork.pledge.signatory.Signatory;
import org.anchornetwork.pledge.signatory.rest.SignatoryViews.CommitmentView;
import org.anchornetwork.pledge.signatory.service.CommitmentEditor;
import org.anchornetwork.pledge.signatory.service.SignatoryAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/charters/{charterId}/signatories/{organisationId}/commitments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Commitments", description = "A signatory's commitments: the pledges it took, with measurable targets and "
        + "planned actions. Public to read; only the organisation itself changes them.")
public class CommitmentResource {

    private final CommitmentEditor editor;
    private final SignatoryAccess access;
    private final Constraints constraints;

    public CommitmentResource(CommitmentEditor editor, SignatoryAccess access, Constraints constraints) {
        this.editor = editor;
        this.access = access;
        this.constraints = constraints;
    }

    @Schema(name = "TargetInput", description = "A measurable target. The metric decides the unit (GET "
            + "/api/v1/charters/{charterId}/metrics) and whether a tier is named.")
    public record TargetRequest(@Schema(example = "local-spend-share") String metricCode,
            @Schema(description = "Required for tiered metrics (local-spend-share, local-donations-gbp), absent otherwise", example = "darlington") String tier,
            @Schema(description = "Where the signatory starts from, in the metric's unit: 0 or more (percentages at most 100), "
                    + "at most 2 decimal places", example = "22.50") BigDecimal baseline,
            @Schema(description = "The period the baseline describes", example = "2025-26") String baselinePeriod,
            @Schema(description = "In the metric's unit, as the baseline", example = "30.00") BigDecimal target,
            @Schema(description = "After the date the pledge was taken", example = "2028-03-31") LocalDate deadline) {
    }

    @Schema(name = "CommitmentInput", description = "A commitment's targets and planned actions, replacing those it had", example = """
            {"targets":[{"metricCode":"local-spend-share","tier":"darlington","baseline":22.5,"baselinePeriod":"2025-26",
             "target":30,"deadline":"2028-03-31"}],
             "plannedActions":["Open lots under £25k to Darlington suppliers first","Meet the Buy Local network each quarter"]}""")
    public record CommitmentRequest(@Size(max = 20) List<@NotNull TargetRequest> targets,
            @Size(max = 20) List<String> plannedActions) {
    }

    @GET
    @PermitAll
    @Operation(summary = "A signatory's commitments", description = "Every pledge it took, with targets, planned actions, "
            + "status (PLEDGED, EVIDENCED, VERIFIED), whether it has lapsed, and the latest progress. No token needed.")
    @APIResponse(responseCode = "404", description = "The organisation has not signed the charter")
    public List<CommitmentView> list(@PathParam("charterId") String charterId,
            @PathParam("organisationId") String organisationId) {
        CharterResource.find(charterId);
        Signatory signatory = SignatoryAccess.existing(charterId, organisationId);
        return SignatoryViews.of(List.of(signatory), access::seesPrivateFieldsOf).get(0).commitments();
    }

    @PUT
    @Path("/{pledgeCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANCHOR, Roles.SIGNATORY })
    @Operation(summary = "Set a commitment's targets and planned actions", description = "Only the organisation itself "
            + "(its token's org_id). Replaces the targets and actions; a pledge of the charter not yet taken is taken "
            + "(201). Targets are checked against their metric: percentages 0-100, amounts and hours not negative, a "
            + "tier for tiered metrics, a deadline after the pledge was taken. For an anchor, a local-spend-share target "
            + "is filled in at once from the spend batches it has stored, and then by every new batch.")
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "201", description = "The pledge was taken with these targets")
    @APIResponse(responseCode = "403", description = "Another organisation's commitment")
    @APIResponse(responseCode = "422", description = "A target is invalid; every error is listed and nothing is changed")
    public Response set(@PathParam("charterId") String charterId, @PathParam("organisationId") String organisationId,
            @PathParam("pledgeCode") String pledgeCode, @NotNull CommitmentRequest request) {
        Signatory signatory = access.ownForWrite(charterId, organisationId);
        List<CommitmentEditor.TargetInput> targets = request.targets() == null ? List.of() : request.targets().stream()
                .map(t -> t == null ? null : new CommitmentEditor.TargetInput(t.metricCode(), t.tier(), t.baseline(),
                        t.baselinePeriod(), t.target(), t.deadline()))
                .toList();
        CommitmentEditor.Edited edited = editor.set(signatory, pledgeCode, targets,
                request.plannedActions() == null ? List.of() : request.plannedActions(), constraints.of(request));
        CommitmentView view = viewOf(edited.commitment(), true);
        return Responses.createdOrOk(edited.taken(), "/api/v1/charters/" + charterId + "/signatories/" + organisationId
                        + "/commitments", view);
    }

    /** One commitment as it reads now. */
    public static CommitmentView viewOf(Commitment commitment, boolean showPrivate) {
        Map<String, PledgeMetric> metrics = SignatoryViews.metrics();
        Map<UUID, ProgressReport> latest = ProgressReport.latestOf(List.of(commitment.id));
        return SignatoryViews.commitment(commitment, CommitmentTarget.ofCommitment(commitment.id), latest.get(commitment.id),
                metrics, showPrivate);
    }
}
