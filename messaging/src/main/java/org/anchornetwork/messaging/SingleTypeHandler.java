package org.anchornetwork.messaging;

import java.util.Set;

import org.anchornetwork.events.EventType;

import com.fasterxml.jackson.databind.ObjectMapper;

/** An {@link EventHandler} of one event type, read from its producer's topic and handed over as its payload record. */
public abstract class SingleTypeHandler<P> implements EventHandler {

    private final String consumerName;
    private final EventType<P> type;
    private final ObjectMapper objectMapper;

    protected SingleTypeHandler(String consumerName, EventType<P> type, ObjectMapper objectMapper) {
        this.consumerName = consumerName;
        this.type = type;
        this.objectMapper = objectMapper;
    }

    /** For CDI's client proxies only. */
    protected SingleTypeHandler() {
        this(null, null, null);
    }

    @Override
    public String consumerName() {
        return consumerName;
    }

    @Override
    public Set<String> topics() {
        return Set.of(type.topic());
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(type.name());
    }

    @Override
    public final void handle(CloudEvent event) throws Exception {
        handle(event.payload(type, objectMapper), event);
    }

    /** Applies the event's effect; runs inside the transaction that records the event as processed. */
    protected abstract void handle(P payload, CloudEvent event) throws Exception;
}
