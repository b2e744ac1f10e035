package org.anchornetwork.gateway;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * One {@link TokenBucket} per caller key, all with the same rate and burst. Memory stays bounded: a bucket nobody
 * used for as long as it takes to refill completely is dropped (a fresh one would be identical), and beyond
 * {@code maxCallers} the least recently used go first (a caller dropped early only gets a full bucket back).
 */
final class CallerBuckets {

    private final double perSecond;
    private final int burst;
    private final Cache<String, TokenBucket> buckets;

    CallerBuckets(double perSecond, int burst, long maxCallers) {
        this.perSecond = perSecond;
        this.burst = burst;
        new TokenBucket(perSecond, burst, 0); // fails at start-up, not on the first request, when misconfigured
        Duration refill = Duration.ofNanos((long) Math.ceil(burst / perSecond * 1_000_000_000d));
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(refill.plusSeconds(1))
                .maximumSize(maxCallers)
                .build();
    }

    /** 0 when the caller may go now, otherwise the nanoseconds until it may. */
    long take(String caller, long nowNanos) {
        return buckets.get(caller, key -> new TokenBucket(perSecond, burst, nowNanos)).take(nowNanos);
    }

    long tracked() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
