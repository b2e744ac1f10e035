package org.anchornetwork.framework.version;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.anchornetwork.framework.version.VersionDocument.Measure;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A local version's measures against the national version it is based on, through mapsTo, in both directions. */
public final class Crosswalk {

    private Crosswalk() {
    }

    @Schema(description = "Local measures with their national equivalents, and national measures with their local ones")
    public record Result(String frameworkId, int version, VersionDocument.VersionRef basedOn, List<LocalMeasure> measures,
            List<NationalMeasure> national) {
    }

    public record MeasureRef(String code, String title) {
    }

    public record LocalMeasure(String code, String title, List<MeasureRef> nationalEquivalents) {
    }

    public record NationalMeasure(String code, String title, List<MeasureRef> localMeasures) {
    }

    /** @param national the basedOn version's document, or null when there is none (every list is then empty) */
    public static Result of(String frameworkId, int version, VersionDocument local, VersionDocument.VersionRef basedOn,
            VersionDocument national) {
        Map<String, Measure> nationalByCode = national == null ? Map.of()
                : national.measuresOrEmpty().stream().collect(Collectors.toMap(Measure::code, Function.identity(), (a, b) -> a));
        List<LocalMeasure> measures = local.measuresOrEmpty().stream()
                .map(measure -> new LocalMeasure(measure.code(), measure.title(), mapsTo(measure).stream()
                        .filter(nationalByCode::containsKey)
                        .map(code -> new MeasureRef(code, nationalByCode.get(code).title()))
                        .toList()))
                .toList();
        List<NationalMeasure> reverse = national == null ? List.of() : national.measuresOrEmpty().stream()
                .map(nationalMeasure -> new NationalMeasure(nationalMeasure.code(), nationalMeasure.title(),
                        local.measuresOrEmpty().stream()
                                .filter(measure -> mapsTo(measure).contains(nationalMeasure.code()))
                                .map(measure -> new MeasureRef(measure.code(), measure.title()))
                                .toList()))
                .toList();
        return new Result(frameworkId, version, basedOn, measures, reverse);
    }

    private static List<String> mapsTo(Measure measure) {
        return measure.mapsTo() == null ? List.of() : measure.mapsTo();
    }
}
