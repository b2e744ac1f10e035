package org.anchornetwork.framework.version;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.anchornetwork.framework.NumericColumns;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The whole content of a framework version, as imported and exported: themes, outcomes under themes, measures under
 * outcomes (flat lists joined by codes, as in a spreadsheet), and optional targets. What {@code GET} returns under
 * {@code document} can be sent back to {@code POST} as it is, giving the same version.
 * Checked whole by {@link VersionRules}; the records only carry data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The content of a framework version: every theme, outcome, measure and target", example = """
        {"effectiveFrom":"2026-04-01","basedOn":{"frameworkId":"stand-in-national-toms","version":1},
         "themes":[{"code":"JOBS","title":"Jobs: promote local skills and employment"}],
         "outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"More local people in employment"}],
         "measures":[{"code":"FRD1","outcome":"JOBS-1","title":"Local people (FTE) employed on the contract",
           "unit":"fte-years","proxyValue":30000.00,"priceBaseYear":2025,"mapsTo":["SN1"],
           "countingGuidance":"Count each year of employment; Darlington postcodes only",
           "evidenceRequired":"Payroll extract with postcodes"}],
         "targets":[{"description":"Tenders of £100,000 or more","minimumSocialValuePercent":10,
           "contractValueFrom":100000}]}""")
public record VersionDocument(
        @Schema(description = "First day this version applies") LocalDate effectiveFrom,
        @Schema(description = "Last day this version applies; open-ended when absent") LocalDate effectiveTo,
        @Schema(description = "The national framework version this one is based on; measures' mapsTo codes are its codes")
        VersionRef basedOn,
        List<Theme> themes,
        List<Outcome> outcomes,
        List<Measure> measures,
        @Schema(description = "Optional targets, e.g. minimum social value as a share of contract value")
        List<Target> targets) {

    @Schema(description = "A version of another framework")
    public record VersionRef(String frameworkId, Integer version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Theme(String code, String title, String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(@Schema(description = "Unique in the version") String code,
            @Schema(description = "Code of its theme") String theme, String title, String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measure(
            @Schema(description = "Unique in the version, e.g. FRD1") String code,
            @Schema(description = "Code of its outcome") String outcome,
            String title,
            String description,
            @Schema(description = "One of: fte-years, people, hours, weeks, gbp, tonnes-co2e, tonnes, miles, count, percent")
            String unit,
            @Schema(description = "GBP per unit, 0 to 9,999,999,999.99, at most 2 decimal places (answered as stored, e.g. "
                    + "16.90); absent when the framework carries no value (e.g. when its licence forbids sharing them)")
            BigDecimal proxyValue,
            @Schema(description = "The year whose prices proxyValue is in; required with a proxyValue") Integer priceBaseYear,
            @Schema(description = "How to count, e.g. first 12 months only") String countingGuidance,
            @Schema(description = "Evidence a supplier must hold") String evidenceRequired,
            @Schema(description = "Codes of equivalent measures in the basedOn version") List<String> mapsTo,
            @Schema(description = "Codes of measures of this version that the same activity may also count under")
            List<String> additionalTo) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String description,
            @Schema(description = "Minimum social value committed, as a percentage of contract value") BigDecimal minimumSocialValuePercent,
            @Schema(description = "Applies to contracts of at least this value in GBP; all contracts when absent")
            BigDecimal contractValueFrom) {
    }

    /** The document as stored and answered: amounts and percentages at their scale (16.9 becomes 16.90). */
    public VersionDocument normalised() {
        return new VersionDocument(effectiveFrom, effectiveTo, basedOn, themes, outcomes, measures == null ? null
                : measures.stream().map(m -> m == null ? null : new Measure(m.code(), m.outcome(), m.title(), m.description(),
                        m.unit(), NumericColumns.PROXY_VALUE.stored(m.proxyValue()), m.priceBaseYear(), m.countingGuidance(),
                        m.evidenceRequired(), m.mapsTo(), m.additionalTo())).toList(),
                targets == null ? null : targets.stream().map(t -> t == null ? null : new Target(t.description(),
                        NumericColumns.PERCENT.stored(t.minimumSocialValuePercent()),
                        NumericColumns.PROXY_VALUE.stored(t.contractValueFrom()))).toList());
    }

    public List<Theme> themesOrEmpty() {
        return themes == null ? List.of() : themes;
    }

    public List<Outcome> outcomesOrEmpty() {
        return outcomes == null ? List.of() : outcomes;
    }

    public List<Measure> measuresOrEmpty() {
        return measures == null ? List.of() : measures;
    }

    public List<Target> targetsOrEmpty() {
        return targets == null ? List.of() : targets;
    }
}
