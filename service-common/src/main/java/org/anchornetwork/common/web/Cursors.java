package org.anchornetwork.common.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.anchornetwork.common.problem.ApiProblemException;

/** Opaque page cursors, page-size rules and the query parameters shared by collection endpoints. */
public final class Cursors {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursors() {
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The 400 for a cursor this API did not issue (or one it cannot read any more). */
    public static ApiProblemException notIssued() {
        return ApiProblemException.badRequest("invalid-cursor", "The cursor is not one this API issued");
    }

    /** The id a cursor of id-ordered pages stands for, or the lowest uuid for the first page. */
    public static java.util.UUID uuidAfter(String cursor) {
        String after = decode(cursor);
        try {
            return after == null ? new java.util.UUID(0L, 0L) : java.util.UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw notIssued();
        }
    }

    /** A date query parameter (yyyy-MM-dd), or {@code otherwise} when absent; 400 when unreadable. */
    public static java.time.LocalDate date(String name, String asked, java.time.LocalDate otherwise) {
        if (asked == null || asked.isBlank()) {
            return otherwise;
        }
        try {
            return java.time.LocalDate.parse(asked.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblemException.badRequest("invalid-parameter", name + " must be a date such as 2026-04-01");
        }
    }

    /** The position a cursor stands for, or null for the first page; 400 for a cursor we did not issue. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw notIssued();
        }
    }

    /** The {@code updatedSince} instant of an incremental sync, or the epoch when absent; 400 when unreadable. */
    public static java.time.OffsetDateTime updatedSince(String asked) {
        if (asked == null || asked.isBlank()) {
            return java.time.OffsetDateTime.parse("1970-01-01T00:00:00Z");
        }
        try {
            return java.time.OffsetDateTime.parse(asked.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblemException.badRequest("invalid-parameter",
                    "updatedSince must be an ISO 8601 instant with an offset, e.g. 2026-11-01T00:00:00Z");
        }
    }

    /** The page size asked for (a query parameter as sent), or the default; 400 when it is not 1 to MAX_LIMIT. */
    public static int limit(String asked) {
        if (asked == null || asked.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int requested;
        try {
            requested = Integer.parseInt(asked.strip());
        } catch (NumberFormatException notANumber) {
            requested = -1;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiProblemException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
