package org.anchornetwork.gateway;

import org.anchornetwork.edge.Problems;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Per-caller rate limits, after authentication: callers with a token share one bucket per client ({@code azp}),
 * anonymous callers one per remote address, each bucket independent of the others, so one noisy client never
 * slows or limits another. Over the limit: 429 problem with {@code Retry-After} in whole seconds.
 */
final class RateLimits implements Handler<RoutingContext> {

    static final String RETRY_AFTER = "Retry-After";

    private final CallerBuckets clients;
    private final CallerBuckets anonymous;

    RateLimits(CallerBuckets clients, CallerBuckets anonymous) {
        this.clients = clients;
        this.anonymous = anonymous;
    }

    static RateLimits from(GatewayConfig.RateLimit config) {
        return new RateLimits(
                new CallerBuckets(config.client().requestsPerSecond(), config.client().burst(), config.maxTrackedCallers()),
                new CallerBuckets(config.anonymous().requestsPerSecond(), config.anonymous().burst(),
                        config.maxTrackedCallers()));
    }

    @Override
    public void handle(RoutingContext context) {
        long now = System.nanoTime();
        String client = Callers.clientId(context);
        long waitNanos = client != null
                ? clients.take(client, now)
                : anonymous.take(Callers.remoteAddress(context), now);
        if (waitNanos == 0) {
            context.next();
            return;
        }
        tooManyRequests(context, waitNanos, "Too many requests from this caller");
    }

    /** 429 problem {@code rate-limited} with Retry-After in whole seconds; {@code reason} starts the detail. */
    static void tooManyRequests(RoutingContext context, long waitNanos, String reason) {
        long seconds = retryAfterSeconds(waitNanos);
        HttpServerRequest request = context.request();
        request.response().putHeader(RETRY_AFTER, Long.toString(seconds));
        if (!request.isEnded()) {
            // Drop the unread body so that the connection can carry the caller's next request.
            request.resume();
        }
        Problems.send(request, 429, "rate-limited",
                reason + "; retry after " + seconds + " second" + (seconds == 1 ? "" : "s"));
    }

    static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
