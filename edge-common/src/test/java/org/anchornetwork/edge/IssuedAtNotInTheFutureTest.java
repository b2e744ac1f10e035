package org.anchornetwork.edge;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** The rule alone; the system tests' token attacks send such tokens to the gateway and every service. */
class IssuedAtNotInTheFutureTest {

    private static final long NOW = 1_800_000_000L;
    private final IssuedAtNotInTheFuture rule = new IssuedAtNotInTheFuture(30);

    @Test
    void anIatUpToTheClockSkewAheadIsAccepted() {
        assertNull(rule.check(NumericDate.fromSeconds(NOW), NOW));
        assertNull(rule.check(NumericDate.fromSeconds(NOW - 600), NOW));
        assertNull(rule.check(NumericDate.fromSeconds(NOW + 30), NOW));
    }

    @Test
    void anIatBeyondTheClockSkewIsRefused() {
        assertNotNull(rule.check(NumericDate.fromSeconds(NOW + 31), NOW));
        assertNotNull(rule.check(NumericDate.fromSeconds(NOW + 600), NOW));
    }

    @Test
    void aMissingIatIsLeftToTheRuleThatRequiresIt() {
        assertNull(rule.check(null, NOW));
    }
}
