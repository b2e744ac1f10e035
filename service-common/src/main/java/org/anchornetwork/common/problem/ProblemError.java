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

    public static ProblemError atCell(long row, int column, String code, String message) {
        return new ProblemError(null, row, column, code, message);
    }
}
