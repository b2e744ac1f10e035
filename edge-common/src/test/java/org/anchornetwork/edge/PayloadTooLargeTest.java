package org.anchornetwork.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PayloadTooLargeTest {

    @Test
    void limitsAreDescribedForCallers() {
        assertEquals("1 MB (1048576 bytes)", PayloadTooLarge.describe(1024 * 1024));
        assertEquals("900 KB (921600 bytes)", PayloadTooLarge.describe(900 * 1024));
        assertEquals("1000 bytes", PayloadTooLarge.describe(1000));
    }
}
