package org.anchornetwork.pledge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of pledge-service ({@code anchor.pledge.*}). */
@ConfigMapping(prefix = "anchor.pledge")
public interface PledgeConfig {

    /** Months without progress after which a commitment is flagged lapsed. */
    @WithDefault("12")
    int lapseAfterMonths();

    /** How often the lapse check runs (a Quarkus scheduler period; LapseJob reads it). */
    @WithDefault("6h")
    String lapseCheckEvery();

    /** Most grants one 360Giving import may hold. */
    @WithDefault("20000")
    int maxGrantsPerImport();
}
