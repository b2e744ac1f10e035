package org.anchornetwork.framework.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Problem;
import org.anchornetwork.common.problem.ProblemError;
import org.junit.jupiter.api.Test;

/** Measures in and out of spreadsheets, without a running service. */
class MeasuresCsvTest {

    private static final String HEADER = "theme,theme_title,outcome,outcome_title,code,title,unit,proxy_value,price_base_year,"
            + "maps_to,additional_to,description\n";

    private static MeasuresCsv.Read read(String csv) {
        return MeasuresCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "text/csv; charset=UTF-8",
                null, null, null);
    }

    @Test
    void rowsBecomeThemesOutcomesAndMeasuresInFileOrder() {
        MeasuresCsv.Read read = read("\uFEFF" + HEADER
                + "JOBS,Jobs,JOBS-1,Local employment,FRD1,Local FTE,fte-years,\"£30,000.00\",2025,,,\n"
                + "JOBS,Jobs,JOBS-1,Local employment,FRD2,Local disabled FTE,fte-years,,,,FRD1;,\n"
                + ",,,,,,,,,,,\n"
                + "SOCIAL,Social,SOCIAL-1,Volunteering,FRD9,Volunteering hours,hours,16.93,2025,,,\"'=not a formula\"\n");
        assertEquals(List.of(), read.errors());
        VersionDocument document = read.document();
        assertEquals(List.of("JOBS", "SOCIAL"), document.themes().stream().map(VersionDocument.Theme::code).toList());
        assertEquals("JOBS", document.outcomes().get(0).theme());
        assertEquals(3, document.measures().size());
        assertEquals(new BigDecimal("30000.00"), document.measures().get(0).proxyValue());
        assertEquals(List.of("FRD1"), document.measures().get(1).additionalTo());
        assertNull(document.measures().get(1).proxyValue());
        assertEquals("=not a formula", document.measures().get(2).description(), "the export's apostrophe is removed");
        assertEquals(List.of(), VersionRules.check(document, ref -> Optional.empty()));
    }

    @Test
    void cellsThatAreNotNumbersOrYearsAreErrorsOnTheirCell() {
        MeasuresCsv.Read read = read(HEADER
                + "JOBS,Jobs,JOBS-1,Local employment,FRD1,Local FTE,fte-years,thirty pounds,25,,,\n");
        assertEquals(List.of(ProblemError.atCell(2, 8, "invalid-number", "proxy_value: 'thirty pounds' is not an amount in pounds, e.g. 16.93"),
                ProblemError.atCell(2, 9, "invalid-year", "price_base_year: '25' is not a year such as 2025")), read.errors());
    }

    @Test
    void ruleErrorsArePlacedOnTheRowAndColumnTheyCameFrom() {
        MeasuresCsv.Read read = read(HEADER
                + "JOBS,Jobs,JOBS-1,Local employment,FRD1,Local FTE,fte-years,-5,2025,,,\n"
                + "JOBS,Jobs,JOBS-1,Local employment,FRD1,Again,furlongs,,,,,\n"
                + ",,JOBS-2,No theme,FRD3,Orphan,hours,,,NT1,,\n"
                + "SOCIAL,Social,JOBS-1,Local employment,FRD4,Moved outcome,hours,,,,,\n");
        List<ProblemError> errors = new java.util.ArrayList<>(read.errors());
        errors.addAll(read.onCells(VersionRules.check(read.document(), ref -> Optional.empty())));
        assertTrue(errors.contains(ProblemError.atCell(5, 1, "outcome-in-two-themes",
                "theme: outcome 'JOBS-1' is under theme 'JOBS' in row 2")), errors.toString());
        assertCell(errors, 2, 8, "negative-value");
        assertCell(errors, 3, 5, "duplicate-code");
        assertCell(errors, 3, 7, "unknown-unit");
        assertCell(errors, 4, 1, "missing-theme");
        assertCell(errors, 4, 10, "maps-to-without-based-on");
    }

    private static void assertCell(List<ProblemError> errors, long row, int column, String code) {
        assertTrue(errors.stream().anyMatch(error -> error.row() == row && error.column() == column && error.code().equals(code)),
                () -> "expected " + code + " at row " + row + " column " + column + " in " + errors);
    }

    @Test
    void missingAndUnknownColumnsAreNamedInTheHeaderRowAndNothingIsRead() {
        Problem problem = assertThrows(ApiProblemException.class,
                () -> read("theme,outcome,code,title,colour\nJOBS,JOBS-1,FRD1,Local FTE,red\n")).problem();
        assertEquals(Problem.TYPE_BASE + "csv-header", problem.type());
        List<ProblemError> errors = problem.errors();
        assertTrue(errors.stream().anyMatch(error -> error.row() == 1 && Integer.valueOf(5).equals(error.column())
                && error.code().equals("unknown-column")), errors.toString());
        assertTrue(errors.stream().anyMatch(error -> error.code().equals("missing-column") && error.row() == 1
                && error.column() == null && error.message().contains("\"unit\"")), errors.toString());
        assertEquals("header-not-found", assertThrows(ApiProblemException.class, () -> read("")).problem().errors().get(0).code());
    }

    @Test
    void anExportedFileImportsAsTheSameMeasures() {
        VersionDocument document = new VersionDocument(null, null, null,
                List.of(new VersionDocument.Theme("JOBS", "Jobs, skills & \"growth\"", null)),
                List.of(new VersionDocument.Outcome("JOBS-1", "JOBS", "Local employment", null)),
                List.of(new VersionDocument.Measure("FRD1", "JOBS-1", "=SUM(A1:A9)", "- a bullet\nover two lines", "fte-years",
                        new BigDecimal("30000.00"), 2025, "@once", "+payroll", List.of(), List.of()),
                        new VersionDocument.Measure("FRD2", "JOBS-1", "Disabled FTE", null, "fte-years", null, null, null,
                                null, null, List.of("FRD1"))),
                null);
        StringWriter out = new StringWriter();
        MeasuresCsv.write(document, out);
        String csv = out.toString();
        assertTrue(csv.contains("'=SUM(A1:A9)") && csv.contains("'@once") && csv.contains("'+payroll"), csv);

        VersionDocument back = read(csv).document();
        assertEquals(document.themes(), back.themes());
        assertEquals(document.outcomes(), back.outcomes());
        assertEquals(document.measures().get(1), back.measures().get(1));
        VersionDocument.Measure first = back.measures().get(0);
        assertEquals("=SUM(A1:A9)", first.title());
        assertEquals("- a bullet\nover two lines", first.description());
        assertEquals("@once", first.countingGuidance());
        assertEquals(new BigDecimal("30000.00"), first.proxyValue());
    }
}
