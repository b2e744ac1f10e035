package org.anchornetwork.pledge.report.rest;

import java.io.StringWriter;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.time.ReportingPeriod;
import org.anchornetwork.common.web.ResponseFormats;
import org.anchornetwork.common.web.SpreadsheetCsv;
import org.anchornetwork.pledge.charter.Charter;
import org.anchornetwork.pledge.charter.rest.CharterResource;
import org.anchornetwork.pledge.report.service.AnnualReport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/charters/{charterId}/reports")
@Tag(name = "Reports", description = "The charter's annual report: public")
public class CharterReportResource {

    private static final String[] CSV_COLUMNS = { "financial_year", "organisation_id", "organisation_name", "signatory_type",
            "joined_on", "left_on", "pledge_code", "status", "lapsed", "metric_code", "tier", "unit", "value", "basis",
            "source", "target", "deadline", "target_met" };

    private final AnnualReport reports;

    public CharterReportResource(AnnualReport reports) {
        this.reports = reports;
    }

    @GET
    @Path("/{financialYear}")
    @PermitAll
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "The charter's report for a financial year", description = "Who was a signatory during the year "
            + "(joined by its end, not left before its start), each commitment's figure for the year against its "
            + "target, and totals per pledge (signatories, status ladder, lapsed) and per metric (signatories reporting, "
            + "total for amounts and hours, average, targets met). A year figure is the report for the whole year, "
            + "figures from the network's data before the signatory's own, else its quarters (summed for amounts and "
            + "hours, the latest for percentages); basis says which. Statuses are as of today. JSON, or CSV (format=csv "
            + "or Accept: text/csv) with a row per commitment and target. No token needed; no personal data.")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnnualReport.Report.class)),
            @Content(mediaType = "text/csv", example = """
                    financial_year,organisation_id,organisation_name,signatory_type,joined_on,left_on,pledge_code,status,lapsed,metric_code,tier,unit,value,basis,source,target,deadline,target_met
                    2026-27,GB-LAE-DAL,Darlington Borough Council,PUBLIC_SECTOR_PARTNER,2026-11-30,,keep-your-money-local,EVIDENCED,false,local-spend-share,darlington,PERCENT,27.66,YEAR,SPEND_EVENTS,30.00,2028-03-31,false""") })
    @APIResponse(responseCode = "400", description = "Not a financial year such as 2026-27")
    public Response report(@PathParam("charterId") String charterId,
            @Parameter(description = "A financial year", example = "2026-27") @PathParam("financialYear") String financialYear,
            @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Charter charter = CharterResource.find(charterId);
        ReportingPeriod year = ReportingPeriod.parse(financialYear).filter(ReportingPeriod::isFinancialYear)
                .orElseThrow(() -> ApiProblemException.invalidParameter("financialYear", "a financial year such as 2026-27"));
        AnnualReport.Report report = reports.of(charter, year);
        if (ResponseFormats.csv(format, accept)) {
            return Response.ok(csv(report), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + charterId + "-" + year.name() + ".csv\"").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    private static String csv(AnnualReport.Report report) {
        StringWriter out = new StringWriter();
        try (SpreadsheetCsv csv = SpreadsheetCsv.to(out, CSV_COLUMNS)) {
            for (AnnualReport.SignatoryLine signatory : report.signatories()) {
                for (AnnualReport.CommitmentLine commitment : signatory.commitments()) {
                    if (commitment.figures().isEmpty()) {
                        row(csv, report, signatory, commitment, null);
                    }
                    for (AnnualReport.FigureLine figure : commitment.figures()) {
                        row(csv, report, signatory, commitment, figure);
                    }
                }
            }
        }
        return out.toString();
    }

    private static void row(SpreadsheetCsv csv, AnnualReport.Report report, AnnualReport.SignatoryLine signatory,
            AnnualReport.CommitmentLine commitment, AnnualReport.FigureLine figure) {
        csv.row(report.financialYear(), signatory.organisationId(), signatory.organisationName(), signatory.signatoryType(),
                signatory.joinedOn(), signatory.leftOn(), commitment.pledgeCode(), commitment.status(), commitment.lapsed(),
                figure == null ? null : figure.metricCode(), figure == null ? null : figure.tier(),
                figure == null ? null : figure.unit(), figure == null ? null : figure.value(),
                figure == null ? null : figure.basis(), figure == null ? null : figure.source(),
                figure == null ? null : figure.target(), figure == null ? null : figure.deadline(),
                figure == null ? null : figure.targetMet());
    }
}
