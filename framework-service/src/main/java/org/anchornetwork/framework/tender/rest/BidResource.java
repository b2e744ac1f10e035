package org.anchornetwork.framework.tender.rest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.number.NumberParameters;
import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.Responses;
import org.anchornetwork.framework.NumericColumns;
import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.tender.rest.TenderViews.BidView;
import org.anchornetwork.framework.tender.service.BidCsv;
import org.anchornetwork.framework.tender.service.BidService;
import org.anchornetwork.framework.tender.service.TenderService;
import org.anchornetwork.framework.tender.service.TenderAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenders/{id}/bids")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bids", description = "Bidders' social value commitments on a tender, sent by the tender's portal or by the "
        + "bidder itself. The owner and its portal see every bid; a bidder only its own.")
public class BidResource {

    private final BidService bids;
    private final TenderAccess access;
    private final Constraints constraints;

    public BidResource(BidService bids, TenderAccess access, Constraints constraints) {
        this.bids = bids;
        this.access = access;
        this.constraints = constraints;
    }

    @Schema(name = "BidCommitmentInput")
    public record CommitmentRequest(@Schema(example = "FRD1") String measureCode,
            @Schema(description = "In the measure's unit, 0 to 1,000,000,000 with at most 4 decimal places (answered as "
                    + "stored, e.g. 4.5000)", example = "4.5") BigDecimal quantity,
            @Schema(description = "Within how many months of the contract's start; by its end when absent", example = "12") Integer timescaleMonths,
            @Schema(example = "Three apprentices from Darlington each year") String narrative) {
    }

    @Schema(name = "BidInput", example = """
            {"bidderOrgId":"GB-COH-10000002","bidderName":"DL Building Supplies Ltd","submissionId":"portal-sub-8812",
             "bidPrice":1200000.00,"commitments":[{"measureCode":"FRD1","quantity":4.5,"timescaleMonths":24,
             "narrative":"Local hires for the site team"},{"measureCode":"FRD9","quantity":250000}]}""")
    public record BidRequest(
            @Schema(description = "The bidder; a portal names it, a supplier's token decides it") String bidderOrgId,
            @NotBlank @Size(max = 200) String bidderName,
            @NotBlank @Size(max = 100) @Schema(description = "The portal's id of this submission: the same id again stores nothing twice") String submissionId,
            @NotNull @Schema(description = "GBP, more than 0, at most 2 decimal places") BigDecimal bidPrice,
            @NotNull @Size(max = 200) List<@NotNull CommitmentRequest> commitments) {

        List<Bid.Commitment> bidCommitments() {
            return commitments == null ? null : commitments.stream().map(c -> c == null ? null
                    : new Bid.Commitment(c.measureCode(), c.quantity(), c.timescaleMonths(),
                            c.narrative() == null || c.narrative().isBlank() ? null : c.narrative().strip()))
                    .toList();
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PORTAL, Roles.SUPPLIER })
    @Operation(summary = "Submit a bid's social value commitments", description = "The tender's portal (naming the bidder) "
            + "or the bidder itself (a supplier's token), while the tender is open. Commitments must be measures of the "
            + "tender, one each, with quantities in the measure's unit. (tender, bidder, submissionId) is the natural key: "
            + "the same submission again is 200 with the stored bid; other content under the same submissionId is 409; a "
            + "new submissionId replaces the bidder's earlier bid.")
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "200", description = "This submission was already stored")
    @APIResponse(responseCode = "409", description = "The tender is not open, or the submission id was used with other content")
    @APIResponse(responseCode = "422", description = "Invalid; every error of every kind (fields, measures outside the "
            + "tender, duplicates, quantities) is listed")
    public Response submit(@PathParam("id") UUID tenderId, @NotNull BidRequest request) {
        Tender tender = access.readable(tenderId);
        List<ProblemError> errors = constraints.of(request);
        String bidder = access.bidderFor(tender, request.bidderOrgId(), "/bidderOrgId", errors);
        BidService.Submitted submitted = bids.submit(tenderId, new BidService.Submission(bidder, request.bidderName(),
                request.submissionId(), request.bidPrice(), request.bidCommitments()), access.callerOrgId(), errors);
        BidView view = BidView.of(submitted.bid());
        return Responses.createdOrOk(submitted.created(), "/api/v1/tenders/" + tenderId + "/bids/" + view.id(), view);
    }

    @GET
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "The tender's current bids", description = "Every bidder's latest submission for the owner, its "
            + "portal and the network admin; a bidder's own only, for a bidder.")
    public List<BidView> list(@PathParam("id") UUID tenderId) {
        Tender tender = access.readable(tenderId);
        List<Bid> current = Bid.current(tender.id);
        if (!access.seesAllBids(tender)) {
            String own = access.callerOrgId();
            current = current.stream().filter(bid -> bid.bidderOrgId.equals(own)).toList();
        }
        return BidView.of(current);
    }

    @POST
    @Path("/upload")
    @Consumes("text/csv")
    @RolesAllowed({ Roles.PORTAL, Roles.SUPPLIER })
    @Operation(summary = "Submit a bid's commitments as a spreadsheet", description = "The same as the JSON submission, with "
            + "the commitments as CSV (the charset Content-Type names; else UTF-8, bytes that are not UTF-8 read as "
            + "Windows-1252): the tender's template (GET .../bids/template) filled in, columns Measure Code, "
            + "Quantity and optionally Timescale Months and Narrative; rows without a quantity are measures not committed. "
            + "The bid's other fields are query parameters. Errors name the row (the header is row 1) and column.")
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "200", description = "This submission was already stored")
    @APIResponse(responseCode = "422", description = "Invalid cells; every error of every kind is listed with its row and column")
    public Response upload(@PathParam("id") UUID tenderId,
            @Parameter(description = "The bidder (a portal names it; a supplier's token decides it)") @QueryParam("bidderOrgId") String bidderOrgId,
            @Parameter(description = "The bidder's name", required = true) @QueryParam("bidderName") String bidderName,
            @Parameter(description = "The submission's id", required = true) @QueryParam("submissionId") String submissionId,
            @Parameter(description = "The bid price in GBP", required = true, example = "1200000.00") @QueryParam("bidPrice") String bidPrice,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        List<ProblemError> missing = new ArrayList<>();
        BigDecimal price = null;
        if (bidderName == null || bidderName.isBlank() || bidderName.length() > 200) {
            missing.add(ProblemError.at("bidderName", "required", "the bidder's name, at most 200 characters"));
        }
        if (submissionId == null || submissionId.isBlank() || submissionId.length() > 100) {
            missing.add(ProblemError.at("submissionId", "required", "the submission's id, at most 100 characters"));
        }
        if (bidPrice == null || bidPrice.isBlank()) {
            missing.add(ProblemError.at("bidPrice", "required", "the bid price in GBP, " + NumericColumns.PRICE.describe()));
        } else {
            price = NumberParameters.decimal("bidPrice", bidPrice, NumericColumns.PRICE, missing);
        }
        Tender tender = access.readable(tenderId);
        String bidder = access.bidderFor(tender, bidderOrgId, "bidderOrgId", missing);
        if (!missing.isEmpty()) {
            throw ApiProblemException.invalidParameters("The bid's query parameters are missing or invalid", missing);
        }
        BidCsv.Read read = BidCsv.read(body, contentType);
        BidService.Submitted submitted;
        try {
            submitted = bids.submit(tenderId, new BidService.Submission(bidder, bidderName.strip(), submissionId.strip(), price,
                    read.commitments()), access.callerOrgId(), new ArrayList<>(read.cellErrors()));
        } catch (ApiProblemException e) {
            throw read.placed(e);
        }
        BidView view = BidView.of(submitted.bid());
        return Responses.createdOrOk(submitted.created(), "/api/v1/tenders/" + tenderId + "/bids/" + view.id(), view);
    }

    @GET
    @Path("/template")
    @Produces("text/csv")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "The tender's bid spreadsheet", description = "A row per measure in scope, with its title, unit and "
            + "proxy value, and empty Quantity, Timescale Months and Narrative columns for the bidder to fill in and upload.")
    public Response template(@PathParam("id") UUID tenderId) {
        Tender tender = access.readable(tenderId);
        return Response.ok(BidCsv.template(tender, TenderService.documentOf(tender)), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + tender.reference + "-bid.csv\"").build();
    }

    @GET
    @Path("/{bidId}")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "One bid", description = "Any submission of the tender, for the owner, its portal and the network "
            + "admin; a bidder's own only. Another bidder's bid is a 404.")
    public BidView get(@PathParam("id") UUID tenderId, @PathParam("bidId") UUID bidId) {
        Tender tender = access.readable(tenderId);
        Bid bid = Bid.findById(bidId);
        if (bid == null || !bid.tenderId.equals(tender.id)
                || !access.seesAllBids(tender) && !bid.bidderOrgId.equals(access.callerOrgId())) {
            throw ApiProblemException.notFound("Bid", bidId.toString());
        }
        return BidView.of(bid);
    }
}
