package org.anchornetwork.spend.ingest.rest;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.CursorPage;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.common.web.SpreadsheetCsv;
import org.anchornetwork.spend.ingest.IngestBatch;
import org.anchornetwork.spend.ingest.IngestBatchError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/payments/batches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
@Tag(name = "Batches", description = "Every delivery of payments (JSON, spend file, OCDS) is a batch: its status, "
        + "counts and row-level errors. The anchor reads its batches; a portal reads those it sent.")
public class BatchResource {

    private final CallerOrganisation caller;

    public BatchResource(CallerOrganisation caller) {
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List batches", description = "The caller's batches, newest first: those for its own "
            + "payments and those it sent for others.")
    public CursorPage<BatchView> list(@Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        int pageSize = Cursors.limit(limit);
        int offset = offsetOf(cursor);
        List<IngestBatch> rows = IngestBatch.<IngestBatch>find(
                "anchorOrgId = ?1 or submittedByOrgId = ?1 order by receivedAt desc, id", caller.orgId())
                .range(offset, offset + pageSize).list();
        List<BatchView> views = rows.stream().limit(pageSize).map(BatchView::of).toList();
        return rows.size() > pageSize ? new CursorPage<>(views, Cursors.encode(Integer.toString(offset + pageSize)))
                : new CursorPage<>(views, null);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a batch", description = "404 unless the batch is for the caller's payments or was sent by the caller.")
    @APIResponse(responseCode = "404", description = "No such batch for this caller")
    public BatchView get(@PathParam("id") String id) {
        return BatchView.of(readable(id));
    }

    @GET
    @Path("/{id}/errors")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Read a batch's row-level errors", description = "Row and column (from 1, as a spreadsheet shows "
            + "them) for files, a JSON pointer for JSON; code and message. As JSON pages, or the whole list as CSV with "
            + "format=csv or Accept: text/csv (cells a spreadsheet would run as formulas are neutralised).")
    @APIResponse(responseCode = "404", description = "No such batch for this caller")
    public Response errors(@PathParam("id") String id, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @Parameter(description = "csv for a CSV file") @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        IngestBatch batch = readable(id);
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv")
                && !accept.contains(MediaType.APPLICATION_JSON));
        if (csv) {
            List<IngestBatchError> errors = IngestBatchError.list("key.batchId = ?1 order by key.seq", batch.id);
            StreamingOutput body = out -> {
                try (SpreadsheetCsv file = SpreadsheetCsv.to(new OutputStreamWriter(out, StandardCharsets.UTF_8), "row",
                        "column", "pointer", "code", "message")) {
                    for (IngestBatchError error : errors) {
                        file.row(error.sourceRow, error.sourceColumn, error.pointer, error.code, error.message);
                    }
                }
            };
            return Response.ok(body, "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"batch-" + batch.id + "-errors.csv\"").build();
        }
        int pageSize = Cursors.limit(limit);
        int after = offsetOf(cursor);
        List<IngestBatchError> rows = IngestBatchError.<IngestBatchError>find("key.batchId = ?1 and key.seq > ?2 order by key.seq",
                batch.id, after).page(0, pageSize + 1).list();
        List<ProblemError> errors = rows.stream().limit(pageSize).map(IngestBatchError::toProblemError).toList();
        String next = rows.size() > pageSize ? Cursors.encode(Integer.toString(rows.get(pageSize - 1).key.seq())) : null;
        return Response.ok(new CursorPage<>(errors, next), MediaType.APPLICATION_JSON).build();
    }

    private IngestBatch readable(String id) {
        UUID batchId;
        try {
            batchId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.notFound("Batch", id);
        }
        IngestBatch batch = IngestBatch.findById(batchId);
        if (batch == null || !(batch.anchorOrgId.equals(caller.orgId()) || batch.submittedByOrgId.equals(caller.orgId()))) {
            throw ApiProblemException.notFound("Batch", id);
        }
        return batch;
    }

    private static int offsetOf(String cursor) {
        String position = Cursors.decode(cursor);
        if (position == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(position));
        } catch (NumberFormatException e) {
            throw Cursors.notIssued();
        }
    }
}
