package org.anchornetwork.framework.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.anchornetwork.framework.version.VersionDocument.Measure;
import org.anchornetwork.framework.version.VersionDocument.Outcome;
import org.anchornetwork.framework.version.VersionDocument.Target;
import org.anchornetwork.framework.version.VersionDocument.Theme;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Export then import gives the same version, over generated frameworks: as JSON (the API's document), and as a
 * spreadsheet for what a spreadsheet holds (measures with their themes and outcomes). Generated text includes commas,
 * quotes, line breaks, non-Latin letters and cells a spreadsheet would run as formulas.
 */
class VersionRoundTripTest {

    /** Settings that matter for the round trip, as the REST layer has them (Quarkus's defaults plus ours). */
    private static final ObjectMapper API_JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Property(tries = 200)
    void anExportedDocumentImportsAsTheSameVersion(@ForAll("versions") VersionDocument version) throws Exception {
        assertEquals(List.of(), VersionRules.check(version, ref -> Optional.empty()), "generated versions are valid");
        String exported = API_JSON.writeValueAsString(version);
        VersionDocument imported = API_JSON.readValue(exported, VersionDocument.class);
        assertEquals(version, imported);
        assertEquals(exported, API_JSON.writeValueAsString(imported));
    }

    @Property(tries = 200)
    void anExportedSpreadsheetImportsAsTheSameMeasures(@ForAll("versions") VersionDocument version) {
        StringWriter csv = new StringWriter();
        MeasuresCsv.write(version, csv);
        MeasuresCsv.Read read = MeasuresCsv.read(new java.io.ByteArrayInputStream(csv.toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "text/csv", version.basedOn(), version.effectiveFrom(),
                version.effectiveTo());
        assertEquals(List.of(), read.errors(), csv::toString);
        VersionDocument imported = read.document();
        assertEquals(version.measures(), imported.measures(), csv::toString);
        assertEquals(version.themes().stream().map(theme -> new Theme(theme.code(), theme.title(), null)).toList(),
                imported.themes(), "themes, without their descriptions (not in the file)");
        assertEquals(version.outcomes().stream()
                .map(outcome -> new Outcome(outcome.code(), outcome.theme(), outcome.title(), null)).toList(),
                imported.outcomes(), "outcomes, without their descriptions (not in the file)");
    }

    /** Text as people type it in a spreadsheet cell: trimmed; apostrophes, quotes and formula starts included. */
    private static Arbitrary<String> cellText(int maxLength) {
        Arbitrary<String> body = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,;\"'()£&%/-=+@\néçøłŵ")
                .ofMinLength(1).ofMaxLength(maxLength);
        return Arbitraries.oneOf(body, Arbitraries.of("=SUM(A1:A9)", "+44 1325 000000", "-5 degrees", "@team", "O'Brien & Sons, \"Ltd\"",
                "'=already escaped", "''", "' =x", "\" @x"))
                .map(String::strip)
                .filter(text -> !text.isEmpty());
    }

    private static Arbitrary<String> optionalText(int maxLength) {
        return cellText(maxLength).injectNull(0.3);
    }

    private static Arbitrary<BigDecimal> money() {
        return Combinators.combine(Arbitraries.longs().between(0, 99_999_999L), Arbitraries.integers().between(0, 2))
                .as(BigDecimal::valueOf);
    }

    @Provide
    Arbitrary<VersionDocument> versions() {
        Arbitrary<List<List<Integer>>> shape = Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(4)
                .list().ofMinSize(1).ofMaxSize(5);
        Arbitrary<List<String>> texts = cellText(60).list().ofSize(200);
        Arbitrary<List<String>> optionalTexts = optionalText(120).list().ofSize(200);
        Arbitrary<List<BigDecimal>> values = money().injectNull(0.3).list().ofSize(200);
        Arbitrary<List<MeasureUnit>> units = Arbitraries.of(MeasureUnit.class).list().ofSize(200);
        Arbitrary<LocalDate> start = Arbitraries.integers().between(0, 3000).map(days -> LocalDate.of(2020, 4, 1).plusDays(days));
        return Combinators.combine(shape, texts, optionalTexts, values, units, start.injectNull(0.3))
                .as(VersionRoundTripTest::version);
    }

    /**
     * shape: per theme, per outcome, how many measures. Measures come in theme then outcome order, as a spreadsheet
     * lists them; every fifth is additional to the version's first measure.
     */
    private static VersionDocument version(List<List<Integer>> shape, List<String> texts, List<String> optionalTexts,
            List<BigDecimal> values, List<MeasureUnit> units, LocalDate effectiveFrom) {
        List<Theme> themes = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<Measure> measures = new ArrayList<>();
        int n = 0;
        for (int t = 0; t < shape.size(); t++) {
            String theme = "T" + t;
            themes.add(new Theme(theme, texts.get(n % texts.size()), optionalTexts.get(n % optionalTexts.size())));
            for (int o = 0; o < shape.get(t).size(); o++) {
                String outcome = theme + "-O" + o;
                outcomes.add(new Outcome(outcome, theme, texts.get((n + 1) % texts.size()), null));
                for (int m = 0; m < shape.get(t).get(o); m++) {
                    int i = n++ % texts.size();
                    BigDecimal value = values.get(i);
                    measures.add(new Measure(outcome + "-M" + m, outcome, texts.get(i), optionalTexts.get(i),
                            units.get(i).code, value, value == null ? null : 2025, optionalTexts.get((i + 7) % 200),
                            optionalTexts.get((i + 13) % 200), null,
                            n % 5 == 0 && !measures.isEmpty() ? List.of(measures.get(0).code()) : null));
                }
            }
        }
        return new VersionDocument(effectiveFrom, null, null, themes, outcomes, measures,
                effectiveFrom == null ? null : List.of(new Target("Tenders over £100k", new BigDecimal("10"),
                        new BigDecimal("100000.00"))));
    }
}
