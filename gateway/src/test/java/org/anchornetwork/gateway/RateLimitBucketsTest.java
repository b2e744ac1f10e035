package org.anchornetwork.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token buckets behind the rate limits, without a running gateway. */
class RateLimitBucketsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketAllowsItsBurstThenOneRequestPerRefill() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        long wait = bucket.take(0);
        assertTrue(wait > 0 && wait <= SECOND / 2, "half a second until the next token: " + wait);
        assertTrue(bucket.take(SECOND / 4) > 0);
        assertEquals(0, bucket.take(SECOND / 2 + 1));
    }

    @Test
    void aBucketNeverHoldsMoreThanItsBurst() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        long anHourLater = 3600 * SECOND;
        assertEquals(0, bucket.take(anHourLater));
        assertEquals(0, bucket.take(anHourLater));
        assertTrue(bucket.take(anHourLater) > 0);
    }

    @Test
    void retryAfterIsInWholeSecondsAndAtLeastOne() {
        assertEquals(1, RateLimits.retryAfterSeconds(1));
        assertEquals(1, RateLimits.retryAfterSeconds(SECOND));
        assertEquals(2, RateLimits.retryAfterSeconds(SECOND + 1));
        assertEquals(5, RateLimits.retryAfterSeconds(5 * SECOND));
    }

    @Test
    void callersHaveSeparateBuckets() {
        CallerBuckets buckets = new CallerBuckets(1, 1, 1000);
        long now = System.nanoTime();
        assertEquals(0, buckets.take("client-a", now));
        assertTrue(buckets.take("client-a", now) > 0);
        assertEquals(0, buckets.take("client-b", now));
    }

    @Test
    void memoryStaysBoundedByTheNumberOfCallersKept() {
        CallerBuckets buckets = new CallerBuckets(1, 1, 100);
        long now = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            buckets.take("203.0.113." + i, now);
        }
        assertTrue(buckets.tracked() <= 100, "kept " + buckets.tracked());
    }

    @Test
    void idleBucketsAreDroppedOnceTheyWouldBeFullAgain() throws InterruptedException {
        CallerBuckets buckets = new CallerBuckets(10, 1, 1000);
        long now = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            buckets.take("client-" + i, now);
        }
        assertEquals(50, buckets.tracked());
        Thread.sleep(1_300); // refill time (0.1 s) plus the one-second margin
        assertEquals(0, buckets.tracked());
    }

    @Test
    void aLimitThatCouldNeverBeMetIsRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> new CallerBuckets(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new CallerBuckets(10, 0, 10));
    }
}
