package org.anchornetwork.framework.version;

import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.anchornetwork.common.csv.CsvHeader;
import org.anchornetwork.common.csv.CsvReader;
import org.anchornetwork.common.csv.CsvRow;
import org.anchornetwork.common.csv.UkCells;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.web.SpreadsheetCsv;
import org.anchornetwork.framework.version.VersionDocument.Measure;
import org.anchornetwork.framework.version.VersionDocument.Outcome;
import org.anchornetwork.framework.version.VersionDocument.Theme;

/**
 * A version's measures as a spreadsheet: one row per measure, with its theme and outcome (codes and titles) repeated
 * on each row. Lists ({@code maps_to}, {@code additional_to}) are separated by {@code ;}. Targets, dates and
 * {@code basedOn} are not in the file (query parameters on import). Cells a spreadsheet would run as a formula are
 * written with a leading apostrophe ({@link SpreadsheetCsv}), which import removes again, so an exported file imports
 * as the same version.
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

    /**
     * Reads measures through the shared {@link CsvReader} (the charset Content-Type names, held to strictly; else UTF-8
     * with Windows-1252), rows numbered as a spreadsheet shows them (the header is row 1). A header lacking a required
     * column, or naming one twice or one that is not a column, is refused at once ({@code csv-header}).
     */
    public static Read read(InputStream in, String contentType, VersionDocument.VersionRef basedOn,
            java.time.LocalDate effectiveFrom, java.time.LocalDate effectiveTo) {
        Read read = new Read();
        List<ProblemError> errors = read.errors;
        Map<String, Theme> themes = new LinkedHashMap<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, Long> outcomeRow = new HashMap<>();
        List<Measure> measures = new ArrayList<>();
        try (CsvReader csv = CsvReader.open(in, contentType)) {
            Map<Column, Integer> columns = columns(csv.header(), read.columnNumbers);
            int rows = 0;
            while (csv.hasNext()) {
                CsvRow row = csv.next();
                if (row.isBlank()) {
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    errors.add(row.error(0, "too-many-rows", "at most " + MAX_ROWS + " measures"));
                    return read;
                }
                Cells cells = new Cells(row, columns, errors);
                String themeCode = cells.text(Column.THEME);
                String outcomeCode = cells.text(Column.OUTCOME);
                if (themeCode != null && !themes.containsKey(themeCode)) {
                    themes.put(themeCode, new Theme(themeCode, cells.text(Column.THEME_TITLE), null));
                    read.themeRows.add(row.number());
                }
                if (outcomeCode != null && !outcomes.containsKey(outcomeCode)) {
                    outcomes.put(outcomeCode, new Outcome(outcomeCode, themeCode, cells.text(Column.OUTCOME_TITLE), null));
                    read.outcomeRows.add(row.number());
                    outcomeRow.put(outcomeCode, row.number());
                } else if (outcomeCode != null && themeCode != null && !themeCode.equals(outcomes.get(outcomeCode).theme())) {
                    errors.add(row.error(columns.get(Column.THEME), "outcome-in-two-themes", "outcome '" + outcomeCode
                            + "' is under theme '" + outcomes.get(outcomeCode).theme() + "' in row " + outcomeRow.get(outcomeCode)));
                }
                measures.add(new Measure(cells.text(Column.CODE), outcomeCode, cells.text(Column.TITLE),
                        cells.text(Column.DESCRIPTION), cells.text(Column.UNIT), cells.money(Column.PROXY_VALUE),
                        cells.year(Column.PRICE_BASE_YEAR), cells.text(Column.COUNTING_GUIDANCE),
                        cells.text(Column.EVIDENCE_REQUIRED), cells.list(Column.MAPS_TO), cells.list(Column.ADDITIONAL_TO)));
                read.measureRows.add(row.number());
            }
        }
        read.document = new VersionDocument(effectiveFrom, effectiveTo, basedOn, List.copyOf(themes.values()),
                List.copyOf(outcomes.values()), List.copyOf(measures), null);
        return read;
    }

    /** Each column's index (from 0); the numbers (from 1) kept for placing rule errors. */
    private static Map<Column, Integer> columns(CsvHeader header, Map<Column, Integer> numbers) {
        CsvHeader.Columns lookup = header.columns();
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            int index = column.required ? lookup.required(column.header) : lookup.optional(column.header);
            if (index >= 0) {
                columns.put(column, index);
                numbers.put(column, index + 1);
            }
        }
        lookup.refuseOthers(Arrays.stream(Column.values()).map(c -> c.header).collect(Collectors.joining(", ")));
        lookup.check();
        return columns;
    }

    /** One row's cells, read by column, with errors placed on the cell. */
    private record Cells(CsvRow row, Map<Column, Integer> columns, List<ProblemError> errors) {

        String text(Column column) {
            return row.text(columns.getOrDefault(column, -1));
        }

        BigDecimal money(Column column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                return UkCells.amount(value);
            } catch (IllegalArgumentException e) {
                errors.add(row.error(columns.get(column), "invalid-number", e.getMessage() + ", e.g. 16.93"));
                return null;
            }
        }

        Integer year(Column column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            if (!value.matches("\\d{4}")) {
                errors.add(row.error(columns.get(column), "invalid-year", "'" + value + "' is not a year such as 2025"));
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

    /** Writes every measure of the document, one row each, in the document's order (cells safe for spreadsheets). */
    public static void write(VersionDocument document, Writer out) {
        Map<String, Theme> themes = document.themesOrEmpty().stream()
                .collect(Collectors.toMap(Theme::code, theme -> theme, (a, b) -> a));
        Map<String, Outcome> outcomes = document.outcomesOrEmpty().stream()
                .collect(Collectors.toMap(Outcome::code, outcome -> outcome, (a, b) -> a));
        try (SpreadsheetCsv csv = SpreadsheetCsv.to(out, Arrays.stream(Column.values()).map(column -> column.header)
                .toArray(String[]::new))) {
            for (Measure measure : document.measuresOrEmpty()) {
                Outcome outcome = outcomes.get(measure.outcome());
                Theme theme = outcome == null ? null : themes.get(outcome.theme());
                csv.row(theme == null ? null : theme.code(), theme == null ? null : theme.title(), measure.outcome(),
                        outcome == null ? null : outcome.title(), measure.code(), measure.title(), measure.description(),
                        measure.unit(), measure.proxyValue(), measure.priceBaseYear(), measure.countingGuidance(),
                        measure.evidenceRequired(), measure.mapsTo() == null ? null : String.join(";", measure.mapsTo()),
                        measure.additionalTo() == null ? null : String.join(";", measure.additionalTo()));
            }
        }
    }
}
