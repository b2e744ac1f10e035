package org.anchornetwork.framework.version;

import static org.anchornetwork.framework.NumericColumns.PERCENT;
import static org.anchornetwork.framework.NumericColumns.PROXY_VALUE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.framework.version.VersionDocument.Measure;
import org.anchornetwork.framework.version.VersionDocument.Outcome;
import org.anchornetwork.framework.version.VersionDocument.Target;
import org.anchornetwork.framework.version.VersionDocument.Theme;
import org.anchornetwork.framework.version.VersionDocument.VersionRef;

/**
 * Everything a framework version must satisfy, checked at once so that an import reports every error together, each
 * with a JSON pointer into the document. Nothing is stored unless the list comes back empty.
 */
public final class VersionRules {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    private final Function<VersionRef, Optional<VersionDocument>> publishedVersions;
    private final List<ProblemError> errors = new ArrayList<>();

    private VersionRules(Function<VersionRef, Optional<VersionDocument>> publishedVersions) {
        this.publishedVersions = publishedVersions;
    }

    /**
     * @param publishedVersions finds another framework's published (or retired) version, for {@code basedOn}
     * @return every error found; empty when the document is valid
     */
    public static List<ProblemError> check(VersionDocument document,
            Function<VersionRef, Optional<VersionDocument>> publishedVersions) {
        VersionRules rules = new VersionRules(publishedVersions);
        rules.checkDocument(document);
        return List.copyOf(rules.errors);
    }

    private void error(String pointer, String code, String message) {
        errors.add(ProblemError.at(pointer, code, message));
    }

    private void checkDocument(VersionDocument document) {
        if (document.effectiveFrom() != null && document.effectiveTo() != null
                && document.effectiveTo().isBefore(document.effectiveFrom())) {
            error("/effectiveTo", "invalid-dates", "must not be before effectiveFrom");
        }
        Set<String> basedOnCodes = basedOnMeasureCodes(document.basedOn());

        Set<String> themeCodes = new HashSet<>();
        List<Theme> themes = document.themesOrEmpty();
        if (themes.isEmpty()) {
            error("/themes", "required", "a version needs at least one theme");
        }
        for (int i = 0; i < themes.size(); i++) {
            Theme theme = themes.get(i);
            String at = "/themes/" + i;
            if (theme == null) {
                error(at, "required", "must be an object");
                continue;
            }
            code(at + "/code", theme.code(), themeCodes, "theme");
            text(at + "/title", theme.title(), true, 300);
            text(at + "/description", theme.description(), false, 5000);
        }

        Set<String> outcomeCodes = new HashSet<>();
        List<Outcome> outcomes = document.outcomesOrEmpty();
        if (outcomes.isEmpty()) {
            error("/outcomes", "required", "a version needs at least one outcome");
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            String at = "/outcomes/" + i;
            if (outcome == null) {
                error(at, "required", "must be an object");
                continue;
            }
            code(at + "/code", outcome.code(), outcomeCodes, "outcome");
            parent(at + "/theme", outcome.theme(), themeCodes, "theme", "outcome");
            text(at + "/title", outcome.title(), true, 300);
            text(at + "/description", outcome.description(), false, 5000);
        }

        Set<String> measureCodes = new HashSet<>();
        List<Measure> measures = document.measuresOrEmpty();
        if (measures.isEmpty()) {
            error("/measures", "required", "a version needs at least one measure");
        }
        for (int i = 0; i < measures.size(); i++) {
            Measure measure = measures.get(i);
            if (measure != null) {
                code("/measures/" + i + "/code", measure.code(), measureCodes, "measure");
            }
        }
        for (int i = 0; i < measures.size(); i++) {
            Measure measure = measures.get(i);
            String at = "/measures/" + i;
            if (measure == null) {
                error(at, "required", "must be an object");
                continue;
            }
            parent(at + "/outcome", measure.outcome(), outcomeCodes, "outcome", "measure");
            text(at + "/title", measure.title(), true, 300);
            text(at + "/description", measure.description(), false, 5000);
            text(at + "/countingGuidance", measure.countingGuidance(), false, 5000);
            text(at + "/evidenceRequired", measure.evidenceRequired(), false, 5000);
            if (measure.unit() == null || measure.unit().isBlank()) {
                error(at + "/unit", "required", "must be one of " + MeasureUnit.codes());
            } else if (MeasureUnit.ofCode(measure.unit()).isEmpty()) {
                error(at + "/unit", "unknown-unit", "'" + measure.unit() + "' is not a known unit; use one of "
                        + MeasureUnit.codes());
            }
            PROXY_VALUE.check(errors, at + "/proxyValue", measure.proxyValue());
            if (measure.proxyValue() != null && measure.priceBaseYear() == null) {
                error(at + "/priceBaseYear", "required", "a proxy value needs the year whose prices it is in");
            }
            if (measure.priceBaseYear() != null && (measure.priceBaseYear() < 1990 || measure.priceBaseYear() > 2100)) {
                error(at + "/priceBaseYear", "out-of-range", "must be a year between 1990 and 2100");
            }
            references(at + "/mapsTo", measure.mapsTo(), basedOnCodes, document.basedOn());
            List<String> additionalTo = measure.additionalTo() == null ? List.of() : measure.additionalTo();
            for (int j = 0; j < additionalTo.size(); j++) {
                String code = additionalTo.get(j);
                if (code == null || !measureCodes.contains(code) || code.equals(measure.code())) {
                    error(at + "/additionalTo/" + j, "unknown-additional-to",
                            "'" + code + "' is not another measure of this version");
                }
            }
        }

        List<Target> targets = document.targetsOrEmpty();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            String at = "/targets/" + i;
            if (target == null) {
                error(at, "required", "must be an object");
                continue;
            }
            text(at + "/description", target.description(), false, 1000);
            if (target.minimumSocialValuePercent() == null) {
                error(at + "/minimumSocialValuePercent", "required", "must be a percentage, " + PERCENT.describe());
            } else {
                PERCENT.check(errors, at + "/minimumSocialValuePercent", target.minimumSocialValuePercent());
            }
            PROXY_VALUE.check(errors, at + "/contractValueFrom", target.contractValueFrom());
        }
    }

    /** The measure codes of the basedOn version, or an empty set (with an error) when it is not a published version. */
    private Set<String> basedOnMeasureCodes(VersionRef basedOn) {
        if (basedOn == null) {
            return Set.of();
        }
        if (basedOn.frameworkId() == null || basedOn.frameworkId().isBlank() || basedOn.version() == null) {
            error("/basedOn", "required", "needs frameworkId and version");
            return Set.of();
        }
        Optional<VersionDocument> referenced = publishedVersions.apply(basedOn);
        if (referenced.isEmpty()) {
            error("/basedOn", "unknown-based-on", "framework '" + basedOn.frameworkId() + "' has no published version "
                    + basedOn.version());
            return Set.of();
        }
        Set<String> codes = new HashSet<>();
        referenced.get().measuresOrEmpty().forEach(measure -> codes.add(measure.code()));
        return codes;
    }

    private void references(String at, List<String> mapsTo, Set<String> basedOnCodes, VersionRef basedOn) {
        if (mapsTo == null || mapsTo.isEmpty()) {
            return;
        }
        if (basedOn == null) {
            error(at, "maps-to-without-based-on", "mapsTo names measures of the basedOn version, and there is none");
            return;
        }
        for (int j = 0; j < mapsTo.size(); j++) {
            String code = mapsTo.get(j);
            if (code == null || !basedOnCodes.contains(code)) {
                error(at + "/" + j, "unknown-maps-to", "'" + code + "' is not a measure of " + basedOn.frameworkId()
                        + " version " + basedOn.version());
            }
        }
    }

    private void code(String at, String code, Set<String> seen, String what) {
        if (code == null || code.isBlank()) {
            error(at, "required", "every " + what + " needs a code");
        } else if (!CODE.matcher(code).matches()) {
            error(at, "invalid-code", "must be 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit");
        } else if (!seen.add(code)) {
            error(at, "duplicate-code", "another " + what + " already has code '" + code + "'");
        }
    }

    private void parent(String at, String code, Set<String> known, String parent, String child) {
        if (code == null || code.isBlank()) {
            error(at, "missing-" + parent, "every " + child + " belongs to a " + parent + ": give its code");
        } else if (!known.contains(code)) {
            error(at, "unknown-" + parent, "no " + parent + " has code '" + code + "'");
        }
    }

    private void text(String at, String value, boolean required, int maxLength) {
        if (value == null || value.isBlank()) {
            if (required) {
                error(at, "required", "must not be blank");
            }
        } else if (value.length() > maxLength) {
            error(at, "too-long", "at most " + maxLength + " characters");
        }
    }
}
