package org.anchornetwork.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Relays committed outbox events to Kafka, oldest first. Each round locks a batch of pending rows
 * ({@code FOR UPDATE SKIP LOCKED}, so several instances can relay side by side), sends them, waits for Kafka's
 * acknowledgements and only then marks them published, all in one transaction. A crash after sending but
 * before the commit leaves the rows pending: they are sent again and consumers drop the duplicates by
 * {@code ce_id}.
 */
@ApplicationScoped
public class OutboxRelay {

    private final EntityManager entityManager;
    private final KafkaEventPublisher publisher;
    private final MessagingConfig config;

    public OutboxRelay(EntityManager entityManager, KafkaEventPublisher publisher, MessagingConfig config) {
        this.entityManager = entityManager;
        this.publisher = publisher;
        this.config = config;
    }

    @Scheduled(every = "${anchor.messaging.relay.interval:0.2s}", concurrentExecution = ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    void relayOnSchedule() {
        try {
            int relayed;
            do {
                relayed = relayPending();
            } while (relayed == config.relay().batchSize());
        } catch (RuntimeException e) {
            Log.warnf("Outbox relay round failed, events stay pending and are retried: %s", e.getMessage());
        }
    }

    /** Relays one batch; returns how many events were published. */
    public int relayPending() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEvent> pending = lockPending(config.relay().batchSize());
            if (pending.isEmpty()) {
                return 0;
            }
            publisher.publish(pending);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            pending.forEach(event -> event.publishedAt = now);
            return pending.size();
        });
    }

    /** Locks up to {@code limit} unpublished events in relay order; call inside a transaction. */
    @SuppressWarnings("unchecked")
    public List<OutboxEvent> lockPending(int limit) {
        return entityManager.createNativeQuery("""
                select * from outbox_event
                where published_at is null
                order by position
                limit :limit
                for update skip locked""", OutboxEvent.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** Lets an instance (or a test) switch the scheduled relay off with anchor.messaging.relay.enabled=false. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {
        private final MessagingConfig config;

        public RelayDisabled(MessagingConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.relay().enabled();
        }
    }
}
