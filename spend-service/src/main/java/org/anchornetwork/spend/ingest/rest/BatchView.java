package org.anchornetwork.spend.ingest.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Problem;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.spend.ingest.IngestBatch;
import org.anchornetwork.spend.ingest.service.PaymentIngest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** A batch as clients read it: status, counts, and where its errors are. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Batch", description = "One delivery of payments and what became of it", example = """
        {"id":"0b7c1c8e-52a4-4b4e-9d0e-2f3c0e6f9a10","anchorOrgId":"GB-LAE-DAL","submittedByOrgId":"GB-LAE-DAL",
        "channel":"CSV","fileName":"darlington_over500_2022-09.csv","mode":"ALL_OR_NOTHING","status":"ACCEPTED",
        "counts":{"read":1487,"accepted":1487,"rejected":0,"duplicate":0},"amountAccepted":11281654.47,
        "firstPaymentDate":"2022-08-01","lastPaymentDate":"2022-09-30","encoding":"UTF-8","headerRow":1,
        "mapping":{"columns":{"amount":"Invoice Line Value (net of VAT)","supplierName":"Supplier"},"amountBasis":"NET"},
        "errorsRecorded":0,"errorsUrl":"/api/v1/payments/batches/0b7c1c8e-52a4-4b4e-9d0e-2f3c0e6f9a10/errors",
        "receivedAt":"2026-11-25T10:15:00Z","completedAt":"2026-11-25T10:15:01Z"}""")
public record BatchView(UUID id, String anchorOrgId, String submittedByOrgId, IngestBatch.Channel channel, String fileName,
        IngestBatch.Mode mode, IngestBatch.Status status, Counts counts,
        @Schema(description = "Sum of the payments stored by this batch (GBP)") BigDecimal amountAccepted,
        LocalDate firstPaymentDate, LocalDate lastPaymentDate,
        @Schema(description = "How the file was decoded: UTF-8, windows-1252, or both mixed") String encoding,
        @Schema(description = "The row (from 1) found to hold the column headers") Long headerRow,
        @Schema(description = "The column mapping the file was read with; save it with PUT /api/v1/payments/column-mappings/{name}", implementation = Object.class)
        @JsonRawValue String mapping,
        @Schema(description = "Errors kept for this batch (the first 10,000); counts.rejected counts every rejected row") int errorsRecorded,
        String errorsUrl, OffsetDateTime receivedAt, OffsetDateTime completedAt,
        @Schema(description = "On the response to an upload only: the first 100 errors") List<ProblemError> firstErrors,
        @Schema(description = "On the response to an upload only: the first 100 rows not stored because the same "
                + "payment was stored before") List<PaymentIngest.DuplicateRow> firstDuplicates) {

    @Schema(description = "Rows read (blank rows aside), stored, rejected as invalid, and already stored before")
    public record Counts(long read, long accepted, long rejected, long duplicate) {
    }

    public static BatchView of(IngestBatch batch) {
        return of(batch, null, null);
    }

    public static BatchView of(PaymentIngest.Outcome outcome) {
        return of(outcome.batch(), outcome.firstErrors(), outcome.firstDuplicates());
    }

    /** A batch with the first errors of its delivery (a channel that reports no duplicate rows). */
    public static BatchView of(IngestBatch batch, List<ProblemError> firstErrors) {
        return of(batch, firstErrors, null);
    }

    private static BatchView of(IngestBatch batch, List<ProblemError> errors, List<PaymentIngest.DuplicateRow> duplicates) {
        return new BatchView(batch.id, batch.anchorOrgId, batch.submittedByOrgId, batch.channel, batch.fileName,
                batch.mode, batch.status, new Counts(batch.rowsRead, batch.rowsAccepted, batch.rowsRejected, batch.rowsDuplicate),
                batch.amountAccepted, batch.firstPaymentDate, batch.lastPaymentDate, batch.encoding, batch.headerRow,
                batch.mapping, batch.errorsRecorded, errorsUrl(batch.id), batch.receivedAt, batch.completedAt,
                errors, duplicates);
    }

    public static String errorsUrl(UUID batchId) {
        return "/api/v1/payments/batches/" + batchId + "/errors";
    }

    /**
     * The answer to a batch rejected as a whole: 422 with the first errors, and the batch's id and errors URL as
     * extension members, since the batch itself is recorded.
     */
    public static ApiProblemException rejected(PaymentIngest.Outcome outcome) {
        IngestBatch batch = outcome.batch();
        return rejected(batch, outcome.firstErrors(), batch.rowsRejected + " of " + batch.rowsRead + " rows are not valid, "
                + "so nothing was stored (mode all-or-nothing). Correct them and send the batch again, or send it with "
                + "mode=accept-valid to store the valid rows.");
    }

    /** The same for any channel: {@code detail} says what was wrong; a note is added when not every error is quoted. */
    public static ApiProblemException rejected(IngestBatch batch, List<ProblemError> firstErrors, String detail) {
        Problem problem = new ApiProblemException(422, "batch-rejected", "Batch rejected",
                detail + (batch.errorsRecorded > firstErrors.size()
                        ? " The first " + firstErrors.size() + " errors are listed; all are at errorsUrl." : ""),
                firstErrors).problem();
        return new ApiProblemException(problem.with("batchId", batch.id).with("errorsUrl", errorsUrl(batch.id)));
    }
}
