package org.anchornetwork.common.problem;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.anchornetwork.common.number.UnacceptableNumberException;
import org.anchornetwork.common.web.RequestIds;
import org.hibernate.validator.engine.HibernateConstraintViolation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure into RFC 9457 problem details: known client errors keep their status and say what
 * was wrong; anything unexpected is logged with the request id and answered with a bare 500, never a
 * stack trace.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response apiProblem(ApiProblemException exception, UriInfo uri) {
        return respond(exception.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalidBean(ConstraintViolationException exception, UriInfo uri) {
        List<ProblemError> errors = errorsOf(exception.getConstraintViolations(), "");
        return respond(ApiProblemException.invalid(errors.size() + " field(s) are not valid", errors).problem(), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException exception, UriInfo uri) {
        JsonLocation location = exception.getLocation();
        String where = location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return respond(malformed("The request body is not well-formed JSON" + where, null), uri);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException exception, UriInfo uri) {
        return unmappableJson(exception, uri);
    }

    /** Says what is wrong in the client's terms: never a Java class name. */
    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException exception, UriInfo uri) {
        String pointer = pointerOf(exception);
        String at = pointer.isEmpty() ? "/" : pointer;
        if (exception instanceof UnacceptableNumberException number) {
            // Valid JSON whose value the field cannot take: a rule broken (422), like a number out of a column's range.
            return respond(ApiProblemException.invalid("The request body is not valid at " + at + ": " + number.reason(),
                    List.of(ProblemError.at(at, number.code(), number.reason()))).problem(), uri);
        }
        String message;
        String code;
        if (exception instanceof PropertyBindingException unknown) {
            code = "unknown-field";
            message = "unknown field '" + unknown.getPropertyName() + "'"
                    + (unknown.getKnownPropertyIds() == null ? "" : "; known fields: " + unknown.getKnownPropertyIds());
        } else if (exception instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
            code = "control-character";
            message = "text must not contain control characters (such as NUL); tab and line breaks are fine";
        } else if (exception instanceof InvalidFormatException invalid) {
            code = "invalid-value";
            message = "'" + invalid.getValue() + "' is not " + describe(invalid.getTargetType());
        } else if (exception instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            code = "invalid-value";
            message = "expected " + describe(mismatched.getTargetType());
        } else {
            code = "json-shape";
            message = "does not match the expected shape";
        }
        return respond(malformed("The request body is not valid at " + at + ": " + message,
                List.of(ProblemError.at(at, code, message))), uri);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException exception, UriInfo uri) {
        return respond(malformed("The request body could not be read as JSON", null), uri);
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "a value of the right type";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == java.time.LocalDate.class) {
            return "a date as yyyy-MM-dd";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date and time in ISO 8601 with an offset, e.g. 2026-11-01T09:30:00Z";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException exception, UriInfo uri) {
        return unauthorizedResponse("The access token is missing, expired or not valid for this API", uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException exception, UriInfo uri) {
        return unauthorizedResponse("This operation needs a bearer access token from the network's identity provider",
                uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403,
                "The caller's roles do not allow this operation", null, null, null), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, UriInfo uri) {
        Throwable cause = exception.getCause();
        if (cause instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (cause instanceof JsonMappingException mapping) {
            return unmappableJson(mapping, uri);
        }
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(exception, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return respond(new Problem(Problem.TYPE_BASE + slug, title, status, describeStatus(status, title), null, null, null),
                uri);
    }

    /** What the framework's own refusals mean, in the client's terms: their messages may name Java types. */
    static String describeStatus(int status, String title) {
        return switch (status) {
            case 404 -> "Nothing is published at this path, or a path parameter is not of the expected kind";
            case 405 -> "This method is not allowed on this path";
            case 406 -> "None of the media types in Accept can be produced here";
            case 415 -> "The request's Content-Type is not accepted here";
            default -> title;
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable exception, UriInfo uri) {
        Log.errorf(exception, "Unexpected failure handling %s (request %s)", uri.getPath(), RequestIds.current());
        return respond(new Problem(Problem.TYPE_BASE + "internal", "Internal error", 500,
                "The service could not complete the request; quote the request id when reporting it", null, null,
                null), uri);
    }

    private Response unauthorizedResponse(String detail, UriInfo uri) {
        return Response.fromResponse(respond(new Problem(Problem.TYPE_BASE + "unauthorized", "Unauthorized", 401,
                detail, null, null, null), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"anchor-network\"")
                .build();
    }

    private static Problem malformed(String detail, List<ProblemError> errors) {
        return new ApiProblemException(400, "malformed-request", "Malformed request", detail, errors).problem();
    }

    static Response respond(Problem problem, UriInfo uri) {
        Problem withContext = problem.withContext(uri == null ? null : uri.getPath(), RequestIds.current());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(withContext).build();
    }

    private static String pointerOf(JsonMappingException exception) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            pointer.append('/');
            pointer.append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return pointer.toString();
    }

    /**
     * Bean validation failures as problem errors, in a stable order; {@code pointerPrefix} places them inside a larger
     * document (e.g. {@code /payments/3} when one element of a list was validated on its own).
     */
    public static List<ProblemError> errorsOf(java.util.Set<? extends ConstraintViolation<?>> violations, String pointerPrefix) {
        return violations.stream()
                .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .map(violation -> {
                    String pointer = pointerOf(violation);
                    return ProblemError.at(pointerPrefix.isEmpty() ? pointer : pointerPrefix + (pointer.equals("/") ? "" : pointer),
                            codeOf(violation), violation.getMessage());
                })
                .toList();
    }

    /** Violation paths such as {@code record.request.payments[0].amount} become {@code /payments/0/amount}. */
    static String pointerOf(ConstraintViolation<?> violation) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    pointer.append('/').append(position);
                }
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                pointer.append('/').append(node.getName());
            }
        }
        return pointer.length() == 0 ? "/" : pointer.toString();
    }

    /** The constraint's name (NotBlank, Size...), or the code a validator gave (e.g. StoredNumber's too-many-decimals). */
    private static String codeOf(ConstraintViolation<?> violation) {
        HibernateConstraintViolation<?> hibernate = violation.unwrap(HibernateConstraintViolation.class);
        String given = hibernate.getDynamicPayload(String.class);
        return given != null ? given : violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    }
}
