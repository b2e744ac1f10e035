package org.anchornetwork.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The consumer side of effectively-once delivery: one row per (consumer, event id). */
@ApplicationScoped
public class ProcessedMessages {

    private final EntityManager entityManager;

    public ProcessedMessages(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Claims the event for this consumer in the caller's transaction. True the first time; false when the event
     * was already handled, in which case the caller must not apply its effect again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String consumer, CloudEvent event) {
        return record(consumer, event, ProcessedMessage.HANDLED, null) == 1;
    }

    /** Parks an event that kept failing, so it is visible (and can be replayed) instead of blocking the topic. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(String consumer, CloudEvent event, String reason) {
        record(consumer, event, ProcessedMessage.FAILED, reason);
    }

    private int record(String consumer, CloudEvent event, String outcome, String detail) {
        return entityManager.createNativeQuery("""
                insert into processed_message (consumer, event_id, event_type, outcome, detail, processed_at)
                values (:consumer, :eventId, :eventType, :outcome, :detail, now())
                on conflict (consumer, event_id) do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("eventId", event.id())
                .setParameter("eventType", event.type())
                .setParameter("outcome", outcome)
                .setParameter("detail", detail)
                .executeUpdate();
    }
}
