package org.anchornetwork.framework.version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.anchornetwork.framework.version.VersionDocument.Measure;
import org.anchornetwork.framework.version.VersionDocument.Outcome;
import org.anchornetwork.framework.version.VersionDocument.Theme;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What changed between two versions of a framework: themes, outcomes and measures added, removed or changed. */
public final class VersionDiff {

    private VersionDiff() {
    }

    @Schema(description = "Differences from one version to another, matched by code")
    public record Result(String frameworkId, int from, int to, Changes themes, Changes outcomes, Changes measures) {
    }

    @Schema(description = "Codes added and removed, and for codes in both, each field whose value changed")
    public record Changes(List<String> added, List<String> removed, List<Changed> changed) {
    }

    public record Changed(String code, List<FieldChange> fields) {
    }

    @Schema(description = "A field's value before and after (absent values are null); proxy values compare by amount")
    public record FieldChange(String field, Object from, Object to) {
    }

    public static Result between(String frameworkId, int fromNumber, VersionDocument from, int toNumber, VersionDocument to) {
        return new Result(frameworkId, fromNumber, toNumber,
                changes(from.themesOrEmpty(), to.themesOrEmpty(), Theme::code, VersionDiff::themeFields),
                changes(from.outcomesOrEmpty(), to.outcomesOrEmpty(), Outcome::code, VersionDiff::outcomeFields),
                changes(from.measuresOrEmpty(), to.measuresOrEmpty(), Measure::code, VersionDiff::measureFields));
    }

    private static Map<String, Object> themeFields(Theme theme) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", theme.title());
        fields.put("description", theme.description());
        return fields;
    }

    private static Map<String, Object> outcomeFields(Outcome outcome) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("theme", outcome.theme());
        fields.put("title", outcome.title());
        fields.put("description", outcome.description());
        return fields;
    }

    private static Map<String, Object> measureFields(Measure measure) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outcome", measure.outcome());
        fields.put("title", measure.title());
        fields.put("description", measure.description());
        fields.put("unit", measure.unit());
        fields.put("proxyValue", measure.proxyValue() == null ? null : measure.proxyValue().stripTrailingZeros());
        fields.put("priceBaseYear", measure.priceBaseYear());
        fields.put("countingGuidance", measure.countingGuidance());
        fields.put("evidenceRequired", measure.evidenceRequired());
        fields.put("mapsTo", measure.mapsTo() == null ? List.of() : measure.mapsTo());
        fields.put("additionalTo", measure.additionalTo() == null ? List.of() : measure.additionalTo());
        return fields;
    }

    private static <T> Changes changes(List<T> before, List<T> after, Function<T, String> code,
            Function<T, Map<String, Object>> fields) {
        Map<String, T> old = new LinkedHashMap<>();
        before.forEach(item -> old.put(code.apply(item), item));
        Map<String, T> current = new LinkedHashMap<>();
        after.forEach(item -> current.put(code.apply(item), item));
        List<String> added = current.keySet().stream().filter(key -> !old.containsKey(key)).toList();
        List<String> removed = old.keySet().stream().filter(key -> !current.containsKey(key)).toList();
        List<Changed> changed = new ArrayList<>();
        current.forEach((key, item) -> {
            if (!old.containsKey(key)) {
                return;
            }
            Map<String, Object> was = fields.apply(old.get(key));
            Map<String, Object> now = fields.apply(item);
            List<FieldChange> differences = new ArrayList<>();
            now.forEach((field, value) -> {
                if (!Objects.equals(was.get(field), value)) {
                    differences.add(new FieldChange(field, was.get(field), value));
                }
            });
            if (!differences.isEmpty()) {
                changed.add(new Changed(key, differences));
            }
        });
        return new Changes(added, removed, changed);
    }
}
