package org.anchornetwork.common.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.text.ControlCharacters;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Paths and query strings hold identifiers, codes, dates and cursors, never a control character: {@code %00} (or any
 * C0 or C1 control, tab and line breaks included) in a decoded path segment or query parameter is a 400
 * {@code invalid-parameter} problem before any resource runs, on every route of every service, public ones included.
 * Without it a NUL reached PostgreSQL, which cannot store it, and the caller got a 500. Runs before matching (so
 * before role checks and lookups) and after the request id is adopted.
 */
public class ParameterTextFilter {

    static final String MESSAGE = "must not contain control characters (such as NUL, %00)";

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 100)
    public void refuseControlCharacters(ContainerRequestContext request) {
        List<PathSegment> segments;
        MultivaluedMap<String, String> query;
        try {
            segments = request.getUriInfo().getPathSegments(true);
            query = request.getUriInfo().getQueryParameters(true);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalidParameters("The path or query string is not valid percent-encoded UTF-8",
                    List.of(ProblemError.at("path", "invalid-encoding", "percent-encoded UTF-8")));
        }
        List<ProblemError> errors = new ArrayList<>();
        for (PathSegment segment : segments) {
            if (ControlCharacters.firstControl(segment.getPath()) >= 0) {
                errors.add(ProblemError.at("path", "control-character", "a path segment " + MESSAGE));
                break;
            }
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            boolean control = ControlCharacters.firstControl(parameter.getKey()) >= 0
                    || parameter.getValue().stream().anyMatch(value -> ControlCharacters.firstControl(value) >= 0);
            if (control) {
                String name = ControlCharacters.firstControl(parameter.getKey()) >= 0 ? "query" : parameter.getKey();
                errors.add(ProblemError.at(name, "control-character", MESSAGE));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParameters("The path or query string holds control characters", errors);
        }
    }
}
