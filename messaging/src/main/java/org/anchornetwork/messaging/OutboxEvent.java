package org.anchornetwork.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event waiting in (or relayed from) the outbox; {@code position} is the relay order. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long position;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false, length = 100)
    public String topic;

    @Column(name = "event_type", nullable = false, length = 100)
    public String eventType;

    @Column(nullable = false, length = 100)
    public String source;

    @Column(name = "aggregate_id", nullable = false, length = 200)
    public String aggregateId;

    @Column(length = 200)
    public String subject;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
}
