package org.anchornetwork.spend.analysis.rest;

import java.util.Locale;

import org.anchornetwork.common.problem.ApiProblemException;

/** Whether an analysis is wanted as CSV: {@code format=csv}, or an Accept header that prefers text/csv. */
final class AnalysisFormats {

    private AnalysisFormats() {
    }

    static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiProblemException.badRequest("invalid-parameter", "format must be json or csv");
            };
        }
        return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
    }
}
