package org.anchornetwork.spend.ocds;

import java.util.Map;

import org.anchornetwork.testsupport.SharedData;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Points the service at the copy of the OCDS 1.1.5 schema in ../shared/data, so tests fetch nothing. The folder's
 * absence is not decided here (a profile cannot skip a test): each test calls {@link #required()} first.
 */
public class LocalOcdsSchema implements QuarkusTestProfile {

    static final String FOLDER = "ocds/schema-1.1.5";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("anchor.spend.ocds.schema-base", SharedData.root().resolve(FOLDER).toString());
    }

    /** Skips the calling test, saying why, when the schema folder is not beside the checkout. */
    static void required() {
        SharedData.file(FOLDER);
    }
}
