package org.anchornetwork.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which limit applies to which path, without a running gateway. */
class BodyLimitsTest {

    private final BodyLimits limits = new BodyLimits(1024, 4096,
            List.of("/api/v1/payments/uploads*", "/api/v1/spend-files*", "/api/v1/exact"));

    @Test
    void uploadPatternsEndingInAStarArePrefixes() {
        assertEquals(4096, limits.limitFor("/api/v1/payments/uploads"));
        assertEquals(4096, limits.limitFor("/api/v1/payments/uploads/2025-26"));
        assertEquals(4096, limits.limitFor("/api/v1/spend-files"));
        assertEquals(4096, limits.limitFor("/api/v1/exact"));
    }

    @Test
    void everyOtherPathHasTheOrdinaryLimit() {
        assertEquals(1024, limits.limitFor("/api/v1/payments"));
        assertEquals(1024, limits.limitFor("/api/v1/payments/batches"));
        assertEquals(1024, limits.limitFor("/api/v1/exact/more"));
        assertEquals(1024, limits.limitFor("/api/v1/payments//uploads"));
        assertEquals(1024, limits.limitFor(null));
    }
}
