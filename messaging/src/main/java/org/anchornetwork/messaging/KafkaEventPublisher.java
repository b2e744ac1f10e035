package org.anchornetwork.messaging;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.events.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends outbox events to Kafka as CloudEvents in binary mode, with an idempotent producer and
 * {@code acks=all}, and waits until Kafka has acknowledged every one of them.
 */
@ApplicationScoped
public class KafkaEventPublisher {

    private final MessagingConfig config;
    private volatile KafkaProducer<String, byte[]> producer;

    public KafkaEventPublisher(MessagingConfig config) {
        this.config = config;
    }

    /** Returns only when all events are acknowledged; throws if any is not, so the caller keeps them pending. */
    public void publish(List<OutboxEvent> events) throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(events.size());
        for (OutboxEvent event : events) {
            acknowledgements.add(producer().send(toRecord(event)));
        }
        long deadline = System.nanoTime() + config.relay().sendTimeout().toNanos();
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    static ProducerRecord<String, byte[]> toRecord(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, event.eventId.toString());
        header(headers, CloudEventHeaders.TYPE, event.eventType);
        header(headers, CloudEventHeaders.SOURCE, event.source);
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.occurredAt));
        if (event.subject != null) {
            header(headers, CloudEventHeaders.SUBJECT, event.subject);
        }
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return new ProducerRecord<>(event.topic, null, event.aggregateId,
                event.payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = createProducer();
                }
                current = producer;
            }
        }
        return current;
    }

    private KafkaProducer<String, byte[]> createProducer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, config.source().replace("/", "") + "-outbox-relay");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        int timeoutMs = (int) config.relay().sendTimeout().toMillis();
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 5);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
