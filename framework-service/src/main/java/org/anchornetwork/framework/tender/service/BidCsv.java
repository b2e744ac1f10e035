package org.anchornetwork.framework.tender.service;

import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anchornetwork.common.csv.CsvHeader;
import org.anchornetwork.common.csv.CsvReader;
import org.anchornetwork.common.csv.CsvRow;
import org.anchornetwork.common.csv.UkCells;
import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Problem;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.web.SpreadsheetCsv;
import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.version.VersionDocument;

/**
 * A bid's commitments as a spreadsheet: the tender's template (a row per measure in scope, with its unit and proxy
 * value, and empty Quantity, Timescale Months and Narrative columns for the bidder), and the filled-in file read
 * back. Rows with no quantity are measures not committed. Errors name the row (the header is row 1) and column.
 */
public final class BidCsv {

    static final String MEASURE = "Measure Code";
    static final String QUANTITY = "Quantity";
    static final String TIMESCALE = "Timescale Months";
    static final String NARRATIVE = "Narrative";
    private static final String[] TEMPLATE = { MEASURE, "Measure Title", "Unit", "Proxy Value (GBP)", QUANTITY, TIMESCALE, NARRATIVE };

    private BidCsv() {
    }

    /**
     * The commitments read, for each the file row it came from (to place later errors), and the cells that could not be
     * read (a commitment with such a cell carries null there; the bid's rules then leave that cell to this error).
     */
    public record Read(List<Bid.Commitment> commitments, List<Long> rows, Map<String, Integer> columns,
            List<ProblemError> cellErrors) {

        /**
         * A problem whose errors point into the commitments (/commitments/i/field), re-pointed at rows and columns; a
         * cell that could not be read keeps its own error only.
         */
        public ApiProblemException placed(ApiProblemException problem) {
            Problem original = problem.problem();
            if (original.errors() == null) {
                return problem;
            }
            List<ProblemError> placed = new ArrayList<>();
            for (ProblemError error : original.errors()) {
                String[] parts = error.pointer() == null ? new String[0] : error.pointer().split("/");
                if (parts.length >= 3 && parts[1].equals("commitments")) {
                    int index = Integer.parseInt(parts[2]);
                    String field = parts.length > 3 ? parts[3] : "measureCode";
                    Integer column = columns.get(switch (field) {
                        case "quantity" -> QUANTITY;
                        case "timescaleMonths" -> TIMESCALE;
                        case "narrative" -> NARRATIVE;
                        default -> MEASURE;
                    });
                    ProblemError onCell = ProblemError.atCell(rows.get(index), column == null ? 1 : column, error.code(),
                            error.message());
                    boolean unreadable = cellErrors.stream().anyMatch(cell -> onCell.row().equals(cell.row()) && onCell.column().equals(cell.column()));
                    if (!unreadable) {
                        placed.add(onCell);
                    }
                } else {
                    placed.add(error);
                }
            }
            return new ApiProblemException(new Problem(original.type(), original.title(), original.status(), original.detail(),
                    original.instance(), original.requestId(), placed));
        }
    }

    /** The template: a row per measure in scope; its cells safe for spreadsheets. */
    public static String template(Tender tender, VersionDocument document) {
        StringWriter out = new StringWriter();
        try (SpreadsheetCsv csv = SpreadsheetCsv.to(out, TEMPLATE)) {
            for (String code : tender.measureCodes) {
                VersionDocument.Measure measure = document.measuresOrEmpty().stream().filter(m -> m.code().equals(code))
                        .findFirst().orElseThrow();
                csv.row(measure.code(), measure.title(), measure.unit(), measure.proxyValue(), null, null, null);
            }
        }
        return out.toString();
    }

    /**
     * Reads the filled-in template through the shared {@link CsvReader} (the charset Content-Type names, held to
     * strictly; else UTF-8 with Windows-1252). Every cell that cannot be read is listed (422); nothing is stored.
     */
    public static Read read(InputStream body, String contentType) {
        List<Bid.Commitment> commitments = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        List<ProblemError> errors = new ArrayList<>();
        Map<String, Integer> columns = new HashMap<>();
        try (CsvReader csv = CsvReader.open(body, contentType)) {
            CsvHeader.Columns lookup = csv.header().columns();
            int measure = lookup.required(MEASURE, "Measure", "Code");
            int quantity = lookup.required(QUANTITY, "Qty");
            int timescale = lookup.optional(TIMESCALE, "Timescale", "Months");
            int narrative = lookup.optional(NARRATIVE, "Description", "Notes");
            lookup.check();
            columns.put(MEASURE, measure + 1);
            columns.put(QUANTITY, quantity + 1);
            if (timescale >= 0) {
                columns.put(TIMESCALE, timescale + 1);
            }
            if (narrative >= 0) {
                columns.put(NARRATIVE, narrative + 1);
            }
            while (csv.hasNext()) {
                CsvRow row = csv.next();
                String quantityText = row.cell(quantity);
                if (quantityText.isEmpty()) {
                    continue;
                }
                BigDecimal amount = null;
                try {
                    amount = UkCells.number(quantityText);
                } catch (IllegalArgumentException e) {
                    errors.add(row.error(quantity, "invalid-number", e.getMessage()));
                }
                Integer months = null;
                String timescaleText = row.cell(timescale);
                if (!timescaleText.isEmpty()) {
                    try {
                        months = Integer.valueOf(timescaleText);
                    } catch (NumberFormatException e) {
                        errors.add(row.error(timescale, "invalid-number", "'" + timescaleText + "' is not whole months, e.g. 12"));
                    }
                }
                commitments.add(new Bid.Commitment(row.text(measure), amount, months, row.text(narrative)));
                rows.add(row.number());
            }
        }
        return new Read(commitments, rows, columns, List.copyOf(errors));
    }
}
