package org.anchornetwork.spend.analysis.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.ResponseFormats;
import org.anchornetwork.spend.analysis.service.AggregateQuery;
import org.anchornetwork.spend.analysis.service.SpendAnalysis;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The network's spend, aggregated: OpenSpending-style drilldowns, cuts and measures over the spend cubes, for
 * partner agencies' BI tools. Network members only; anonymous callers have the public headline.
 */
@Path("/api/v1/spend/aggregate")
@RolesAllowed({ Roles.ANCHOR, Roles.NETWORK_ADMIN })
@Tag(name = "Spend analysis")
public class AggregateResource {

    static final String EXAMPLE = """
            {"definitions":{"scope":"NETWORK","denominator":"ALL","denominatorDefinition":"All spend: every payment the anchors recorded, redacted ones included",
              "period":{"from":"2025-04-01","to":"2026-03-31","financialYears":["2025-26"]},
              "tiers":[{"tier":"darlington","label":"Darlington","versions":[{"version":1,"financialYears":["2025-26"]}]}],
              "measures":{"totalSpend":"Sum of the payments in the denominator (GBP; net or gross of VAT as each anchor declares)"},
              "dimensions":{"anchor":"The anchor that paid (its org-id.guide id)"},"nonInfluenceableCategories":["energy-utilities","statutory"],
              "suppression":{"threshold":3,"applies":false,"suppressedSuppliers":0,"rule":"..."},"locationBasis":"...",
              "currency":"GBP","source":"spend_cube_month"},
             "drilldown":["anchor","quarter"],
             "cells":[{"anchor":"GB-LAE-DAL","anchorName":"Darlington Borough Council","quarter":"2025-26-Q1","paymentCount":5210,
               "totalSpend":36125400.12,"localSpend":{"darlington":9120455.30},"localShare":{"darlington":25.25},
               "smeSpend":14200100.00,"smeShare":39.31,"vcseSpend":2100400.00,"vcseShare":5.81,"signatorySpend":650000.00,
               "signatoryShare":1.80,"unknownLocationSpend":4100200.00,"unknownLocationShare":11.35}],
             "summary":{"paymentCount":20840,"totalSpend":144501600.48},"cellCount":40,"next":null}""";

    private final SpendAnalysis analysis;
    private final CallerOrganisation caller;

    public AggregateResource(SpendAnalysis analysis, CallerOrganisation caller) {
        this.analysis = analysis;
        this.caller = caller;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Aggregate the network's spend", description = """
            Network members (anchors, the network admin). Cells split by the drilldowns, filtered by the cuts, with the \
            measures asked for; a summary over all cells; and the definitions the figures rest on: the period, the tier \
            versions each financial year uses, the denominator and the categories it leaves out, which rollup answered, \
            and whether supplier figures were suppressed.

            Dimensions: anchor, anchorType, financialYear, quarter, month, tier (the narrowest tier the supplier is in, \
            'outside' or 'unknown'), localAuthority, region, category, influenceable, supplierSize, vcse, signatory, \
            supplier. Cuts: `dimension:value[,value]`, the parameter repeated for several (`cut=financialYear:2025-26\
            &cut=category:construction,facilities`), or joined by `|` sent as `%7C`; `within:tees-valley` keeps suppliers local to a tier (nested tiers \
            included); supplierSize:SME means micro, small and medium.

            Privacy: a network analysis by supplier shows a supplier's figures only where at least the threshold of \
            anchors (3 unless the network sets otherwise) pay it in that cell, or the caller alone does; the rest are \
            counted in one suppressed cell per group. scope=own analyses only the caller's own payments, with its \
            supplier detail. Redacted payments count in every total and are never named.

            Answers come from rollups kept up to date at ingest, never from the payments. `format=csv` (or \
            `Accept: text/csv`) returns the cells as a spreadsheet, nested figures as columns such as \
            localShare.darlington; text that would run as a formula is neutralised.""")
    @APIResponse(responseCode = "200", description = "The analysis", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpendAnalysis.Result.class),
                examples = @ExampleObject(name = "local share by anchor and quarter", value = EXAMPLE)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A drilldown, cut, measure or parameter that cannot be read; each is listed")
    @APIResponse(responseCode = "422", description = "The answer would have too many cells")
    @APIResponse(responseCode = "503", description = "The query took longer than the statement timeout")
    public Response aggregate(
            @Parameter(description = "Dimensions to split by, comma-separated", example = "anchor,quarter") @QueryParam("drilldown") String drilldown,
            @Parameter(description = "dimension:value[,value...]; repeat the parameter for several (or join with | sent as %7C)", example = "financialYear:2025-26") @QueryParam("cut") List<String> cut,
            @Parameter(description = "Measures, comma-separated; all but supplierCount when absent", example = "totalSpend,localShare")
            @QueryParam("measures") String measures,
            @Parameter(description = "all (default) or influenceable") @QueryParam("denominator") String denominator,
            @Parameter(description = "network (default) or own") @QueryParam("scope") String scope,
            @Parameter(description = "A dimension or measure, :asc or :desc", example = "totalSpend:desc") @QueryParam("order") String order,
            @Parameter(description = "Cells per page, 1 to 10000 (default 1000); CSV returns every cell") @QueryParam("limit") String limit,
            @Parameter(description = "The next page's cursor from a previous answer") @QueryParam("cursor") String cursor,
            @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = ResponseFormats.csv(format, accept);
        AggregateQuery query = AggregateQuery.parse(drilldown, cut, measures, denominator, scope, order, limit, cursor);
        if (csv) {
            query = query.everyCell();
        }
        SpendAnalysis.Result result = analysis.aggregate(query, new SpendAnalysis.Caller(caller.orgId()));
        if (csv) {
            return AnalysisCsv.attachment(result.cells(), "spend-aggregate.csv");
        }
        return Response.ok(result, MediaType.APPLICATION_JSON).build();
    }
}
