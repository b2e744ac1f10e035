package org.anchornetwork.spend.analysis;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A threshold of one anchor: every figure is shown, for tests of the arithmetic on networks too small to show any. */
public class PrivacyAside implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("anchor.spend.analysis.supplier-threshold", "1");
    }
}
