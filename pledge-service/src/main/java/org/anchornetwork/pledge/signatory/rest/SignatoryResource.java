package org.anchornetwork.pledge.signatory.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.CursorPage;
import org.anchornetwork.common.web.ChoiceParameters;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.common.web.Responses;
import org.anchornetwork.pledge.charter.rest.CharterResource;
import org.anchornetwork.pledge.signatory.CommitmentStatus;
import org.anchornetwork.pledge.signatory.Signatory;
import org.anchornetwork.pledge.signatory.SignatoryType;
import org.anchornetwork.pledge.signatory.rest.SignatoryViews.SignatoryView;
import org.anchornetwork.pledge.signatory.service.SignatoryAccess;
import org.anchornetwork.pledge.signatory.service.SignatoryIdentifiers;
import org.anchornetwork.pledge.signatory.service.SigningService;
import org.anchornetwork.pledge.signatory.service.StandingCheck;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/charters/{charterId}/signatories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Signatories", description = "Signing and leaving a charter, the public register of signatories, and the "
        + "status check portals and procurement use")
public class SignatoryResource {

    private final SigningService signing;
    private final StandingCheck standing;
    private final SignatoryAccess access;
    private final CallerOrganisation caller;
    private final SignatoryIdentifiers identifiers;
    private final Constraints constraints;

    public SignatoryResource(SigningService signing, StandingCheck standing, SignatoryAccess access,
            CallerOrganisation caller, SignatoryIdentifiers identifiers, Constraints constraints) {
        this.constraints = constraints;
        this.signing = signing;
        this.standing = standing;
        this.access = access;
        this.caller = caller;
        this.identifiers = identifiers;
    }

    @Schema(description = "Pledges to sign as the caller's organisation (the organisation id comes from the access token)")
    public record SignRequest(
            @NotBlank @Size(max = 200) @Schema(description = "The organisation's public name; a resident group signs with the group's name", example = "Quaker Coffee Co") String organisationName,
            @NotNull @Schema(example = "BUSINESS") SignatoryType signatoryType,
            @NotEmpty @Size(max = 50) @Schema(description = "Codes of the pledges taken", example = "[\"keep-your-money-local\", \"give-locally\"]")
            List<@NotBlank String> pledgeCodes,
            @Email @Size(max = 200) @Schema(description = "Private: where the charter team writes to; never on the register", example = "charter@quakercoffee.example")
            String contactEmail) {
    }

    @Schema(description = "The other identifiers of the caller's organisation (never its organisation id, which comes from "
            + "the access token)")
    public record IdentifiersRequest(
            @NotNull @Size(max = SignatoryIdentifiers.MAX_IDENTIFIERS) @Schema(description = "org-id.guide or 360Giving "
                    + "identifiers; the list replaces the registered one", example = "[\"360G-quakercoffee\", \"GB-CHC-1234567\"]")
            List<String> identifiers) {
    }

    @Schema(description = "Leaving the charter")
    public record LeaveRequest(
            @Schema(description = "The last day is the day before; today by default", example = "2027-03-31") LocalDate leftOn,
            @Size(max = 500) @Schema(description = "Private: why, for the charter team; the organisation and the network admin "
                    + "read it in pastMemberships, nobody else") String reason) {
    }

    @Schema(name = "SignatoryStanding", description = "Whether an organisation is a signatory in good standing on a date")
    public record StandingView(@Schema(example = "GB-COH-10000003") String organisationId,
            @Schema(example = "fairer-richer-darlington") String charterId, @Schema(example = "2027-01-15") LocalDate on,
            @Schema(description = "A member of the charter that day") boolean signatory,
            @Schema(description = "A member with at least one pledge and none lapsed") boolean inGoodStanding,
            @Schema(description = "Why not, when not", example = "lapsed (no progress for 12 months): give-locally") String reason,
            @Schema(example = "Quaker Coffee Co") String organisationName, SignatoryType signatoryType, LocalDate joinedOn,
            LocalDate leftOn, List<PledgeStandingView> pledges) {
    }

    @Schema(name = "PledgeStanding")
    public record PledgeStandingView(@Schema(example = "keep-your-money-local") String pledgeCode, LocalDate committedOn,
            CommitmentStatus status, boolean lapsed) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANCHOR, Roles.SIGNATORY })
    @Operation(summary = "Sign pledges as the caller's organisation",
            description = "The first signature makes the caller's organisation (claim org_id of the token) a signatory of "
                    + "the charter's latest version: 201, and pledge.signatory-joined.v1 is published. Signing again adds "
                    + "pledges not yet taken: 200. Sending the same request twice is harmless. An organisation that left "
                    + "joins again with a new joining date. Individuals never sign: a resident group signs with its name.")
    @APIResponse(responseCode = "201", description = "The organisation joined the charter")
    @APIResponse(responseCode = "200", description = "The organisation was already a signatory; new pledges were added")
    @APIResponse(responseCode = "422", description = "A pledge code is not part of the charter")
    public Response sign(@PathParam("charterId") String charterId, @NotNull SignRequest request) {
        SigningService.Signed signed = signing.sign(charterId, caller.orgId(), request.organisationName(),
                request.signatoryType(), request.pledgeCodes(), request.contactEmail(), constraints.of(request));
        SignatoryView view = SignatoryViews.of(List.of(signed.signatory()), organisation -> true).get(0);
        return Responses.createdOrOk(signed.joined(), "/api/v1/charters/" + charterId + "/signatories/" + view.organisationId(),
                view);
    }

    @GET
    @PermitAll
    @Operation(summary = "The public register", description = "Who signed the charter, the pledges they took, each "
            + "commitment's targets, status and latest progress, ordered by organisation id. Organisations only: no "
            + "personal data. No token needed. Organisations that left are listed only with includeLeft=true.")
    public CursorPage<SignatoryView> register(@PathParam("charterId") String charterId,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "Only signatories that took this pledge", example = "give-locally") @QueryParam("pledge") String pledge,
            @Parameter(description = "Only this kind of signatory", schema = @Schema(implementation = SignatoryType.class))
            @QueryParam("signatoryType") String signatoryType,
            @Parameter(description = "Also list organisations that left (true or false; default false)")
            @QueryParam("includeLeft") String includeLeftParameter,
            @Parameter(description = "Only signatories changed since (ISO 8601), for incremental sync", example = "2026-11-01T00:00:00Z")
            @QueryParam("updatedSince") String updatedSince) {
        CharterResource.find(charterId);
        SignatoryType type = ChoiceParameters.oneOf("signatoryType", signatoryType, SignatoryType.class);
        boolean includeLeft = ChoiceParameters.flag("includeLeft", includeLeftParameter, false);
        int pageSize = Cursors.limit(limit);
        String after = Cursors.decode(cursor);
        OffsetDateTime since = Cursors.updatedSince(updatedSince);
        StringBuilder query = new StringBuilder("charterId = :charter and organisationId > :after");
        io.quarkus.panache.common.Parameters parameters = io.quarkus.panache.common.Parameters.with("charter", charterId)
                .and("after", after == null ? "" : after);
        if (!includeLeft) {
            query.append(" and leftOn is null");
        }
        if (type != null) {
            query.append(" and signatoryType = :type");
            parameters.and("type", type);
        }
        if (since != null) {
            query.append(" and updatedAt > :since");
            parameters.and("since", since);
        }
        if (pledge != null && !pledge.isBlank()) {
            query.append(" and id in (select c.signatoryId from Commitment c where c.pledgeCode = :pledge)");
            parameters.and("pledge", pledge);
        }
        List<Signatory> rows = Signatory.<Signatory>find(query + " order by organisationId", parameters)
                .page(0, pageSize + 1).list();
        return CursorPage.of(SignatoryViews.of(rows, access::seesPrivateFieldsOf), pageSize, SignatoryView::organisationId);
    }

    @GET
    @Path("/{organisationId}")
    @PermitAll
    @Operation(summary = "One signatory on the register", description = "No token needed; the organisation itself and "
            + "the network admin also see its private fields. 404 when the organisation has never signed.")
    public SignatoryView get(@PathParam("charterId") String charterId, @PathParam("organisationId") String organisationId) {
        CharterResource.find(charterId);
        return SignatoryViews.of(List.of(SignatoryAccess.existing(charterId, organisationId)), access::seesPrivateFieldsOf)
                .get(0);
    }

    @POST
    @Path("/{organisationId}/leave")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANCHOR, Roles.SIGNATORY, Roles.NETWORK_ADMIN })
    @Operation(summary = "Leave the charter", description = "The organisation itself leaves, or the network admin removes "
            + "it. Its record stays on file marked as left, off the register, and pledge.signatory-left.v1 is published. "
            + "The reason is private: the organisation and the network admin read it in pastMemberships, also after the "
            + "organisation signs again (which rejoins); it is never on the register, in events or in reports.")
    @APIResponse(responseCode = "200", description = "Left")
    @APIResponse(responseCode = "403", description = "Another organisation's record")
    @APIResponse(responseCode = "409", description = "Already left")
    public SignatoryView leave(@PathParam("charterId") String charterId, @PathParam("organisationId") String organisationId,
            LeaveRequest request) {
        boolean byNetwork = caller.hasRole(Roles.NETWORK_ADMIN);
        if (!byNetwork) {
            access.ownForWrite(charterId, organisationId);
        }
        Signatory signatory = signing.leave(charterId, organisationId, request == null ? null : request.leftOn(),
                request == null ? null : request.reason(), byNetwork, constraints.of(request));
        return SignatoryViews.of(List.of(signatory), access::seesPrivateFieldsOf).get(0);
    }

    @PUT
    @Path("/{organisationId}/identifiers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANCHOR, Roles.SIGNATORY })
    @Operation(summary = "Register the organisation's other identifiers", description = "Only the organisation itself. "
            + "Other identifiers it is known by, such as its 360Giving funder id (360G-…) or charity number (GB-CHC-…): "
            + "360Giving grants it imports must be funded by its organisation id or one of these, so that an organisation "
            + "counts only the grants it made. The list replaces the one registered before; the identifiers are public "
            + "on the register. An identifier of another signatory of the charter is a 409.")
    @APIResponse(responseCode = "200", description = "Registered; the signatory as the register shows it")
    @APIResponse(responseCode = "403", description = "Another organisation's record")
    @APIResponse(responseCode = "409", description = "An identifier belongs to another signatory")
    @APIResponse(responseCode = "422", description = "An identifier is not an org-id.guide or 360Giving identifier")
    public SignatoryView registerIdentifiers(@PathParam("charterId") String charterId,
            @PathParam("organisationId") String organisationId, @NotNull IdentifiersRequest request) {
        access.ownForWrite(charterId, organisationId);
        Signatory signatory = identifiers.replace(charterId, organisationId,
                request.identifiers() == null ? List.of() : request.identifiers(), constraints.of(request));
        return SignatoryViews.of(List.of(signatory), access::seesPrivateFieldsOf).get(0);
    }

    @GET
    @Path("/{organisationId}/standing")
    @PermitAll
    @Operation(summary = "Is this organisation a signatory in good standing?", description = "For procurement and "
            + "e-tendering portals: whether the organisation was a member of the charter on the date (today by default), "
            + "with which pledges, and whether any had lapsed (no progress for 12 months). An organisation that never "
            + "signed gets signatory=false, not a 404. No token needed: it says no more than the register.")
    public StandingView standing(@PathParam("charterId") String charterId, @PathParam("organisationId") String organisationId,
            @Parameter(description = "yyyy-MM-dd; today by default", example = "2027-01-15") @QueryParam("on") String on) {
        CharterResource.find(charterId);
        LocalDate date = Cursors.date("on", on, LocalDate.now());
        StandingCheck.Standing result = standing.on(charterId, organisationId, date);
        Signatory record = result.record();
        List<PledgeStandingView> pledges = new ArrayList<>();
        result.pledges().forEach(p -> pledges.add(new PledgeStandingView(p.pledgeCode(), p.committedOn(), p.status(), p.lapsed())));
        return new StandingView(organisationId, charterId, date, result.signatory(), result.inGoodStanding(), result.reason(),
                record == null ? null : record.organisationName, record == null ? null : record.signatoryType,
                record == null ? null : record.joinedOn, record == null ? null : record.leftOn, pledges);
    }
}
