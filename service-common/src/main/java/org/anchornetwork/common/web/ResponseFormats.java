package org.anchornetwork.common.web;

import java.util.Locale;

import org.anchornetwork.common.problem.ApiProblemException;

/** Whether a reading is wanted as CSV: {@code format=csv}, or an Accept header that prefers text/csv. */
public final class ResponseFormats {

    private ResponseFormats() {
    }

    /** 400 for a format other than json or csv. */
    public static boolean csv(String format, String accept) {
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
