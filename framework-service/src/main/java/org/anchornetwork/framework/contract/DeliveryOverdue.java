package org.anchornetwork.framework.contract;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A quarter whose delivery report was not in by its due date, as the overdue check found it. */
@Entity
@Table(name = "delivery_overdue")
public class DeliveryOverdue extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "contract_id") UUID contractId, @Column(name = "period", length = 12) String period)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "due_on", nullable = false)
    public LocalDate dueOn;

    @Column(name = "flagged_at", nullable = false)
    public OffsetDateTime flaggedAt;
}
