package org.anchornetwork.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

/** The request id travels in {@code X-Request-Id}, in every log line (MDC key {@code requestId}) and in problems. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** Keeps a caller's id when it is safe to log and echo; otherwise mints a new one. */
    public static String acceptOrCreate(String incoming) {
        return incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    public static String current() {
        Object value = MDC.get(MDC_KEY);
        return value == null ? null : value.toString();
    }
}
