package org.anchornetwork.pledge.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A batch of an anchor's payments as spend-service announced it (spend.batch-ingested.v1), kept to work out the
 * anchor's local spend share. Its local amounts per tier are {@code anchor_spend_batch_tier} rows.
 */
@Entity
@Table(name = "anchor_spend_batch")
public class AnchorSpendBatch extends PanacheEntityBase {

    @Id
    @Column(name = "batch_id")
    public UUID batchId;

    @Column(name = "anchor_organisation_id", nullable = false, length = 80)
    public String anchorOrganisationId;

    /** The financial year of the batch's last payment date, which the whole batch counts in. */
    @Column(name = "financial_year", nullable = false, length = 7)
    public String financialYear;

    @Column(name = "period_from", nullable = false)
    public LocalDate periodFrom;

    @Column(name = "period_to", nullable = false)
    public LocalDate periodTo;

    @Column(name = "payment_count", nullable = false)
    public int paymentCount;

    @Column(name = "total_amount", nullable = false, precision = 18, scale = 2)
    public BigDecimal totalAmount;

    @Column(name = "unknown_location_amount", nullable = false, precision = 18, scale = 2)
    public BigDecimal unknownLocationAmount;

    @Column(name = "event_id", nullable = false, length = 200)
    public String eventId;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
}
