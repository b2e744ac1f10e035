package org.anchornetwork.spend.ocds.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the OCDS schema comes from. */
@ConfigMapping(prefix = "anchor.spend.ocds")
public interface OcdsConfig {

    /** The publisher's address of OCDS 1.1.5, which the schema's own ids and references use. */
    String PUBLISHED_BASE = "https://standard.open-contracting.org/schema/1__1__5/";

    /**
     * The folder holding {@code release-package-schema.json} and {@code release-schema.json}: a URL, or a directory
     * of this machine (a copy of the schema, so that nothing is fetched from the internet), as OCDS tools allow.
     */
    @WithDefault(PUBLISHED_BASE)
    String schemaBase();
}
