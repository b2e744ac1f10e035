package org.anchornetwork.edge;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id before anything else runs (authentication included), so that the id appears in problems
 * and logs, reaches the service behind the gateway in {@code X-Request-Id}, and comes back to the caller. A caller's
 * own id is kept when it is safe to log and echo; otherwise a UUID is minted.
 */
public final class RequestIds implements Handler<RoutingContext> {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String CONTEXT_KEY = RequestIds.class.getName();

    public static String acceptOrCreate(String incoming) {
        return incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : randomUuid();
    }

    /**
     * A version 4 UUID from a thread-local generator: ids only correlate log lines (callers may choose their own),
     * so they need not be unguessable, and {@link UUID#randomUUID()} takes a lock on the system's secure generator
     * for every request.
     */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
        return new UUID(high, low).toString();
    }

    @Override
    public void handle(RoutingContext context) {
        ensure(context);
        context.next();
    }

    /**
     * The request's id, adopted or minted on first call: also from a failure handler, for a request Vert.x refused
     * before any route ran (an HTTP/1.1 request without Host).
     */
    public static String ensure(RoutingContext context) {
        String known = context.get(CONTEXT_KEY);
        if (known != null) {
            return known;
        }
        String incoming = context.request().getHeader(HEADER);
        String requestId = acceptOrCreate(incoming);
        context.put(CONTEXT_KEY, requestId);
        if (!requestId.equals(incoming)) {
            // The proxy copies the incoming headers to the service's request, and a service's REST layer adopts the
            // header, so this is how the id travels on.
            context.request().headers().set(HEADER, requestId);
        }
        // Set late, replacing any copy of the header a service returned, so the caller sees exactly one.
        context.addHeadersEndHandler(ignored -> context.response().headers().set(HEADER, requestId));
        MDC.put(MDC_KEY, requestId);
        return requestId;
    }
}
