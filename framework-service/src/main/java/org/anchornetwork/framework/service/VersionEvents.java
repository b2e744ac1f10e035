package org.anchornetwork.framework.service;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.anchornetwork.events.framework.FrameworkVersionPublishedV1;
import org.anchornetwork.framework.Framework;
import org.anchornetwork.framework.version.FrameworkVersion;
import org.anchornetwork.framework.version.VersionDocument;

/** The published catalogue as the event contract spells it (event-contracts), from the stored document. */
final class VersionEvents {

    private VersionEvents() {
    }

    static FrameworkVersionPublishedV1 published(Framework framework, FrameworkVersion version) {
        VersionDocument document = version.document;
        Map<String, String> themeOfOutcome = document.outcomesOrEmpty().stream()
                .collect(Collectors.toMap(VersionDocument.Outcome::code, VersionDocument.Outcome::theme));
        VersionDocument.VersionRef basedOn = document.basedOn();
        return new FrameworkVersionPublishedV1(framework.id, version.number, framework.name, framework.family.name(),
                document.effectiveFrom(), document.effectiveTo(),
                basedOn == null ? null : new FrameworkVersionPublishedV1.VersionRef(basedOn.frameworkId(), basedOn.version()),
                document.themesOrEmpty().stream()
                        .map(theme -> new FrameworkVersionPublishedV1.Theme(theme.code(), theme.title())).toList(),
                document.outcomesOrEmpty().stream()
                        .map(outcome -> new FrameworkVersionPublishedV1.Outcome(outcome.code(), outcome.theme(), outcome.title()))
                        .toList(),
                document.measuresOrEmpty().stream()
                        .map(measure -> new FrameworkVersionPublishedV1.Measure(measure.code(), measure.outcome(),
                                themeOfOutcome.get(measure.outcome()), measure.title(), measure.unit(), measure.proxyValue(),
                                measure.priceBaseYear(), orEmpty(measure.mapsTo()), orEmpty(measure.additionalTo())))
                        .toList());
    }

    private static List<String> orEmpty(List<String> codes) {
        return codes == null ? List.of() : codes;
    }
}
