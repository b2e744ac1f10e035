package org.anchornetwork.spend.payment.rest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.common.web.SpreadsheetCsv;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An anchor's own payments as one CSV or JSON file, streamed from a database cursor (a year of a county council's
 * payments is never held in memory). CSV cells a spreadsheet would run as formulas are neutralised.
 */
@Path("/api/v1/payments/export")
@RolesAllowed(Roles.ANCHOR)
@Tag(name = "Payments")
public class PaymentExportResource {

    private static final String[] HEADER = { "payment_date", "date_precision", "amount", "amount_basis", "vat_amount",
        "supplier_name", "redacted", "supplier_org_id", "supplier_reference", "department", "expense_type",
        "procurement_classification", "capital_or_revenue", "description", "transaction_ref", "transaction_line",
        "match_method", "batch_id", "source_row" };

    private final DataSource dataSource;
    private final CallerOrganisation caller;

    public PaymentExportResource(DataSource dataSource, CallerOrganisation caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    @GET
    @Produces({ "text/csv", MediaType.APPLICATION_JSON })
    @Operation(summary = "Export the caller's payments as CSV or JSON", description = "Only the caller's organisation's "
            + "payments, by payment date, optionally from and to a date (inclusive). Redacted payments have no supplier "
            + "name. CSV (the default): text a spreadsheet could run as a formula (starting with =, +, -, @, tab or a line "
            + "break, also after spaces or quotes) gets a leading apostrophe so that spreadsheets show it as text; text "
            + "is quoted, amounts are plain numbers. format=json: one JSON array of objects with the same "
            + "fields, amounts as numbers.")
    public Response export(@Parameter(description = "yyyy-MM-dd, inclusive") @QueryParam("from") String from,
            @Parameter(description = "yyyy-MM-dd, inclusive") @QueryParam("to") String to,
            @Parameter(description = "csv (default) or json") @QueryParam("format") String format) {
        LocalDate fromDate = Cursors.date("from", from, LocalDate.of(1900, 1, 1));
        LocalDate toDate = Cursors.date("to", to, LocalDate.of(9999, 12, 31));
        String anchor = caller.orgId();
        if (format != null && !format.isBlank() && !format.strip().equalsIgnoreCase("csv")) {
            if (!format.strip().equalsIgnoreCase("json")) {
                throw ApiProblemException.invalidParameter("format", "csv or json");
            }
            return Response.ok((StreamingOutput) out -> writeJson(anchor, fromDate, toDate, out), MediaType.APPLICATION_JSON)
                    .header("Content-Disposition", "attachment; filename=\"payments-" + anchor + ".json\"").build();
        }
        StreamingOutput body = out -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false); // a cursor: rows arrive a page at a time
                try (PreparedStatement query = connection.prepareStatement(SELECTED)) {
                    query.setFetchSize(5_000);
                    query.setString(1, anchor);
                    query.setObject(2, fromDate);
                    query.setObject(3, toDate);
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    SpreadsheetCsv csv = SpreadsheetCsv.to(writer, HEADER);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            Object[] cells = new Object[HEADER.length];
                            for (int i = 0; i < HEADER.length; i++) {
                                cells[i] = rows.getObject(i + 1);
                            }
                            csv.row(cells);
                        }
                    }
                    csv.flush();
                }
                connection.rollback();
            } catch (SQLException e) {
                throw new IOException("Payments could not be read for the export", e);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"payments-" + anchor + ".csv\"").build();
    }

    private static final String SELECTED = """
            select payment_date, date_precision, amount, amount_basis, vat_amount, supplier_name, redacted,
                supplier_org_id, supplier_reference, department, expense_type, procurement_classification,
                capital_or_revenue, description, transaction_ref, transaction_line, match_method, batch_id, source_row
            from payment where anchor_org_id = ? and payment_date between ? and ? order by payment_date, id""";

    /** The same rows as one JSON array, field names in camel case, written as they are read. */
    private void writeJson(String anchor, LocalDate from, LocalDate to, java.io.OutputStream out) throws IOException {
        String[] fields = new String[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            StringBuilder name = new StringBuilder();
            for (String part : HEADER[i].split("_")) {
                name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
            fields[i] = name.toString();
        }
        try (Connection connection = dataSource.getConnection();
                com.fasterxml.jackson.core.JsonGenerator json = JSON.createGenerator(out)) {
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement(SELECTED)) {
                query.setFetchSize(5_000);
                query.setString(1, anchor);
                query.setObject(2, from);
                query.setObject(3, to);
                json.writeStartArray();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        json.writeStartObject();
                        for (int i = 0; i < fields.length; i++) {
                            Object value = rows.getObject(i + 1);
                            if (value == null) {
                                json.writeNullField(fields[i]);
                            } else if (value instanceof java.math.BigDecimal number) {
                                json.writeNumberField(fields[i], number);
                            } else if (value instanceof Boolean flag) {
                                json.writeBooleanField(fields[i], flag);
                            } else if (value instanceof Number number) {
                                json.writeNumberField(fields[i], number.longValue());
                            } else {
                                json.writeStringField(fields[i], value.toString());
                            }
                        }
                        json.writeEndObject();
                    }
                }
                json.writeEndArray();
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IOException("Payments could not be read for the export", e);
        }
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();
}
