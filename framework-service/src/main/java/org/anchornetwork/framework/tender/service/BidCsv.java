package org.anchornetwork.framework.tender.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Problem;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.web.SpreadsheetCells;
import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.version.VersionDocument;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

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

    public static String template(Tender tender, VersionDocument document) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(TEMPLATE).get())) {
            for (String code : tender.measureCodes) {
                VersionDocument.Measure measure = document.measuresOrEmpty().stream().filter(m -> m.code().equals(code))
                        .findFirst().orElseThrow();
                printer.printRecord(measure.code(), SpreadsheetCells.neutralise(measure.title()), measure.unit(),
                        measure.proxyValue() == null ? "" : measure.proxyValue().toPlainString(), "", "", "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static Read read(InputStream body) {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        List<Bid.Commitment> commitments = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        List<ProblemError> errors = new ArrayList<>();
        Map<String, Integer> columns = new HashMap<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    for (int i = 0; i < record.size(); i++) {
                        String name = canonical(record.get(i).replace("\uFEFF", ""));
                        if (name != null) {
                            columns.putIfAbsent(name, i + 1);
                        }
                    }
                    for (String required : List.of(MEASURE, QUANTITY)) {
                        if (!columns.containsKey(required)) {
                            errors.add(ProblemError.atCell(1, 1, "missing-column", "no \"" + required + "\" column; the header "
                                    + "names Measure Code, Quantity and optionally Timescale Months and Narrative"));
                        }
                    }
                    if (!errors.isEmpty()) {
                        throw ApiProblemException.invalid("The spreadsheet lacks required columns", errors);
                    }
                    header = false;
                    continue;
                }
                long row = record.getRecordNumber();
                String code = cell(record, columns.get(MEASURE));
                String quantityText = cell(record, columns.get(QUANTITY));
                if (quantityText.isEmpty()) {
                    continue;
                }
                BigDecimal quantity = null;
                try {
                    quantity = new BigDecimal(quantityText.replace(",", ""));
                } catch (NumberFormatException e) {
                    errors.add(ProblemError.atCell(row, columns.get(QUANTITY), "invalid-number", "'" + quantityText + "' is not a number"));
                }
                Integer timescale = null;
                String timescaleText = cell(record, columns.get(TIMESCALE));
                if (!timescaleText.isEmpty()) {
                    try {
                        timescale = Integer.valueOf(timescaleText);
                    } catch (NumberFormatException e) {
                        errors.add(ProblemError.atCell(row, columns.get(TIMESCALE), "invalid-number", "whole months, e.g. 12"));
                    }
                }
                String narrative = cell(record, columns.get(NARRATIVE));
                commitments.add(new Bid.Commitment(code.isEmpty() ? null : code, quantity, timescale,
                        narrative.isEmpty() ? null : SpreadsheetCells.restore(narrative)));
                rows.add(row);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw ApiProblemException.badRequest("malformed-request", "The spreadsheet cannot be read as UTF-8 CSV: " + e.getMessage());
        }
        return new Read(commitments, rows, columns, List.copyOf(errors));
    }

    private static String cell(CSVRecord record, Integer column) {
        return column == null || column > record.size() ? "" : record.get(column - 1).strip();
    }

    private static String canonical(String header) {
        String squashed = header.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return switch (squashed) {
            case "measurecode", "measure", "code" -> MEASURE;
            case "quantity", "qty" -> QUANTITY;
            case "timescalemonths", "timescale", "months" -> TIMESCALE;
            case "narrative", "description", "notes" -> NARRATIVE;
            default -> null;
        };
    }
}
