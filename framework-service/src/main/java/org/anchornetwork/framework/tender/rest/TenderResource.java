package org.anchornetwork.framework.tender.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.CursorPage;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.framework.contract.Contract;
import org.anchornetwork.framework.contract.rest.ContractResource;
import org.anchornetwork.framework.contract.service.AwardService;
import org.anchornetwork.framework.contract.service.DeliveryTotals;
import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.tender.TenderEvaluation;
import org.anchornetwork.framework.tender.ocds.OcdsExport;
import org.anchornetwork.framework.tender.ocds.OcdsImport;
import org.anchornetwork.framework.tender.rest.TenderViews.TenderView;
import org.anchornetwork.framework.tender.scoring.Scoring;
import org.anchornetwork.framework.tender.scoring.ScoringMethod;
import org.anchornetwork.framework.tender.service.Evaluation;
import org.anchornetwork.framework.tender.service.TenderAccess;
import org.anchornetwork.framework.tender.service.TenderService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.panache.common.Parameters;

@Path("/api/v1/tenders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenders", description = "Social value in procurement: an anchor's tenders (created by the anchor or the "
        + "e-tendering portal acting for it), their evaluation and award")
public class TenderResource {

    private final TenderService tenders;
    private final Evaluation evaluation;
    private final AwardService awards;
    private final TenderAccess access;
    private final CallerOrganisation caller;
    private final DeliveryTotals deliveryTotals;
    private final OcdsExport ocdsExport;
    private final OcdsImport ocdsImport;
    private final Constraints constraints;

    public TenderResource(TenderService tenders, Evaluation evaluation, AwardService awards, TenderAccess access,
            CallerOrganisation caller, DeliveryTotals deliveryTotals, OcdsExport ocdsExport, OcdsImport ocdsImport,
            Constraints constraints) {
        this.tenders = tenders;
        this.evaluation = evaluation;
        this.awards = awards;
        this.access = access;
        this.caller = caller;
        this.deliveryTotals = deliveryTotals;
        this.ocdsExport = ocdsExport;
        this.ocdsImport = ocdsImport;
        this.constraints = constraints;
    }

    @Schema(name = "TenderInput", description = "A tender's social value part", example = """
            {"anchorOrgId":"GB-LAE-DAL","anchorName":"Darlington Borough Council","reference":"DBC-2026-041",
             "title":"Town hall refurbishment",
             "frameworkId":"fairer-richer-darlington-sv","frameworkVersion":1,"measureCodes":["FRD1","FRD9"],
             "socialValueWeighting":20,"scoringMethod":"RELATIVE_VALUE","minimumSocialValuePercent":2,
             "closingAt":"2027-01-31T12:00:00Z"}""")
    public record TenderRequest(
            @Schema(description = "The anchor: its own for an anchor's token; one in acts_for for a portal") String anchorOrgId,
            @Size(max = 300) @Schema(description = "The anchor's name, as OCDS releases name the buyer; when absent, the "
                    + "name it signed the charter with, else its organisation id") String anchorName,
            @NotBlank @Size(max = 100) String reference,
            @NotBlank @Size(max = 300) String title,
            @NotBlank String frameworkId,
            @NotNull @Schema(description = "A published version number, from 1") Integer frameworkVersion,
            @NotEmpty @Size(max = 100) List<@NotBlank String> measureCodes,
            @NotNull @Schema(description = "% of the total score: more than 0, at most 100, at most 2 decimal places "
                    + "(answered as stored, e.g. 20.00)") BigDecimal socialValueWeighting,
            @NotNull ScoringMethod scoringMethod,
            @Size(max = 20) @Schema(description = "FIXED_BANDS only: fromPercent and scorePercent each 0 to 100, at most 2 "
                    + "decimal places") List<Scoring.Band> bands,
            @Schema(description = "GBP, 0 or more, at most 2 decimal places") BigDecimal minimumSocialValue,
            @Schema(description = "% of the bid price, 0 to 100, at most 2 decimal places") BigDecimal minimumSocialValuePercent,
            @NotNull OffsetDateTime closingAt) {

        /** The draft the service checks; the anchor comes from the caller. */
        public TenderService.Draft draft(String anchor) {
            return new TenderService.Draft(anchor, anchorName, reference, title, frameworkId, frameworkVersion, measureCodes,
                    socialValueWeighting, scoringMethod, bands, minimumSocialValue, minimumSocialValuePercent, closingAt);
        }
    }

    @Schema(name = "AwardInput", example = """
            {"bidId":"6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b","startsOn":"2027-03-01","endsOn":"2029-02-28"}""")
    public record AwardRequest(@NotNull UUID bidId, @NotNull LocalDate startsOn, @NotNull LocalDate endsOn) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
    @Operation(summary = "Create a tender", description = "An anchor for itself, or a portal for an anchor it acts for. The "
            + "tender uses a published framework version and the measures in scope, a social value weighting (e.g. 10-20% "
            + "of the total score), a scoring method (RELATIVE_VALUE: relative to the best bid's social value in GBP; "
            + "RELATIVE_PERCENT: relative to the best social value as % of the bid price; FIXED_BANDS: bands of % of the "
            + "bid price), an optional minimum, and a closing time. References are unique per anchor.")
    @APIResponse(responseCode = "201", description = "Created, OPEN")
    @APIResponse(responseCode = "409", description = "The anchor has a tender with that reference")
    @APIResponse(responseCode = "422", description = "Invalid; every error, of every kind, is listed")
    public Response create(@NotNull TenderRequest request) {
        String anchor = caller.writingFor(request.anchorOrgId(), "/anchorOrgId");
        Tender tender = tenders.create(request.draft(anchor), caller.orgId(), constraints.of(request));
        return Response.created(URI.create("/api/v1/tenders/" + tender.id)).entity(TenderView.of(tender)).build();
    }

    @GET
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "List tenders", description = "An anchor's own; a portal's anchors'; every tender for the network "
            + "admin; open tenders for suppliers, who bid on them. Cursor pages.")
    public CursorPage<TenderView> list(@Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        int pageSize = Cursors.limit(limit);
        StringBuilder query = new StringBuilder("id > :after");
        Parameters parameters = Parameters.with("after", Cursors.uuidAfter(cursor));
        if (caller.hasRole(Roles.NETWORK_ADMIN)) {
            // every tender
        } else if (caller.hasRole(Roles.ANCHOR)) {
            query.append(" and anchorOrgId = :anchor");
            parameters.and("anchor", caller.orgId());
        } else if (caller.hasRole(Roles.PORTAL)) {
            query.append(" and anchorOrgId in :anchors");
            parameters.and("anchors", caller.actsFor().isEmpty() ? List.of("-") : List.copyOf(caller.actsFor()));
        } else {
            query.append(" and status = :open and closingAt > :now");
            parameters.and("open", Tender.Status.OPEN).and("now", OffsetDateTime.now());
        }
        List<Tender> rows = Tender.<Tender>find(query + " order by id", parameters).page(0, pageSize + 1).list();
        return CursorPage.of(rows.stream().map(TenderView::of).toList(), pageSize, view -> view.id().toString());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "Read a tender", description = "The owner, its portal, the network admin and bidders. 404 for another anchor or portal.")
    public TenderView get(@PathParam("id") UUID id) {
        return TenderView.of(access.readable(id));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
    @Operation(summary = "Close a tender early", description = "The owner or its portal. A tender also closes by itself at its closing time.")
    @APIResponse(responseCode = "409", description = "Not open")
    @Transactional
    public TenderView close(@PathParam("id") UUID id) {
        return TenderView.of(tenders.close(access.managed(id)));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
    @Operation(summary = "Cancel a tender", description = "The owner or its portal; not once awarded.")
    @APIResponse(responseCode = "409", description = "Awarded or already cancelled")
    @Transactional
    public TenderView cancel(@PathParam("id") UUID id) {
        return TenderView.of(tenders.cancel(access.managed(id)));
    }

    @POST
    @Path("/{id}/evaluation")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
    @Operation(summary = "Evaluate a closed tender", description = "The owner or its portal. Each current bid is valued "
            + "through the tender's framework version (quantity × proxy value, line by line), scored out of the social "
            + "value weighting by the tender's method, and ranked; every bid's explanation says how its score came "
            + "about. Evaluating again replaces the evaluation until the tender is awarded.")
    @APIResponse(responseCode = "409", description = "Still open, or already awarded or cancelled")
    @Transactional
    public Evaluation.Result evaluate(@PathParam("id") UUID id) {
        return evaluation.evaluate(access.managed(id), caller.orgId());
    }

    @GET
    @Path("/{id}/evaluation")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "Read the evaluation", description = "The owner, its portal and the network admin see every bid; "
            + "a bidder sees only its own line (with its score and rank).")
    @APIResponse(responseCode = "404", description = "Not evaluated yet")
    public Evaluation.Result evaluation(@PathParam("id") UUID id) {
        Tender tender = access.readable(id);
        TenderEvaluation stored = TenderEvaluation.findById(tender.id);
        if (stored == null) {
            throw ApiProblemException.notFound("Evaluation of tender", id.toString());
        }
        Evaluation.Result result = stored.result;
        if (access.seesAllBids(tender)) {
            return result;
        }
        String own = caller.orgId();
        return new Evaluation.Result(result.tenderId(), result.frameworkId(), result.frameworkVersion(), result.scoringMethod(),
                result.socialValueWeighting(), result.evaluatedAt(),
                result.bids().stream().filter(bid -> bid.bidderOrgId().equals(own)).toList(), result.roundingRule());
    }

    @Schema(name = "OcdsImportResult")
    public record OcdsImportResult(List<OcdsImport.Imported> tenders) {
    }

    @POST
    @Path("/ocds-releases")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
    @Operation(summary = "Create or update tenders from an OCDS release package", description = "For portals that speak "
            + "OCDS: each release's tender.id is the anchor's reference, buyer.id the anchor (the caller's own, or one in a "
            + "portal's acts_for), tender.title and tender.tenderPeriod.endDate the title and closing time, and the social "
            + "value rules travel in a tender.socialValue extension object (frameworkId, frameworkVersion, measureCodes, "
            + "weighting, scoringMethod, bands, minimumSocialValue, minimumSocialValuePercent), as GET .../ocds writes it. "
            + "A new reference creates the tender; a known one is updated while it is open and has no bids. One "
            + "transaction: an invalid release stores nothing, and errors point into the package.")
    @APIResponse(responseCode = "200", description = "Each tender with CREATED, UPDATED or UNCHANGED")
    @APIResponse(responseCode = "409", description = "A tender that already has bids, or is no longer open, cannot change")
    @APIResponse(responseCode = "422", description = "A release is not a tender this service can read; every error is listed")
    public OcdsImportResult importOcds(@NotNull JsonNode releasePackage) {
        return new OcdsImportResult(ocdsImport.importPackage(releasePackage, caller));
    }

    @GET
    @Path("/{id}/ocds")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.NETWORK_ADMIN })
    @Operation(summary = "The tender as an OCDS release package", description = "OCDS 1.1.5: the tender with its social "
            + "value rules (a socialValue extension object: framework, version, measures, weighting, scoring method, "
            + "bands, minimum), its tenderers, and once awarded the award and the contract, whose social value KPIs are "
            + "the contract's delivery milestones (code = measure code; status met, partiallyMet, notMet or scheduled "
            + "from delivery so far). The owner, its portal and the network admin.")
    public ObjectNode ocds(@PathParam("id") UUID id) {
        Tender tender = access.managedOrAdmin(id);
        Contract contract = Contract.<Contract>find("tenderId", tender.id).firstResult();
        return ocdsExport.releasePackage(tender, Bid.current(tender.id), contract,
                contract == null ? null : deliveryTotals.performance(contract, List.of()));
    }

    @POST
    @Path("/{id}/award")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
    @Operation(summary = "Award an evaluated tender", description = "The owner or its portal. The chosen bid's commitments "
            + "become the contract's KPIs, valued with the tender's framework version and due by each commitment's "
            + "timescale (or the contract's end); framework.contract-awarded.v1 is published.")
    @APIResponse(responseCode = "201", description = "The contract")
    @APIResponse(responseCode = "409", description = "Not evaluated, or already awarded")
    @APIResponse(responseCode = "422", description = "Not a current bid of the tender, or dates out of order")
    @Transactional
    public Response award(@PathParam("id") UUID id, @NotNull AwardRequest request) {
        Contract contract = awards.award(access.managed(id), request.bidId(), request.startsOn(), request.endsOn(),
                constraints.of(request));
        return Response.created(URI.create("/api/v1/contracts/" + contract.id)).entity(ContractResource.viewOf(contract)).build();
    }
}
