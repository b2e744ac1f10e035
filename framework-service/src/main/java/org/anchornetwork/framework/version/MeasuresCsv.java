package org.anchornetwork.framework.version;

import static org.anchornetwork.common.web.SpreadsheetCells.neutralise;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.web.SpreadsheetCells;
import org.anchornetwork.framework.version.VersionDocument.Measure;
import org.anchornetwork.framework.version.VersionDocument.Outcome;
import org.anchornetwork.framework.version.VersionDocument.Theme;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A version's measures as a spreadsheet: one row per measure, with its theme and outcome (codes and titles) repeated
 * on each row. Lists ({@code maps_to}, {@code additional_to}) are separated by {@code ;}. Targets, dates and
 * {@code basedOn} are not in the file (query parameters on import). Cells a spreadsheet would run as a formula
 * (starting with {@code = + - @}) are written with a leading apostrophe, which import removes again, so an exported
 * file imports as the same version.
 */
public final class MeasuresCsv {

    public static final String MEDIA_TYPE = "text/csv";
    static final int MAX_ROWS = 10_000;

    /** The columns, in export order; {@code true} for those an import must have. */
    enum Column {
        THEME("theme", true), THEME_TITLE("theme_title", true), OUTCOME("outcome", true),
        OUTCOME_TITLE("outcome_title", true), CODE("code", true), TITLE("title", true),
        DESCRIPTION("description", false), UNIT("unit", true), PROXY_VALUE("proxy_value", false),
        PRICE_BASE_YEAR("price_base_year", false), COUNTING_GUIDANCE("counting_guidance", false),
        EVIDENCE_REQUIRED("evidence_required", false), MAPS_TO("maps_to", false), ADDITIONAL_TO("additional_to", false);

        final String header;
        final boolean required;

        Column(String header, boolean required) {
            this.header = header;
            this.required = required;
        }
    }

    /** Which document field each column feeds, to place rule errors (JSON pointers) back on the file's cells. */
    private static final Map<String, Column> MEASURE_FIELDS = Map.of("code", Column.CODE, "outcome", Column.OUTCOME,
            "title", Column.TITLE, "description", Column.DESCRIPTION, "unit", Column.UNIT, "proxyValue",
            Column.PROXY_VALUE, "priceBaseYear", Column.PRICE_BASE_YEAR, "countingGuidance", Column.COUNTING_GUIDANCE,
            "evidenceRequired", Column.EVIDENCE_REQUIRED, "mapsTo", Column.MAPS_TO);
    private static final Pattern POINTER = Pattern.compile("/(themes|outcomes|measures)/(\\d+)(?:/(\\w+))?.*");

    private MeasuresCsv() {
    }

    /**
     * What was read: the document (when the file could be read at all), the errors found while reading (cells that
     * are not numbers, missing columns...), and where each theme, outcome and measure came from.
     */
    public static final class Read {
        private final List<ProblemError> errors = new ArrayList<>();
        private final Map<Column, Integer> columnNumbers = new HashMap<>();
        private final List<Long> themeRows = new ArrayList<>();
        private final List<Long> outcomeRows = new ArrayList<>();
        private final List<Long> measureRows = new ArrayList<>();
        private VersionDocument document;

        /** The document read, or null when the file could not be read as measures at all. */
        public VersionDocument document() {
            return document;
        }

        /** Cells that could not be read (not numbers, missing columns...), each with its row and column. */
        public List<ProblemError> errors() {
            return List.copyOf(errors);
        }

        /** The rule errors of {@link VersionRules}, moved from JSON pointers to the file's rows and columns. */
        public List<ProblemError> onCells(List<ProblemError> ruleErrors) {
            return ruleErrors.stream().map(this::onCell).toList();
        }

        private ProblemError onCell(ProblemError error) {
            Matcher matcher = POINTER.matcher(error.pointer() == null ? "" : error.pointer());
            if (!matcher.matches()) {
                return error;
            }
            int index = Integer.parseInt(matcher.group(2));
            String field = matcher.group(3) == null ? "code" : matcher.group(3);
            Column column;
            long row;
            switch (matcher.group(1)) {
                case "themes" -> {
                    row = themeRows.get(index);
                    column = field.equals("title") ? Column.THEME_TITLE : Column.THEME;
                }
                case "outcomes" -> {
                    row = outcomeRows.get(index);
                    column = field.equals("title") ? Column.OUTCOME_TITLE : field.equals("theme") ? Column.THEME : Column.OUTCOME;
                }
                default -> {
                    row = measureRows.get(index);
                    column = field.equals("additionalTo") ? Column.ADDITIONAL_TO : MEASURE_FIELDS.getOrDefault(field, Column.CODE);
                }
            }
            Integer number = columnNumbers.get(column);
            return ProblemError.atCell(row, number == null ? 1 : number, error.code(), column.header + ": " + error.message());
        }
    }

    /** Reads measures, rows numbered as a spreadsheet shows them (the header is row 1). */
    public static Read read(Reader reader, VersionDocument.VersionRef basedOn, java.time.LocalDate effectiveFrom,
            java.time.LocalDate effectiveTo) {
        Read read = new Read();
        List<ProblemError> errors = read.errors;
        Map<Column, Integer> columns = read.columnNumbers;
        Map<String, Theme> themes = new LinkedHashMap<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, Long> outcomeRow = new HashMap<>();
        List<Measure> measures = new ArrayList<>();
        List<CSVRecord> records;
        try {
            records = CSVFormat.RFC4180.builder().get().parse(reader).getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            boolean encoding = e instanceof java.nio.charset.CharacterCodingException
                    || e.getCause() instanceof java.nio.charset.CharacterCodingException;
            errors.add(ProblemError.atCell(1, 1, "unreadable-csv", encoding
                    ? "the file is not text in the declared charset (UTF-8 unless Content-Type names another, e.g. "
                            + "text/csv; charset=windows-1252)"
                    : "not a readable CSV file: " + e.getMessage()));
            return read;
        }
        if (records.isEmpty()) {
            errors.add(ProblemError.atCell(1, 1, "empty-file", "the file is empty; the first row names the columns"));
            return read;
        }
        readHeader(records.get(0), columns, errors);
        if (!errors.isEmpty()) {
            return read;
        }
        if (records.size() - 1 > MAX_ROWS) {
            errors.add(ProblemError.atCell(MAX_ROWS + 2, 1, "too-many-rows", "at most " + MAX_ROWS + " measures"));
            return read;
        }
        for (int i = 1; i < records.size(); i++) {
            CSVRecord record = records.get(i);
            long row = i + 1L;
            if (record.stream().allMatch(String::isBlank)) {
                continue;
            }
            Cells cells = new Cells(record, columns, row, errors);
            String themeCode = cells.text(Column.THEME);
            String outcomeCode = cells.text(Column.OUTCOME);
            if (themeCode != null && !themes.containsKey(themeCode)) {
                themes.put(themeCode, new Theme(themeCode, cells.text(Column.THEME_TITLE), null));
                read.themeRows.add(row);
            }
            if (outcomeCode != null && !outcomes.containsKey(outcomeCode)) {
                outcomes.put(outcomeCode, new Outcome(outcomeCode, themeCode, cells.text(Column.OUTCOME_TITLE), null));
                read.outcomeRows.add(row);
                outcomeRow.put(outcomeCode, row);
            } else if (outcomeCode != null && themeCode != null && !themeCode.equals(outcomes.get(outcomeCode).theme())) {
                errors.add(ProblemError.atCell(row, columns.get(Column.THEME), "outcome-in-two-themes", "outcome '"
                        + outcomeCode + "' is under theme '" + outcomes.get(outcomeCode).theme() + "' in row "
                        + outcomeRow.get(outcomeCode)));
            }
            measures.add(new Measure(cells.text(Column.CODE), outcomeCode, cells.text(Column.TITLE),
                    cells.text(Column.DESCRIPTION), cells.text(Column.UNIT), cells.money(Column.PROXY_VALUE),
                    cells.year(Column.PRICE_BASE_YEAR), cells.text(Column.COUNTING_GUIDANCE),
                    cells.text(Column.EVIDENCE_REQUIRED), cells.list(Column.MAPS_TO), cells.list(Column.ADDITIONAL_TO)));
            read.measureRows.add(row);
        }
        read.document = new VersionDocument(effectiveFrom, effectiveTo, basedOn, List.copyOf(themes.values()),
                List.copyOf(outcomes.values()), List.copyOf(measures), null);
        return read;
    }

    private static void readHeader(CSVRecord header, Map<Column, Integer> columns, List<ProblemError> errors) {
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
            Column column = Arrays.stream(Column.values()).filter(candidate -> candidate.header.equals(name)).findFirst()
                    .orElse(null);
            if (column == null) {
                errors.add(ProblemError.atCell(1, i + 1, "unknown-column", "'" + header.get(i) + "' is not a column; use "
                        + Arrays.stream(Column.values()).map(c -> c.header).collect(Collectors.joining(", "))));
            } else if (columns.putIfAbsent(column, i + 1) != null) {
                errors.add(ProblemError.atCell(1, i + 1, "duplicate-column", "'" + name + "' appears twice"));
            }
        }
        for (Column column : Column.values()) {
            if (column.required && !columns.containsKey(column)) {
                errors.add(ProblemError.atCell(1, header.size() + 1, "missing-column", "the file needs a '" + column.header
                        + "' column"));
            }
        }
    }

    /** One row's cells, read by column, with errors placed on the cell. */
    private record Cells(CSVRecord record, Map<Column, Integer> columns, long row, List<ProblemError> errors) {

        String text(Column column) {
            Integer number = columns.get(column);
            if (number == null || number > record.size()) {
                return null;
            }
            String value = SpreadsheetCells.restore(record.get(number - 1).trim());
            return value.isEmpty() ? null : value;
        }

        BigDecimal money(Column column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                return new BigDecimal(value.replace("£", "").replace(",", "").trim());
            } catch (NumberFormatException e) {
                errors.add(ProblemError.atCell(row, columns.get(column), "invalid-number", column.header + ": '" + value
                        + "' is not an amount in pounds, e.g. 16.93"));
                return null;
            }
        }

        Integer year(Column column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            if (!value.matches("\\d{4}")) {
                errors.add(ProblemError.atCell(row, columns.get(column), "invalid-year", column.header + ": '" + value
                        + "' is not a year such as 2025"));
                return null;
            }
            return Integer.parseInt(value);
        }

        List<String> list(Column column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            return Arrays.stream(value.split(";")).map(String::trim).filter(code -> !code.isEmpty()).toList();
        }
    }

    /** Writes every measure of the document, one row each, in the document's order. */
    public static void write(VersionDocument document, Writer out) {
        Map<String, Theme> themes = document.themesOrEmpty().stream()
                .collect(Collectors.toMap(Theme::code, theme -> theme, (a, b) -> a));
        Map<String, Outcome> outcomes = document.outcomesOrEmpty().stream()
                .collect(Collectors.toMap(Outcome::code, outcome -> outcome, (a, b) -> a));
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(Arrays.stream(Column.values()).map(column -> column.header).toArray(String[]::new)).get())) {
            for (Measure measure : document.measuresOrEmpty()) {
                Outcome outcome = outcomes.get(measure.outcome());
                Theme theme = outcome == null ? null : themes.get(outcome.theme());
                printer.printRecord(neutralise(theme == null ? null : theme.code()), neutralise(theme == null ? null : theme.title()),
                        neutralise(measure.outcome()), neutralise(outcome == null ? null : outcome.title()), neutralise(measure.code()),
                        neutralise(measure.title()), neutralise(measure.description()), neutralise(measure.unit()),
                        measure.proxyValue() == null ? "" : measure.proxyValue().toPlainString(),
                        measure.priceBaseYear() == null ? "" : measure.priceBaseYear().toString(),
                        neutralise(measure.countingGuidance()), neutralise(measure.evidenceRequired()),
                        neutralise(measure.mapsTo() == null ? null : String.join(";", measure.mapsTo())),
                        neutralise(measure.additionalTo() == null ? null : String.join(";", measure.additionalTo())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
