package org.anchornetwork.gateway;

/**
 * One caller's allowance: holds up to {@code burst} tokens, refilled at {@code perSecond}; a request takes one.
 * Refilling is computed from the time elapsed when a request comes, so an idle bucket costs nothing.
 */
final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(double perSecond, int burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("A rate limit needs requests-per-second > 0 and burst >= 1");
        }
        this.capacity = burst;
        this.tokensPerNano = perSecond / 1_000_000_000d;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /** Takes a token: 0 when the request may go now, otherwise the nanoseconds until one is available. */
    synchronized long take(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - refilledAt);
        tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }
}
