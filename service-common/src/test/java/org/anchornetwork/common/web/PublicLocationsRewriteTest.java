package org.anchornetwork.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** How a Location is made public, without a running service (system-tests' PublicLocationsTest covers every 201). */
class PublicLocationsRewriteTest {

    private final PublicLocations locations = new PublicLocations("https://api.anchor.example/");

    @Test
    void aLocationOnTheRequestsOwnOriginGetsThePublicOrigin() {
        URI request = URI.create("http://localhost:8082/api/v1/payments/uploads?fileName=x.csv");
        assertEquals(URI.create("https://api.anchor.example/api/v1/payments/batches/42"),
                locations.rewrite(URI.create("http://localhost:8082/api/v1/payments/batches/42"), request));
        assertEquals(URI.create("https://api.anchor.example/api/v1/frameworks/f/versions?from=1"),
                locations.rewrite(URI.create("http://LOCALHOST:8082/api/v1/frameworks/f/versions?from=1"), request));
    }

    @Test
    void whateverHostTheCallerSentIsReplacedToo() {
        URI request = URI.create("http://evil.example:666/api/v1/charters");
        assertEquals(URI.create("https://api.anchor.example/api/v1/charters/c"),
                locations.rewrite(URI.create("http://evil.example:666/api/v1/charters/c"), request));
    }

    @Test
    void aRelativeLocationIsMadeAbsoluteOnThePublicOrigin() {
        assertEquals(URI.create("https://api.anchor.example/api/v1/charters/c"),
                locations.rewrite(URI.create("/api/v1/charters/c"), URI.create("http://localhost:8083/api/v1/charters")));
    }

    @Test
    void aLocationOnAnotherOriginIsLeftAlone() {
        assertNull(locations.rewrite(URI.create("https://standard.open-contracting.org/schema/1__1__5/"),
                URI.create("http://localhost:8082/api/v1/ocds/release-packages")));
    }
}
