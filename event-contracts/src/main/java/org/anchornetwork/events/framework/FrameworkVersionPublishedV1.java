package org.anchornetwork.events.framework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A network admin published a version of a social value framework: from now on it never changes. Carries the whole
 * measure catalogue, so that a consumer (pledge-service, a portal) can value commitments without calling back.
 * Key and subject: {@code <frameworkId>/<version>}.
 *
 * @param frameworkId    slug, e.g. {@code fairer-richer-darlington-sv}
 * @param version        version number, from 1
 * @param name           the framework's display name
 * @param family         NATIONAL or LOCAL
 * @param effectiveFrom  first day the version applies, or null
 * @param effectiveTo    last day the version applies, or null (open-ended)
 * @param basedOn        the national framework version it is based on, or null
 * @param themes         the themes, in order
 * @param outcomes       the outcomes, each under a theme
 * @param measures       the measures, each under an outcome
 */
public record FrameworkVersionPublishedV1(String frameworkId, int version, String name, String family,
        LocalDate effectiveFrom, LocalDate effectiveTo, VersionRef basedOn, List<Theme> themes, List<Outcome> outcomes,
        List<Measure> measures) {

    /** Another framework's version. */
    public record VersionRef(String frameworkId, int version) {
    }

    public record Theme(String code, String title) {
    }

    public record Outcome(String code, String theme, String title) {
    }

    /**
     * @param unit           one of the units of the framework API, e.g. {@code fte-years}, {@code hours}, {@code gbp}
     * @param proxyValue     GBP per unit, 2 decimal places, or null when the framework carries no value for it
     * @param priceBaseYear  the year whose prices the proxy value is in, or null with no proxy value
     * @param mapsTo         codes of equivalent measures in the {@code basedOn} version
     * @param additionalTo   codes of measures of this version that the same activity may also count under
     */
    public record Measure(String code, String outcome, String theme, String title, String unit, BigDecimal proxyValue,
            Integer priceBaseYear, List<String> mapsTo, List<String> additionalTo) {
    }
}
