package org.anchornetwork.common.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.anchornetwork.common.problem.ApiProblemException;

/** Opaque page cursors and page-size rules shared by every collection endpoint. */
public final class Cursors {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursors() {
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for, or null for the first page; 400 for a cursor we did not issue. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw ApiProblemException.badRequest("invalid-cursor", "The cursor is not one this API issued");
        }
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiProblemException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
