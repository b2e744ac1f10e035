package org.anchornetwork.spend.analysis.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.ResponseFormats;
import org.anchornetwork.spend.analysis.service.AggregateQuery;
import org.anchornetwork.spend.analysis.service.AnalysisDefinitions;
import org.anchornetwork.spend.analysis.service.AnalysisReader;
import org.anchornetwork.spend.analysis.service.LeakageAnalysis;
import org.anchornetwork.spend.analysis.service.YearAndTier;
import org.anchornetwork.spend.lm3.service.Lm3Calculator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Leakage (the opportunity list) and what-if moves of spend to local suppliers. Network members only. */
@Path("/api/v1/spend")
@RolesAllowed({ Roles.ANCHOR, Roles.NETWORK_ADMIN })
@Tag(name = "Spend analysis")
public class LeakageResource {

    private static final int MAX_TOP = 100;

    private final LeakageAnalysis leakage;
    private final AnalysisDefinitions definitions;
    private final AnalysisReader reader;
    private final CallerOrganisation caller;
    private final ObjectMapper json;

    public LeakageResource(LeakageAnalysis leakage, AnalysisDefinitions definitions, AnalysisReader reader,
            CallerOrganisation caller, ObjectMapper json) {
        this.leakage = leakage;
        this.definitions = definitions;
        this.reader = reader;
        this.caller = caller;
        // Figures stay exact decimals on their way to CSV cells (1000.00, not 1000.0).
        this.json = json.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @GET
    @Path("/leakage")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Where spend leaks: top non-local suppliers per category", description = """
            For one financial year (the latest with spend when not given) and tier (the narrowest when not given): per \
            category, its spend, how much went to suppliers in the tier and outside it, how many suppliers in the tier \
            the network already pays in that category, and the non-local suppliers paid most. Categories come largest \
            leak first. At network scope a supplier paid by fewer anchors than the threshold (unless only by the \
            caller) is counted in a suppressed entry, without name or figure; scope=own lists the caller's own. \
            format=csv gives one row per category and listed supplier.""")
    @APIResponse(responseCode = "200", description = "The leakage", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeakageAnalysis.Leakage.class)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A parameter that cannot be read")
    public Response leakage(@Parameter(example = "2025-26") @QueryParam("financialYear") String financialYear,
            @Parameter(example = "darlington") @QueryParam("tier") String tier,
            @Parameter(description = "Categories, comma-separated; all when absent", example = "construction")
            @QueryParam("category") String category,
            @Parameter(description = "Non-local suppliers per category, 1 to 100 (default 20)") @QueryParam("top") String top,
            @Parameter(description = "all (default) or influenceable") @QueryParam("denominator") String denominator,
            @Parameter(description = "network (default) or own") @QueryParam("scope") String scope,
            @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = ResponseFormats.csv(format, accept);
        LeakageAnalysis.Leakage answer = leakage.leakage(question(financialYear, tier, category, denominator, scope),
                count("top", top, 20, MAX_TOP));
        if (!csv) {
            return Response.ok(answer, MediaType.APPLICATION_JSON).build();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LeakageAnalysis.CategoryLeakage line : answer.categories()) {
            Map<String, Object> categoryColumns = asMap(line);
            categoryColumns.remove("topNonLocalSuppliers");
            List<LeakageAnalysis.LeakingSupplier> suppliers = line.topNonLocalSuppliers().isEmpty()
                    ? List.of(new LeakageAnalysis.LeakingSupplier(null, null, null, null, null, null)) : line.topNonLocalSuppliers();
            for (LeakageAnalysis.LeakingSupplier supplier : suppliers) {
                Map<String, Object> row = new LinkedHashMap<>(categoryColumns);
                asMap(supplier).forEach((key, value) -> row.put("supplier." + key, value));
                rows.add(row);
            }
        }
        return AnalysisCsv.attachment(rows, "spend-leakage-" + answer.definitions().financialYear() + ".csv");
    }

    @GET
    @Path("/what-if")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "What moving part of a category's non-local spend to local suppliers would change", description = """
            Moving percent% of the category's spend with suppliers outside the tier to suppliers in it: the category's \
            and the year's local spend and share before and after, and the local economic value gained through LM3 \
            re-spend rates: mode=surveyed (default) takes the spend-weighted re-spend of the category's surveyed \
            suppliers where there are any, mode=modelled the network's default rates; each rate says which it is.""")
    @APIResponse(responseCode = "200", description = "The what-if", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeakageAnalysis.WhatIf.class)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A parameter that cannot be read, or no category named")
    public Response whatIf(@Parameter(example = "2025-26") @QueryParam("financialYear") String financialYear,
            @Parameter(example = "darlington") @QueryParam("tier") String tier,
            @Parameter(description = "One category", example = "construction", required = true) @QueryParam("category") String category,
            @Parameter(description = "Share of the non-local spend moved, above 0 and at most 100", example = "10", required = true)
            @QueryParam("percent") String percent,
            @Parameter(description = "all (default) or influenceable") @QueryParam("denominator") String denominator,
            @Parameter(description = "network (default) or own") @QueryParam("scope") String scope,
            @Parameter(description = "surveyed (default) or modelled") @QueryParam("mode") String mode,
            @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = ResponseFormats.csv(format, accept);
        BigDecimal moved = percent(percent);
        Lm3Calculator.Mode lm3Mode = "modelled".equalsIgnoreCase(mode == null ? null : mode.strip())
                ? Lm3Calculator.Mode.MODELLED : Lm3Calculator.Mode.SURVEYED;
        if (mode != null && !mode.isBlank() && !Arrays.asList("surveyed", "modelled").contains(mode.strip().toLowerCase())) {
            throw ApiProblemException.invalidParameter("mode", "surveyed or modelled");
        }
        LeakageAnalysis.WhatIf answer = leakage.whatIf(question(financialYear, tier, category, denominator, scope), moved, lm3Mode);
        if (csv) {
            return AnalysisCsv.attachment(List.of(asMap(answer)), "spend-what-if.csv");
        }
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    private LeakageAnalysis.Question question(String financialYear, String tier, String category, String denominator,
            String scope) {
        AggregateQuery parsed = AggregateQuery.parse(null, null, null, denominator, scope, null, null, null);
        YearAndTier year = YearAndTier.resolve(financialYear, tier, definitions.current(), reader);
        List<String> categories = category == null || category.isBlank() ? List.of()
                : Arrays.stream(category.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        return new LeakageAnalysis.Question(year, categories, parsed.denominator(), parsed.scope(), caller.orgId());
    }

    private Map<String, Object> asMap(Object value) {
        return json.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private static int count(String name, String value, int otherwise, int max) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // the problem below
        }
        throw ApiProblemException.invalidParameter(name, "between 1 and " + max);
    }

    private static BigDecimal percent(String value) {
        try {
            BigDecimal parsed = new BigDecimal(value.strip());
            if (parsed.signum() > 0 && parsed.compareTo(BigDecimal.valueOf(100)) <= 0 && parsed.scale() <= 2) {
                return parsed;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // the problem below
        }
        throw ApiProblemException.invalidParameter("percent", "a number above 0 and at most 100, e.g. 10 or 12.5");
    }
}
