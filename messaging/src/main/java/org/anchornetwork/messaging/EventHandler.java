package org.anchornetwork.messaging;

import java.util.Set;

/**
 * A CDI bean implementing this receives the events it names, at most once each: the consumer runner claims the
 * event in {@code processed_message} and calls {@link #handle} in the same transaction, so a redelivered event
 * has no second effect.
 */
public interface EventHandler {

    /** Kafka consumer group and processed_message consumer name, e.g. {@code spend-service.charter-signatories}. */
    String consumerName();

    /** Topics to read. */
    Set<String> topics();

    /** CloudEvents types handled; any other type on the topics is skipped. */
    Set<String> eventTypes();

    /** Applies the event's effect; runs inside the transaction that records the event as processed. */
    void handle(CloudEvent event) throws Exception;
}
