package org.anchornetwork.pledge.signatory.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.CursorPage;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.pledge.charter.rest.CharterResource;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.Signatory;
import org.anchornetwork.pledge.signatory.SignatoryType;
import org.anchornetwork.pledge.signatory.service.SigningService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/charters/{charterId}/signatories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Signatories", description = "Signing a charter's pledges, and the public register of signatories")
public class SignatoryResource {

    private final SigningService signing;
    private final CallerOrganisation caller;

    public SignatoryResource(SigningService signing, CallerOrganisation caller) {
        this.signing = signing;
        this.caller = caller;
    }

    @Schema(description = "Pledges to sign as the caller's organisation (the organisation id comes from the access token)")
    public record SignRequest(
            @NotBlank @Size(max = 200) @Schema(description = "The organisation's public name", example = "Quaker Coffee Co") String organisationName,
            @NotNull @Schema(example = "BUSINESS") SignatoryType signatoryType,
            @NotEmpty @Size(max = 50) @Schema(description = "Codes of the pledges taken", example = "[\"keep-your-money-local\", \"give-locally\"]")
            List<@NotBlank String> pledgeCodes) {
    }

    @Schema(description = "A signatory on the public register")
    public record SignatoryView(
            @Schema(example = "GB-COH-10000003") String organisationId,
            @Schema(example = "Quaker Coffee Co") String organisationName,
            SignatoryType signatoryType,
            @Schema(example = "2026-11-25") LocalDate joinedOn,
            @Schema(example = "[\"give-locally\", \"keep-your-money-local\"]") List<String> pledgeCodes) {

        static SignatoryView of(Signatory signatory, List<Commitment> commitments) {
            return new SignatoryView(signatory.organisationId, signatory.organisationName, signatory.signatoryType,
                    signatory.joinedOn, commitments.stream().map(c -> c.pledgeCode).toList());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANCHOR, Roles.SIGNATORY })
    @Operation(summary = "Sign pledges as the caller's organisation",
            description = "The first signature makes the caller's organisation (claim org_id of the token) a signatory: 201, "
                    + "and pledge.signatory-joined.v1 is published. Signing again adds pledges not yet taken: 200. "
                    + "Sending the same request twice is harmless.")
    @APIResponse(responseCode = "201", description = "The organisation joined the charter")
    @APIResponse(responseCode = "200", description = "The organisation was already a signatory; new pledges were added")
    @APIResponse(responseCode = "422", description = "A pledge code is not part of the charter")
    public Response sign(@PathParam("charterId") String charterId, @Valid @NotNull SignRequest request) {
        SigningService.Signed signed = signing.sign(charterId, caller.orgId(), request.organisationName(),
                request.signatoryType(), request.pledgeCodes());
        SignatoryView view = SignatoryView.of(signed.signatory(), signed.commitments());
        if (signed.joined()) {
            return Response.created(URI.create("/api/v1/charters/" + charterId + "/signatories/" + view.organisationId()))
                    .entity(view).build();
        }
        return Response.ok(view).build();
    }

    @GET
    @PermitAll
    @Operation(summary = "The public register", description = "Who signed the charter and which pledges they took, "
            + "ordered by organisation id. No token needed.")
    public CursorPage<SignatoryView> register(@PathParam("charterId") String charterId,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        CharterResource.find(charterId);
        int pageSize = Cursors.limit(limit);
        String after = Cursors.decode(cursor);
        List<Signatory> rows = Signatory.<Signatory>find("charterId = ?1 and organisationId > ?2 order by organisationId",
                charterId, after == null ? "" : after).page(0, pageSize + 1).list();
        var commitments = Commitment.ofSignatories(rows.stream().map(s -> s.id).toList());
        return CursorPage.of(rows.stream().map(s -> SignatoryView.of(s, commitments.getOrDefault(s.id, List.of()))).toList(),
                pageSize, SignatoryView::organisationId);
    }

    @GET
    @Path("/{organisationId}")
    @PermitAll
    @Operation(summary = "One signatory on the register", description = "No token needed. 404 when the organisation has not signed.")
    public SignatoryView get(@PathParam("charterId") String charterId, @PathParam("organisationId") String organisationId) {
        CharterResource.find(charterId);
        Signatory signatory = Signatory.find(charterId, organisationId)
                .orElseThrow(() -> ApiProblemException.notFound("Signatory", organisationId));
        return SignatoryView.of(signatory, Commitment.ofSignatory(signatory.id));
    }
}
