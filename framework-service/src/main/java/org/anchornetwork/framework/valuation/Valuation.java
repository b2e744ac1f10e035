package org.anchornetwork.framework.valuation;

import static org.anchornetwork.framework.NumericColumns.GBP;
import static org.anchornetwork.framework.NumericColumns.PRICE;
import static org.anchornetwork.framework.NumericColumns.QUANTITY;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.framework.NumericColumns;
import org.anchornetwork.framework.version.VersionDocument;
import org.anchornetwork.framework.version.VersionDocument.Measure;
import org.anchornetwork.framework.version.VersionDocument.Outcome;
import org.anchornetwork.framework.version.VersionDocument.Theme;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Values commitments (measure, quantity) with a version's proxy values. The rounding rule, also in the result:
 * each line is quantity × proxy value rounded to the penny, half up; totals are sums of the rounded lines; the share
 * of contract value is total × 100 / contract value, rounded to 2 decimal places, half up. A measure without a proxy
 * value is reported with its quantity and marked unvalued; it adds nothing to any total.
 */
public final class Valuation {

    public static final String ROUNDING_RULE = "Each line is quantity × proxy value rounded to the penny (half up); "
            + "totals add the rounded lines; socialValuePercent is total × 100 / contractValue rounded to 2 decimal "
            + "places (half up). Unvalued lines add nothing.";
    private static final BigDecimal HUNDRED = new BigDecimal(100);

    private Valuation() {
    }

    @Schema(description = "Commitments to value, e.g. a bidder's", example = """
            {"contractValue":1200000.00,"commitments":[{"measureCode":"FRD1","quantity":12.5},
             {"measureCode":"FRD9","quantity":250}]}""")
    public record Request(List<Line> commitments,
            @Schema(description = "Contract (or bid) value in GBP, more than 0, at most 2 decimal places; gives socialValuePercent")
            BigDecimal contractValue) {
    }

    @Schema(description = "One commitment: a measure of the version and how much of it")
    public record Line(String measureCode,
            @Schema(description = "In the measure's unit, 0 to 1,000,000,000 with at most 4 decimal places, e.g. 12.5 "
                    + "FTE-years (answered as 12.5000)") BigDecimal quantity) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String frameworkId, int version, List<ValuedLine> lines, List<Total> byTheme,
            List<Total> byOutcome, BigDecimal totalSocialValue, BigDecimal contractValue, BigDecimal socialValuePercent,
            int unvaluedLines, NationalTotals national, String roundingRule) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ValuedLine(String measureCode, String title, String theme, String outcome, String unit,
            BigDecimal quantity, BigDecimal proxyValue, Integer priceBaseYear,
            @Schema(description = "Absent when the measure has no proxy value") BigDecimal value, boolean valued) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Total(String code, String title, String theme, BigDecimal value) {
    }

    @Schema(description = "The same total in the themes of the national framework the version is based on, through each "
            + "measure's first mapsTo code; lines without mapsTo are in unmapped")
    public record NationalTotals(String frameworkId, int version, List<Total> byTheme, BigDecimal unmapped) {
    }

    /**
     * @param national the basedOn version's document, or null when the version is based on none
     * @throws ApiProblemException 422 listing every line that cannot be valued (unknown code, bad quantity)
     */
    public static Result value(String frameworkId, int version, VersionDocument document, Request request,
            VersionDocument.VersionRef basedOn, VersionDocument national) {
        Map<String, Measure> measures = document.measuresOrEmpty().stream()
                .collect(Collectors.toMap(Measure::code, Function.identity()));
        check(measures, request);
        Map<String, Outcome> outcomes = document.outcomesOrEmpty().stream()
                .collect(Collectors.toMap(Outcome::code, Function.identity()));

        Map<String, BigDecimal> byTheme = zeroes(document.themesOrEmpty().stream().map(Theme::code).toList());
        Map<String, BigDecimal> byOutcome = zeroes(document.outcomesOrEmpty().stream().map(Outcome::code).toList());
        Map<String, BigDecimal> byNationalTheme = national == null ? null
                : zeroes(national.themesOrEmpty().stream().map(Theme::code).toList());
        BigDecimal unmapped = BigDecimal.ZERO.setScale(2);
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        int unvalued = 0;
        List<ValuedLine> lines = new ArrayList<>();
        for (Line line : request.commitments()) {
            Measure measure = measures.get(line.measureCode());
            String theme = outcomes.get(measure.outcome()).theme();
            BigDecimal value = valueOf(line.quantity(), measure.proxyValue());
            lines.add(new ValuedLine(measure.code(), measure.title(), theme, measure.outcome(), measure.unit(),
                    QUANTITY.stored(line.quantity()), measure.proxyValue(), measure.priceBaseYear(), value, value != null));
            if (value == null) {
                unvalued++;
                continue;
            }
            total = total.add(value);
            byTheme.merge(theme, value, BigDecimal::add);
            byOutcome.merge(measure.outcome(), value, BigDecimal::add);
            if (byNationalTheme != null) {
                String nationalTheme = nationalTheme(measure, national);
                if (nationalTheme == null) {
                    unmapped = unmapped.add(value);
                } else {
                    byNationalTheme.merge(nationalTheme, value, BigDecimal::add);
                }
            }
        }
        BigDecimal contractValue = PRICE.stored(request.contractValue());
        BigDecimal percent = contractValue == null ? null : total.multiply(HUNDRED).divide(contractValue, 2, RoundingMode.HALF_UP);
        NationalTotals nationalTotals = byNationalTheme == null ? null
                : new NationalTotals(basedOn.frameworkId(), basedOn.version(),
                        themeTotals(national, byNationalTheme), unmapped);
        return new Result(frameworkId, version, lines, themeTotals(document, byTheme),
                document.outcomesOrEmpty().stream()
                        .map(outcome -> new Total(outcome.code(), outcome.title(), outcome.theme(), byOutcome.get(outcome.code())))
                        .toList(),
                total, contractValue, percent, unvalued, nationalTotals, ROUNDING_RULE);
    }

    private static String nationalTheme(Measure measure, VersionDocument national) {
        if (measure.mapsTo() == null || measure.mapsTo().isEmpty()) {
            return null;
        }
        String code = measure.mapsTo().get(0);
        return national.measuresOrEmpty().stream().filter(candidate -> candidate.code().equals(code)).findFirst()
                .flatMap(nationalMeasure -> national.outcomesOrEmpty().stream()
                        .filter(outcome -> outcome.code().equals(nationalMeasure.outcome())).findFirst())
                .map(Outcome::theme)
                .orElse(null);
    }

    private static List<Total> themeTotals(VersionDocument document, Map<String, BigDecimal> totals) {
        return document.themesOrEmpty().stream()
                .map(theme -> new Total(theme.code(), theme.title(), null, totals.get(theme.code())))
                .toList();
    }

    private static Map<String, BigDecimal> zeroes(List<String> codes) {
        Map<String, BigDecimal> zeroes = new LinkedHashMap<>();
        codes.forEach(code -> zeroes.put(code, BigDecimal.ZERO.setScale(2)));
        return zeroes;
    }

    /** A line's value: quantity × proxy value rounded to the penny (half up); null without a proxy value. */
    public static BigDecimal valueOf(BigDecimal quantity, BigDecimal proxyValue) {
        return proxyValue == null ? null : quantity.multiply(proxyValue).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * A quantity in a measure's unit, committed or delivered: what {@link NumericColumns#QUANTITY} holds, and (with the
     * measure's proxy value, when it has one) a value the amounts stored hold.
     *
     * @return the line's value when the quantity is valid and the measure has a proxy value, otherwise null
     */
    public static BigDecimal checkQuantity(List<ProblemError> errors, String pointer, BigDecimal quantity, BigDecimal proxyValue) {
        if (quantity == null) {
            errors.add(ProblemError.at(pointer, "required", "give a quantity in the measure's unit"));
            return null;
        }
        java.util.Optional<ProblemError> problem = QUANTITY.problem(pointer, quantity);
        if (problem.isPresent()) {
            errors.add(problem.get());
            return null;
        }
        BigDecimal value = valueOf(quantity, proxyValue);
        if (value != null && !GBP.accepts(value)) {
            errors.add(ProblemError.at(pointer, "out-of-range", "valued at £" + value.toPlainString() + " (× £"
                    + proxyValue.toPlainString() + "), more than the largest amount kept, £" + GBP.largest().toPlainString()));
            return null;
        }
        return value;
    }

    /** The sum of the lines' values must be an amount too; the error is at the lines' pointer. */
    public static void checkTotal(List<ProblemError> errors, String pointer, List<BigDecimal> values) {
        BigDecimal total = values.stream().filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (!GBP.accepts(total)) {
            errors.add(ProblemError.at(pointer, "out-of-range", "valued at £" + total.toPlainString()
                    + " in all, more than the largest amount kept, £" + GBP.largest().toPlainString()));
        }
    }

    private static void check(Map<String, Measure> measures, Request request) {
        List<ProblemError> errors = new ArrayList<>();
        if (request.commitments() == null || request.commitments().isEmpty()) {
            errors.add(ProblemError.at("/commitments", "required", "give at least one commitment"));
        } else {
            List<BigDecimal> values = new ArrayList<>();
            for (int i = 0; i < request.commitments().size(); i++) {
                Line line = request.commitments().get(i);
                String at = "/commitments/" + i;
                if (line == null) {
                    errors.add(ProblemError.at(at, "required", "must be an object"));
                    continue;
                }
                Measure measure = null;
                if (line.measureCode() == null || line.measureCode().isBlank()) {
                    errors.add(ProblemError.at(at + "/measureCode", "required", "give a measure code of this version"));
                } else if (!measures.containsKey(line.measureCode())) {
                    errors.add(ProblemError.at(at + "/measureCode", "unknown-measure",
                            "'" + line.measureCode() + "' is not a measure of this version"));
                } else {
                    measure = measures.get(line.measureCode());
                }
                values.add(checkQuantity(errors, at + "/quantity", line.quantity(), measure == null ? null : measure.proxyValue()));
            }
            checkTotal(errors, "/commitments", values);
        }
        PRICE.check(errors, "/contractValue", request.contractValue());
        ApiProblemException.throwIfAny(errors, "the commitments to value");
    }
}
