package org.anchornetwork.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.events.EventType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes an event into the outbox inside the caller's transaction, so the event exists if and only if the
 * change it describes was committed. The relay sends it to Kafka afterwards.
 */
@ApplicationScoped
public class OutboxWriter {

    private final ObjectMapper objectMapper;
    private final MessagingConfig config;

    public OutboxWriter(ObjectMapper objectMapper, MessagingConfig config) {
        this.objectMapper = objectMapper;
        this.config = config;
    }

    /**
     * @param aggregateId Kafka record key: events of one aggregate stay in order
     * @return the event id ({@code ce_id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <P> UUID append(EventType<P> type, String aggregateId, P payload) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.topic = type.topic();
        event.eventType = type.name();
        event.source = config.source();
        event.aggregateId = aggregateId;
        event.subject = aggregateId;
        event.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            event.payload = objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload of " + type.name() + " cannot be written as JSON", e);
        }
        event.persist();
        return event.eventId;
    }
}
