package org.anchornetwork.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.anchornetwork.events.CloudEventHeaders;
import org.anchornetwork.events.EventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A CloudEvent read from a Kafka record in binary mode: attributes from {@code ce_*} headers, data from the value. */
public record CloudEvent(String id, String type, String source, String subject, String time, String key,
        byte[] data) {

    public static CloudEvent from(ConsumerRecord<String, byte[]> record) {
        return new CloudEvent(header(record, CloudEventHeaders.ID), header(record, CloudEventHeaders.TYPE),
                header(record, CloudEventHeaders.SOURCE), header(record, CloudEventHeaders.SUBJECT),
                header(record, CloudEventHeaders.TIME), record.key(), record.value());
    }

    /**
     * The payload as the type's record. Fields the record does not know are ignored (a tolerant reader): contracts grow
     * by additive changes, so a consumer built before a field was added must still read the events that carry it.
     */
    public <P> P payload(EventType<P> type, ObjectMapper mapper) throws IOException {
        if (!type.name().equals(this.type)) {
            throw new IllegalArgumentException("Event " + id + " is a " + this.type + ", not a " + type.name());
        }
        return mapper.readerFor(type.payloadType()).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(data);
    }

    /**
     * Refuses an event whose payload names another aggregate than its record key (a forged or misrouted event): the
     * consumer's attempt fails and, after its retries, the event is parked as FAILED rather than applied.
     */
    public void requireKey(Object aggregateId) {
        if (aggregateId == null || !aggregateId.toString().equals(key)) {
            throw new IllegalArgumentException("Event " + id + " (" + type + ") names " + aggregateId + " but is keyed by " + key);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
