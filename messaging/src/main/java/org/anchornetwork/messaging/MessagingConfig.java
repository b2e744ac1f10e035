package org.anchornetwork.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay and the event consumers ({@code anchor.messaging.*}). */
@ConfigMapping(prefix = "anchor.messaging")
public interface MessagingConfig {

    /** CloudEvents {@code source} of the events this service publishes, e.g. {@code /pledge-service}. */
    String source();

    /** Kafka bootstrap servers. */
    @WithDefault("localhost:9092")
    String bootstrapServers();

    Relay relay();

    Consumers consumers();

    interface Relay {
        /** Whether this instance relays its outbox to Kafka. */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for pending events (a Quarkus scheduler period such as {@code 0.2s}). */
        @WithDefault("0.2s")
        String interval();

        /** Most events sent per relay round. */
        @WithDefault("200")
        int batchSize();

        /** How long to wait for Kafka to acknowledge a round before giving up and retrying later. */
        @WithDefault("15s")
        Duration sendTimeout();
    }

    interface Consumers {
        /** Whether this instance consumes events. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Prefix of Kafka consumer group ids, so that test runs and a developer's network sharing one broker never
         * take each other's events (e.g. {@code test.}). Empty in production.
         */
        java.util.Optional<String> groupPrefix();

        /**
         * Where a new consumer group starts: {@code earliest} (default: a new service reads the history it missed)
         * or {@code latest} (a throw-away test network that must not see earlier runs' events).
         */
        @WithDefault("earliest")
        String autoOffsetReset();

        /** Attempts at an event whose handling fails before it is parked as FAILED in processed_message. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("500ms")
        Duration pollTimeout();
    }
}
