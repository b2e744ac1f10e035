package org.anchornetwork.common.web;

import java.util.Arrays;
import java.util.Locale;

import org.anchornetwork.common.problem.ApiProblemException;

/**
 * Query parameters that take one of a few values (an enum, true or false), read here rather than by JAX-RS, which
 * answers a value it cannot convert with a 404 (or, for a boolean, quietly with false): here it is a 400 naming the
 * parameter and what it takes.
 */
public final class ChoiceParameters {

    private ChoiceParameters() {
    }

    /** The constant named (any case), null when absent; a 400 otherwise. */
    public static <E extends Enum<E>> E oneOf(String name, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalidParameter(name, "one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** true or false (absent: {@code otherwise}); a 400 otherwise. */
    public static boolean flag(String name, String text, boolean otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblemException.invalidParameter(name, "true or false");
        };
    }
}
