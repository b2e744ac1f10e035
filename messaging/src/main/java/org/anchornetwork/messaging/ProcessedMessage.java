package org.anchornetwork.messaging;

import java.io.Serializable;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event a consumer has handled (outcome HANDLED) or given up on (outcome FAILED, with the reason). */
@Entity
@Table(name = "processed_message")
public class ProcessedMessage extends PanacheEntityBase {

    public static final String HANDLED = "HANDLED";
    public static final String FAILED = "FAILED";

    @EmbeddedId
    public Key key;

    @Column(name = "event_type", length = 100)
    public String eventType;

    @Column(nullable = false, length = 20)
    public String outcome;

    @Column(columnDefinition = "text")
    public String detail;

    @Column(name = "processed_at", nullable = false)
    public OffsetDateTime processedAt;

    @Embeddable
    public record Key(
            @Column(name = "consumer", nullable = false, length = 100) String consumer,
            @Column(name = "event_id", nullable = false, length = 200) String eventId) implements Serializable {
    }
}
