package org.anchornetwork.spend.ingest.rest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.SpreadsheetCells;
import org.anchornetwork.spend.ingest.IngestBatch;
import org.anchornetwork.spend.ingest.csv.MappingDefinition;
import org.anchornetwork.spend.ingest.csv.SpendFileReader;
import org.anchornetwork.spend.ingest.service.ColumnMappings;
import org.anchornetwork.spend.ingest.service.IncomingPayment;
import org.anchornetwork.spend.ingest.service.PaymentIngest;
import org.anchornetwork.spend.payment.Payment;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/api/v1/payments/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ "text/csv", "application/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM })
@RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
@Tag(name = "Spend file uploads", description = "Spend files as councils and NHS bodies publish them (Transparency Code "
        + "\"over £500\", NHS \"over £25k\"), uploaded as they are: title lines above the header, the usual column names "
        + "and their variants, UTF-8 or Windows-1252, \"£1,250.00\" and \"(45.10)\", dates as 2022-09-01, 01/09/2022 or "
        + "01-Sep-22, month periods such as 202205.")
public class UploadResource {

    private static final int PREVIEW_ROWS = 20;

    private final PaymentIngest ingest;
    private final ColumnMappings mappings;
    private final CallerOrganisation caller;
    private final SpendFileReader reader;

    public UploadResource(PaymentIngest ingest, ColumnMappings mappings, CallerOrganisation caller, ObjectMapper json) {
        this.ingest = ingest;
        this.mappings = mappings;
        this.caller = caller;
        this.reader = new SpendFileReader(json);
    }

    @POST
    @Operation(summary = "Upload a spend file", description = """
            The file is the request body, streamed (up to 250 MB through the gateway; a million rows is fine). The \
            header row is found below any title lines and its columns are recognised by name; name a saved column \
            mapping to read a layout that is not recognised. Each row becomes a payment of the anchor, or an error \
            with its row and column. Sending the same file (or an overlapping one) again stores nothing twice: a row \
            identical to one stored before counts as a duplicate. Example: \
            curl -X POST -H 'Content-Type: text/csv' --data-binary @spend.csv \
            'https://network.example/api/v1/payments/uploads?fileName=spend.csv&mode=accept-valid'""")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "The batch: every valid row was stored (ACCEPTED), or with "
            + "mode=accept-valid the valid ones were (PARTIALLY_ACCEPTED); Location is the batch")
    @APIResponse(responseCode = "400", description = "A query parameter or the charset is not valid")
    @APIResponse(responseCode = "403", description = "The caller may not record payments for that anchor")
    @APIResponse(responseCode = "422", description = "No header found, a needed column missing, the file not well-formed, "
            + "or (all-or-nothing) some row not valid: nothing was stored; batchId and errorsUrl lead to every error")
    public Response upload(
            @Parameter(description = "The paying anchor: required from a portal (one it acts for); an anchor may leave it out") @QueryParam("anchorOrgId") String anchorOrgId,
            @Parameter(description = IngestModes.DESCRIPTION) @QueryParam("mode") String mode,
            @Parameter(description = "Name of a saved column mapping of the anchor") @QueryParam("mapping") String mappingName,
            @Parameter(description = "yyyy-MM: the month of every payment, for files with no date or period column") @QueryParam("period") String period,
            @Parameter(description = "NET or GROSS of VAT, when neither the mapping nor the amount header says") @QueryParam("amountBasis") String amountBasis,
            @Parameter(description = "The file's name, kept with the batch (no folders)", example = "darlington_over500_2022-09.csv") @QueryParam("fileName") String fileName,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        String anchor = caller.writingFor(anchorOrgId, "anchorOrgId");
        SpendFileReader.Options options = options(anchor, mappingName, period, amountBasis, contentType);
        PaymentIngest.Submission submission = new PaymentIngest.Submission(anchor, caller.orgId(), IngestBatch.Channel.CSV,
                fileName(fileName), IngestModes.parse(mode));
        PaymentIngest.Outcome outcome = ingest.ingest(submission, sink -> reader.read(body, options, sink));
        if (outcome.batch().status == IngestBatch.Status.REJECTED) {
            throw BatchView.rejected(outcome);
        }
        return Response.created(URI.create("/api/v1/payments/batches/" + outcome.batch().id))
                .entity(BatchView.of(outcome)).build();
    }

    @Schema(name = "SpendFilePreview", description = "How a spend file would be read, and its first rows read that way")
    public record PreviewView(String encoding, long headerRow, List<String> headers,
            @Schema(description = "The effective mapping; correct it and save it to reuse") MappingDefinition mapping,
            @Schema(description = "A month named above the header, used when no column dates the payments") YearMonth periodAboveHeader,
            List<SampleRow> rows) {
    }

    @Schema(description = "One row as it would be stored, or its errors")
    public record SampleRow(long row, LocalDate paymentDate, Payment.DatePrecision datePrecision, BigDecimal amount,
            Payment.AmountBasis amountBasis, String supplierName, boolean redacted, String supplierReference,
            String department, String expenseType, String description, String transactionRef, String transactionLine,
            List<ProblemError> errors) {

        static SampleRow of(SpendFileReader.Sample sample) {
            IncomingPayment p = sample.payment();
            if (p == null) {
                return new SampleRow(sample.row(), null, null, null, null, null, false, null, null, null, null, null, null,
                        sample.errors());
            }
            return new SampleRow(sample.row(), p.paymentDate(), p.datePrecision(), p.amount(), p.amountBasis(),
                    p.supplierName(), p.redacted(), p.supplierReference(), p.department(), p.expenseType(), p.description(),
                    p.transactionRef(), p.transactionLine(), List.of());
        }
    }

    @POST
    @Path("/preview")
    @Operation(summary = "Preview how a spend file would be read", description = "Reads the header and the first 20 "
            + "rows with the same rules and parameters as an upload and stores nothing: the header row found, the "
            + "column mapping (save it, corrected, as a named mapping), and each row as it would be stored or its errors.")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "The preview")
    @APIResponse(responseCode = "422", description = "No header found or a needed column missing")
    public PreviewView preview(@QueryParam("anchorOrgId") String anchorOrgId, @QueryParam("mapping") String mappingName,
            @QueryParam("period") String period, @QueryParam("amountBasis") String amountBasis,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        String anchor = caller.writingFor(anchorOrgId, "anchorOrgId");
        SpendFileReader.Preview preview = reader.preview(body, options(anchor, mappingName, period, amountBasis, contentType),
                PREVIEW_ROWS);
        return new PreviewView(preview.encoding(), preview.headerRow(), preview.headers(), preview.mapping(),
                preview.periodAboveHeader(), preview.rows().stream().map(SampleRow::of).toList());
    }

    private SpendFileReader.Options options(String anchor, String mappingName, String period, String amountBasis,
            String contentType) {
        MappingDefinition mapping = mappingName == null || mappingName.isBlank() ? MappingDefinition.DETECT
                : mappings.find(anchor, mappingName).orElseThrow(() -> ApiProblemException.invalid(
                        "No column mapping '" + mappingName + "' is saved for " + anchor,
                        List.of(ProblemError.at("mapping", "unknown-mapping", "save it first with PUT "
                                + "/api/v1/payments/column-mappings/" + mappingName))));
        return new SpendFileReader.Options(SpreadsheetCells.declaredCharset(contentType).orElse(null), mapping,
                period(period), basis(amountBasis));
    }

    private static YearMonth period(String period) {
        if (period == null || period.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(period.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblemException.badRequest("invalid-parameter", "period must be a month such as 2017-03");
        }
    }

    private static Payment.AmountBasis basis(String basis) {
        if (basis == null || basis.isBlank()) {
            return null;
        }
        try {
            return Payment.AmountBasis.valueOf(basis.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("invalid-parameter", "amountBasis must be NET or GROSS");
        }
    }

    /** A name to show, never a path: folders, "..", and control characters are refused. */
    static String fileName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        boolean pathLike = name.contains("/") || name.contains("\\") || name.contains("..") || name.contains(":");
        boolean control = name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (pathLike || control || name.length() > 255) {
            throw ApiProblemException.badRequest("invalid-file-name", "fileName must be a plain file name of at most 255 "
                    + "characters, without folders, '..', ':' or control characters");
        }
        return name.strip();
    }
}
