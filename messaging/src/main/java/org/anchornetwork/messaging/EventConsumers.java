package org.anchornetwork.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs one Kafka poll loop per {@link EventHandler}. Offsets are committed only after the batch's effects are
 * committed, so a crash replays events rather than losing them, and {@link ProcessedMessages} drops the replays.
 */
@ApplicationScoped
public class EventConsumers {

    private final Instance<EventHandler> handlers;
    private final ProcessedMessages processedMessages;
    private final MessagingConfig config;
    private final List<Loop> loops = new ArrayList<>();

    public EventConsumers(Instance<EventHandler> handlers, ProcessedMessages processedMessages, MessagingConfig config) {
        this.handlers = handlers;
        this.processedMessages = processedMessages;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.consumers().enabled()) {
            Log.info("Event consumers are disabled (anchor.messaging.consumers.enabled=false)");
            return;
        }
        for (EventHandler handler : handlers) {
            Loop loop = new Loop(handler);
            loops.add(loop);
            Thread thread = new Thread(loop, "consumer-" + handler.consumerName());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Consumers that have not yet joined their group and received partitions (empty when all are reading). */
    public List<String> notYetAssigned() {
        return loops.stream().filter(loop -> !loop.assigned).map(loop -> loop.handler.consumerName()).toList();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        loops.forEach(Loop::stop);
    }

    /** Applies one event at most once; returns false when it was a duplicate. Public for tests of redelivery. */
    public boolean deliver(EventHandler handler, CloudEvent event) {
        if (event.id() == null || !handler.eventTypes().contains(event.type())) {
            return false;
        }
        int maxAttempts = Math.max(1, config.consumers().maxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (!processedMessages.claim(handler.consumerName(), event)) {
                        Log.debugf("Skipping duplicate event %s (%s)", event.id(), event.type());
                        return false;
                    }
                    handler.handle(event);
                    return true;
                });
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts) {
                    Log.errorf(e, "Giving up on event %s (%s) after %d attempts; parked as FAILED in processed_message",
                            event.id(), event.type(), attempt);
                    processedMessages.recordFailure(handler.consumerName(), event, String.valueOf(e.getMessage()));
                    return false;
                }
                Log.warnf("Event %s (%s) failed (attempt %d of %d): %s", event.id(), event.type(), attempt,
                        maxAttempts, e.getMessage());
                sleep(Duration.ofMillis(200L * attempt));
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Loop implements Runnable {
        private final EventHandler handler;
        private final KafkaConsumer<String, byte[]> consumer;
        private volatile boolean running = true;
        private volatile boolean assigned;

        Loop(EventHandler handler) {
            this.handler = handler;
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumers().groupPrefix().orElse("") + handler.consumerName());
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.consumers().autoOffsetReset());
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            this.consumer = new KafkaConsumer<>(properties);
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(handler.topics(), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        assigned = true;
                    }
                });
                Log.infof("Consumer %s reading %s", handler.consumerName(), handler.topics());
                while (running) {
                    try {
                        ConsumerRecords<String, byte[]> records = consumer.poll(config.consumers().pollTimeout());
                        for (ConsumerRecord<String, byte[]> record : records) {
                            deliver(handler, CloudEvent.from(record));
                        }
                        if (!records.isEmpty()) {
                            consumer.commitSync();
                        }
                    } catch (WakeupException stopping) {
                        break;
                    } catch (RuntimeException e) {
                        Log.warnf("Consumer %s could not poll Kafka, retrying: %s", handler.consumerName(), e.getMessage());
                        sleep(Duration.ofSeconds(1));
                    }
                }
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        void stop() {
            running = false;
            consumer.wakeup();
        }
    }
}
