package org.anchornetwork.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.anchornetwork.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes CloudEvents records on the real local Kafka broker, for tests. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** Sends a CloudEvent in binary mode, as the outbox relays do, and waits for the broker's acknowledgement. */
    public static void sendCloudEvent(String topic, String key, String id, String type, String source, String json) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> header : Map.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, id, CloudEventHeaders.TYPE, type, CloudEventHeaders.SOURCE, source,
                CloudEventHeaders.TIME, Instant.now().toString(), CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON).entrySet()) {
            headers.add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.kafkaBootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, key, json.getBytes(StandardCharsets.UTF_8), headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not send a test event to Kafka topic " + topic, e);
        }
    }

    /**
     * Reads the topic from the beginning with a fresh consumer group until {@code expected} records match or the
     * timeout passes, and returns the matches.
     */
    public static List<ConsumerRecord<String, byte[]>> await(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
            int expected, Duration timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> matches = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (matches.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (match.test(record)) {
                        matches.add(record);
                    }
                }
            }
        }
        return matches;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
