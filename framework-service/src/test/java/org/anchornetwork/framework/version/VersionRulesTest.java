package org.anchornetwork.framework.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.framework.version.VersionDocument.Measure;
import org.anchornetwork.framework.version.VersionDocument.Outcome;
import org.anchornetwork.framework.version.VersionDocument.Target;
import org.anchornetwork.framework.version.VersionDocument.Theme;
import org.anchornetwork.framework.version.VersionDocument.VersionRef;
import org.junit.jupiter.api.Test;

/** Every kind of import error, found together and pointed at, without a running service. */
class VersionRulesTest {

    private static final VersionRef NATIONAL = new VersionRef("stand-in-national", 1);
    private static final VersionDocument NATIONAL_DOCUMENT = new VersionDocument(null, null, null,
            List.of(new Theme("N-JOBS", "Jobs", null)), List.of(new Outcome("N-JOBS-1", "N-JOBS", "Employment", null)),
            List.of(measure("SN1", "N-JOBS-1", "fte-years", null, null, null)), null);

    static Measure measure(String code, String outcome, String unit, BigDecimal value, Integer year, List<String> mapsTo) {
        return new Measure(code, outcome, "Measure " + code, null, unit, value, year, null, null, mapsTo, null);
    }

    private static List<ProblemError> check(VersionDocument document) {
        return VersionRules.check(document, ref -> ref.equals(NATIONAL) ? Optional.of(NATIONAL_DOCUMENT) : Optional.empty());
    }

    private static Map<String, String> byPointer(List<ProblemError> errors) {
        return errors.stream().collect(Collectors.toMap(ProblemError::pointer, ProblemError::code, (a, b) -> a + "," + b));
    }

    @Test
    void aValidVersionHasNoErrors() {
        VersionDocument document = new VersionDocument(LocalDate.of(2026, 4, 1), null, NATIONAL,
                List.of(new Theme("JOBS", "Jobs", null)), List.of(new Outcome("JOBS-1", "JOBS", "Local jobs", null)),
                List.of(measure("FRD1", "JOBS-1", "fte-years", new BigDecimal("30000.00"), 2025, List.of("SN1")),
                        new Measure("FRD2", "JOBS-1", "Local disabled people employed", null, "fte-years", null, null, null,
                                null, null, List.of("FRD1"))),
                List.of(new Target("Tenders over £100k", new BigDecimal("10"), new BigDecimal("100000"))));
        assertEquals(List.of(), check(document));
    }

    @Test
    void everyErrorIsReportedAtOnceWithAPointer() {
        VersionDocument document = new VersionDocument(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 3, 1), null,
                List.of(new Theme("JOBS", "Jobs", null), new Theme("JOBS", "Jobs again", null)),
                List.of(new Outcome("JOBS-1", null, "No theme", null), new Outcome("JOBS-2", "GROWTH", "Unknown theme", null)),
                List.of(measure("M1", null, "fte-years", null, null, null),
                        measure("M2", "NOPE", "fte-years", null, null, null),
                        measure("M3", "JOBS-2", "furlongs", null, null, null),
                        measure("M1", "JOBS-2", "hours", null, null, null),
                        measure("M5", "JOBS-2", "gbp", new BigDecimal("-1.00"), 2025, null),
                        measure("M6", "JOBS-2", "gbp", new BigDecimal("1.005"), 2025, null),
                        measure("M7", "JOBS-2", "gbp", new BigDecimal("12.50"), null, null),
                        measure("M8", "JOBS-2", "hours", null, null, List.of("SN1")),
                        new Measure("M9", "JOBS-2", "Additional", null, "hours", null, null, null, null, null,
                                List.of("M404", "M9"))),
                List.of(new Target(null, new BigDecimal("120"), new BigDecimal("-5"))));

        Map<String, String> errors = byPointer(check(document));
        assertEquals("invalid-dates", errors.get("/effectiveTo"));
        assertEquals("duplicate-code", errors.get("/themes/1/code"));
        assertEquals("missing-theme", errors.get("/outcomes/0/theme"));
        assertEquals("unknown-theme", errors.get("/outcomes/1/theme"));
        assertEquals("missing-outcome", errors.get("/measures/0/outcome"));
        assertEquals("unknown-outcome", errors.get("/measures/1/outcome"));
        assertEquals("unknown-unit", errors.get("/measures/2/unit"));
        assertEquals("duplicate-code", errors.get("/measures/3/code"));
        assertEquals("negative-value", errors.get("/measures/4/proxyValue"));
        assertEquals("too-many-decimals", errors.get("/measures/5/proxyValue"));
        assertEquals("required", errors.get("/measures/6/priceBaseYear"));
        assertEquals("maps-to-without-based-on", errors.get("/measures/7/mapsTo"));
        assertEquals("unknown-additional-to", errors.get("/measures/8/additionalTo/0"));
        assertEquals("unknown-additional-to", errors.get("/measures/8/additionalTo/1"), "not additional to itself");
        assertEquals("out-of-range", errors.get("/targets/0/minimumSocialValuePercent"));
        assertEquals("negative-value", errors.get("/targets/0/contractValueFrom"));
        assertEquals(16, errors.size(), errors.toString());
    }

    @Test
    void mapsToCodesMustExistInThePublishedBasedOnVersion() {
        VersionDocument unknownCode = new VersionDocument(null, null, NATIONAL,
                List.of(new Theme("JOBS", "Jobs", null)), List.of(new Outcome("JOBS-1", "JOBS", "Local jobs", null)),
                List.of(measure("FRD1", "JOBS-1", "fte-years", null, null, List.of("SN1", "SN99"))), null);
        assertEquals(Map.of("/measures/0/mapsTo/1", "unknown-maps-to"), byPointer(check(unknownCode)));

        VersionDocument unknownVersion = new VersionDocument(null, null, new VersionRef("stand-in-national", 2),
                unknownCode.themes(), unknownCode.outcomes(),
                List.of(measure("FRD1", "JOBS-1", "fte-years", null, null, List.of("SN1"))), null);
        Map<String, String> errors = byPointer(check(unknownVersion));
        assertEquals("unknown-based-on", errors.get("/basedOn"));
        assertEquals("unknown-maps-to", errors.get("/measures/0/mapsTo/0"));
    }

    @Test
    void anEmptyVersionNeedsThemesOutcomesAndMeasures() {
        Map<String, String> errors = byPointer(check(new VersionDocument(null, null, null, null, null, null, null)));
        assertEquals(Map.of("/themes", "required", "/outcomes", "required", "/measures", "required"), errors);
    }

    @Test
    void codesAreShortAndPlain() {
        VersionDocument document = new VersionDocument(null, null, null,
                List.of(new Theme("JOBS THEME", "Jobs", null)), List.of(new Outcome("", "JOBS", "Local jobs", null)),
                List.of(measure("x".repeat(41), "JOBS-1", "hours", null, null, null)), null);
        Map<String, String> errors = byPointer(check(document));
        assertEquals("invalid-code", errors.get("/themes/0/code"));
        assertEquals("required", errors.get("/outcomes/0/code"));
        assertEquals("invalid-code", errors.get("/measures/0/code"));
        assertTrue(errors.containsKey("/outcomes/0/theme"), "JOBS THEME was refused, so JOBS is unknown");
    }
}
