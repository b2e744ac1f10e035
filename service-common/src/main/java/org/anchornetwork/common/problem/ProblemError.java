package org.anchornetwork.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One validation failure: where (a JSON pointer into the request body, or a row and column of an uploaded
 * file), a machine-readable code and a message for people.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemError(String pointer, Long row, Integer column, String code, String message) {

    public static ProblemError at(String pointer, String code, String message) {
        return new ProblemError(pointer, null, null, code, message);
    }

    /** Whether an error is already at the pointer or inside it, so that a rule about the same field need not add another. */
    public static boolean anyAt(java.util.List<ProblemError> errors, String pointer) {
        return errors.stream().anyMatch(error -> error.pointer() != null
                && (error.pointer().equals(pointer) || error.pointer().startsWith(pointer + "/")));
    }

    public static ProblemError atCell(long row, int column, String code, String message) {
        return new ProblemError(null, row, column, code, message);
    }
}
