package org.anchornetwork.common.problem;

import java.util.List;

/**
 * Thrown by domain code to answer with a specific problem. The slug becomes the problem's {@code type} URI,
 * so clients can branch on it.
 */
public class ApiProblemException extends RuntimeException {

    private final Problem problem;

    public ApiProblemException(int status, String slug, String title, String detail, List<ProblemError> errors) {
        super(detail);
        this.problem = new Problem(Problem.TYPE_BASE + slug, title, status, detail, null, null,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }

    public ApiProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiProblemException notFound(String what, String id) {
        return new ApiProblemException(404, "not-found", "Not found", what + " '" + id + "' does not exist", null);
    }

    public static ApiProblemException conflict(String slug, String detail) {
        return new ApiProblemException(409, slug, "Conflict", detail, null);
    }

    public static ApiProblemException invalid(String detail, List<ProblemError> errors) {
        return new ApiProblemException(422, "validation", "Request is not valid", detail, errors);
    }

    /**
     * Refuses a request with every error found (of every kind), when there is any: "3 problem(s) with the bid; nothing
     * was stored".
     */
    public static void throwIfAny(List<ProblemError> errors, String what) {
        if (!errors.isEmpty()) {
            throw invalid(errors.size() + " problem(s) with " + what + "; nothing was stored", errors);
        }
    }

    public static ApiProblemException badRequest(String slug, String detail) {
        return new ApiProblemException(400, slug, "Bad request", detail, null);
    }

    /** A 400 naming the query or path parameter that could not be read, and what it should be. */
    public static ApiProblemException invalidParameter(String parameter, String expected) {
        return invalidParameters(parameter + ": " + expected, List.of(ProblemError.at(parameter, "invalid-value", expected)));
    }

    /** A 400 listing every query or path parameter that could not be read. */
    public static ApiProblemException invalidParameters(String detail, List<ProblemError> errors) {
        return new ApiProblemException(400, "invalid-parameter", "Bad request", detail, errors);
    }

    public static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(403, "forbidden", "Forbidden", detail, null);
    }
}
