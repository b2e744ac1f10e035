package org.anchornetwork.gateway;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Before authentication: a token bucket per remote address for the requests that would cost a token verification,
 * those whose bearer token {@link VerifiedTokenCache} does not already know as valid. Without it, a caller flooding
 * the gateway with invalid tokens is never rate-limited (the per-client buckets need a valid token to tell the client)
 * and buys a signature check per request. Known valid tokens pass without touching the bucket, so many clients behind
 * one address (a portal's egress, a NAT) are limited only by their own per-client buckets; requests without a token
 * cost no verification and are limited per address after authentication ({@link RateLimits}). Over the limit: 429
 * problem {@code rate-limited} with {@code Retry-After}, before the token is parsed.
 */
final class TokenVerificationLimit implements Handler<RoutingContext> {

    private final CallerBuckets addresses;
    private final VerifiedTokenCache verifiedTokens;

    TokenVerificationLimit(CallerBuckets addresses, VerifiedTokenCache verifiedTokens) {
        this.addresses = addresses;
        this.verifiedTokens = verifiedTokens;
    }

    static TokenVerificationLimit from(GatewayConfig.RateLimit config, VerifiedTokenCache verifiedTokens) {
        return new TokenVerificationLimit(new CallerBuckets(config.tokenVerification().requestsPerSecond(),
                config.tokenVerification().burst(), config.maxTrackedCallers()), verifiedTokens);
    }

    @Override
    public void handle(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (VerifiedTokenCache.bearerToken(authorization) == null
                || verifiedTokens.recognise(authorization, System.currentTimeMillis() / 1000) != null) {
            context.next();
            return;
        }
        long waitNanos = addresses.take(Callers.remoteAddress(context), System.nanoTime());
        if (waitNanos == 0) {
            context.next();
            return;
        }
        RateLimits.tooManyRequests(context, waitNanos,
                "Too many requests with new or refused access tokens from this address");
    }
}
