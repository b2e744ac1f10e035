package org.anchornetwork.events;

/** One Kafka topic per producing service (DESIGN.md §4). */
public final class Topics {
    public static final String FRAMEWORK = "framework.events";
    public static final String SPEND = "spend.events";
    public static final String PLEDGE = "pledge.events";

    private Topics() {
    }
}
