package org.anchornetwork.framework.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.framework.valuation.Valuation.Line;
import org.anchornetwork.framework.valuation.Valuation.Request;
import org.anchornetwork.framework.valuation.Valuation.Result;
import org.anchornetwork.framework.valuation.Valuation.Total;
import org.anchornetwork.framework.version.VersionDocument;
import org.anchornetwork.framework.version.VersionDocument.Measure;
import org.anchornetwork.framework.version.VersionDocument.Outcome;
import org.anchornetwork.framework.version.VersionDocument.Theme;
import org.anchornetwork.framework.version.VersionDocument.VersionRef;
import org.junit.jupiter.api.Test;

/** Worked examples of the valuation arithmetic, rounding included. */
class ValuationTest {

    private static final VersionRef NATIONAL = new VersionRef("stand-in-national", 1);

    private static final VersionDocument NATIONAL_DOCUMENT = new VersionDocument(null, null, null,
            List.of(new Theme("N-JOBS", "National jobs", null), new Theme("N-SOCIAL", "National social", null)),
            List.of(new Outcome("N-JOBS-1", "N-JOBS", "Employment", null),
                    new Outcome("N-SOCIAL-1", "N-SOCIAL", "Communities", null)),
            List.of(measure("SN1", "N-JOBS-1", "fte-years", null, List.of()),
                    measure("SN20", "N-SOCIAL-1", "hours", null, List.of())),
            null);

    private static final VersionDocument LOCAL = new VersionDocument(null, null, NATIONAL,
            List.of(new Theme("JOBS", "Jobs", null), new Theme("SOCIAL", "Social", null)),
            List.of(new Outcome("JOBS-1", "JOBS", "Local employment", null),
                    new Outcome("SOCIAL-1", "SOCIAL", "Volunteering", null),
                    new Outcome("SOCIAL-2", "SOCIAL", "Safeguarding", null)),
            List.of(measure("FRD1", "JOBS-1", "fte-years", "30000.00", List.of("SN1")),
                    measure("FRD9", "SOCIAL-1", "hours", "16.93", List.of("SN20")),
                    measure("FRD10", "SOCIAL-1", "gbp", "0.05", List.of()),
                    measure("FRD20", "SOCIAL-2", "people", null, List.of())),
            null);

    private static Measure measure(String code, String outcome, String unit, String value, List<String> mapsTo) {
        return new Measure(code, outcome, "Measure " + code, null, unit, value == null ? null : new BigDecimal(value),
                value == null ? null : 2025, null, null, mapsTo, null);
    }

    private static Line line(String code, String quantity) {
        return new Line(code, new BigDecimal(quantity));
    }

    private static Result value(Request request) {
        return Valuation.value("fairer-richer-darlington-sv", 1, LOCAL, request, NATIONAL, NATIONAL_DOCUMENT);
    }

    private static Map<String, BigDecimal> totals(List<Total> totals) {
        return totals.stream().collect(Collectors.toMap(Total::code, Total::value));
    }

    @Test
    void linesAreQuantityTimesProxyValueAndTotalsAddThem() {
        Result result = value(new Request(List.of(line("FRD1", "12.5"), line("FRD9", "250")), new BigDecimal("1200000.00")));

        assertEquals(new BigDecimal("375000.00"), result.lines().get(0).value(), "12.5 FTE-years × £30,000.00");
        assertEquals(new BigDecimal("4232.50"), result.lines().get(1).value(), "250 hours × £16.93");
        assertEquals(new BigDecimal("379232.50"), result.totalSocialValue());
        assertEquals(Map.of("JOBS", new BigDecimal("375000.00"), "SOCIAL", new BigDecimal("4232.50")), totals(result.byTheme()));
        assertEquals(new BigDecimal("4232.50"), totals(result.byOutcome()).get("SOCIAL-1"));
        assertEquals(new BigDecimal("0.00"), totals(result.byOutcome()).get("SOCIAL-2"));
        assertEquals(new BigDecimal("31.60"), result.socialValuePercent(), "379,232.50 / 1,200,000 = 31.6027%");
        assertEquals(0, result.unvaluedLines());
    }

    @Test
    void eachLineIsRoundedToThePennyHalfUpBeforeTotalling() {
        // 0.5 × £0.05 = £0.025 → £0.03; three such lines total £0.09, not round(0.075) = £0.08.
        Result result = value(new Request(List.of(line("FRD10", "0.5"), line("FRD10", "0.5"), line("FRD10", "0.5")), null));
        result.lines().forEach(line -> assertEquals(new BigDecimal("0.03"), line.value()));
        assertEquals(new BigDecimal("0.09"), result.totalSocialValue());
        assertNull(result.socialValuePercent(), "no contract value, no percentage");

        // 3.3333 hours × £16.93 = £56.432769 → £56.43
        assertEquals(new BigDecimal("56.43"), value(new Request(List.of(line("FRD9", "3.3333")), null)).totalSocialValue());
        // The percentage is rounded once, from the total: £1 of £3 = 33.33%
        Result third = value(new Request(List.of(line("FRD10", "20")), new BigDecimal("3")));
        assertEquals(new BigDecimal("33.33"), third.socialValuePercent());
    }

    @Test
    void aMeasureWithoutAProxyValueIsListedButUnvalued() {
        Result result = value(new Request(List.of(line("FRD20", "40"), line("FRD9", "10")), new BigDecimal("100000")));
        Valuation.ValuedLine unvalued = result.lines().get(0);
        assertFalse(unvalued.valued());
        assertNull(unvalued.value());
        assertEquals(new BigDecimal("40.0000"), unvalued.quantity());
        assertTrue(result.lines().get(1).valued());
        assertEquals(1, result.unvaluedLines());
        assertEquals(new BigDecimal("169.30"), result.totalSocialValue());
    }

    @Test
    void totalsCanBeReadInTheNationalThemesThroughMapsTo() {
        Result result = value(new Request(List.of(line("FRD1", "1"), line("FRD9", "100"), line("FRD10", "100")), null));
        assertEquals("stand-in-national", result.national().frameworkId());
        assertEquals(Map.of("N-JOBS", new BigDecimal("30000.00"), "N-SOCIAL", new BigDecimal("1693.00")),
                totals(result.national().byTheme()));
        assertEquals(new BigDecimal("5.00"), result.national().unmapped(), "FRD10 maps to nothing");
    }

    @Test
    void unknownCodesAndBadQuantitiesAreA422ListingEachLine() {
        ApiProblemException problem = assertThrows(ApiProblemException.class, () -> value(new Request(List.of(
                line("FRD1", "1"), line("NT1", "1"), line("FRD9", "-2"), line("FRD9", "1.23456"), new Line(null, null)),
                new BigDecimal("0"))));
        assertEquals(422, problem.problem().status());
        Map<String, String> errors = problem.problem().errors().stream()
                .collect(Collectors.toMap(ProblemError::pointer, ProblemError::code));
        assertEquals(Map.of("/commitments/1/measureCode", "unknown-measure", "/commitments/2/quantity", "negative-value",
                "/commitments/3/quantity", "too-many-decimals", "/commitments/4/measureCode", "required",
                "/commitments/4/quantity", "required", "/contractValue", "out-of-range"), errors);

        assertThrows(ApiProblemException.class, () -> value(new Request(List.of(), null)));
    }

    @Test
    void aQuantityWhoseValueNoAmountHoldsIsRefusedAtTheQuantity() {
        VersionDocument dear = new VersionDocument(null, null, null, List.of(new Theme("JOBS", "Jobs", null)),
                List.of(new Outcome("JOBS-1", "JOBS", "Local employment", null)),
                List.of(measure("DEAR", "JOBS-1", "count", "9999999999.99", List.of())), null);
        ApiProblemException problem = assertThrows(ApiProblemException.class, () -> Valuation.value("dear", 1, dear,
                new Request(List.of(line("DEAR", "1000000000")), null), null, null));
        assertEquals(List.of("/commitments/0/quantity out-of-range"), problem.problem().errors().stream()
                .map(error -> error.pointer() + " " + error.code()).toList());
        assertTrue(problem.problem().errors().get(0).message().contains("9999999999999999.99"));
    }
}
