package org.anchornetwork.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id before anything else runs (authentication included), so that the id appears in the
 * gateway's problems and logs, reaches the service in {@code X-Request-Id}, and comes back to the caller.
 * A caller's own id is kept when it is safe to log and echo; otherwise a UUID is minted.
 */
public final class RequestIds implements Handler<RoutingContext> {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public static String acceptOrCreate(String incoming) {
        return incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    @Override
    public void handle(RoutingContext context) {
        String incoming = context.request().getHeader(HEADER);
        String requestId = acceptOrCreate(incoming);
        if (!requestId.equals(incoming)) {
            // The proxy copies the incoming headers to the service's request, so this is how the service gets it.
            context.request().headers().set(HEADER, requestId);
        }
        // Set late, replacing any copy of the header the service returned, so the caller sees exactly one.
        context.addHeadersEndHandler(ignored -> context.response().headers().set(HEADER, requestId));
        MDC.put(MDC_KEY, requestId);
        context.next();
    }
}
