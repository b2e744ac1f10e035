package org.anchornetwork.common.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Adopts or mints the request id before anything else runs, logs with it, and echoes it on the response. */
public class RequestIdFilter {
    private static final String PROPERTY = RequestIdFilter.class.getName();

    @ServerRequestFilter(preMatching = true)
    public void adopt(ContainerRequestContext request) {
        String requestId = RequestIds.acceptOrCreate(request.getHeaderString(RequestIds.HEADER));
        request.setProperty(PROPERTY, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(PROPERTY);
        if (requestId != null) {
            response.getHeaders().putSingle(RequestIds.HEADER, requestId);
        }
        MDC.remove(RequestIds.MDC_KEY);
    }
}
