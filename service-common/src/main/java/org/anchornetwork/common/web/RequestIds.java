package org.anchornetwork.common.web;

import org.jboss.logging.MDC;

/**
 * The request id travels in {@code X-Request-Id}, in every log line (MDC key {@code requestId}) and in problems. It is
 * adopted or minted on the router before the REST layer runs ({@link org.anchornetwork.edge.RequestIds}, the same
 * rules as at the gateway).
 */
public final class RequestIds {
    public static final String HEADER = org.anchornetwork.edge.RequestIds.HEADER;
    public static final String MDC_KEY = org.anchornetwork.edge.RequestIds.MDC_KEY;

    private RequestIds() {
    }

    /** Keeps a caller's id when it is safe to log and echo; otherwise mints a new one. */
    public static String acceptOrCreate(String incoming) {
        return org.anchornetwork.edge.RequestIds.acceptOrCreate(incoming);
    }

    public static String current() {
        Object value = MDC.get(MDC_KEY);
        return value == null ? null : value.toString();
    }
}
