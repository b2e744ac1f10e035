package org.anchornetwork.spend.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One payment an anchor made to a supplier, as the anchor recorded it. */
@Entity
@Table(name = "payment")
public class Payment extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The paying anchor; only that anchor can read the payment. */
    @Column(name = "anchor_org_id", nullable = false, length = 80)
    public String anchorOrgId;

    @Column(name = "payment_date", nullable = false)
    public LocalDate paymentDate;

    @Column(nullable = false, precision = 14, scale = 2)
    public BigDecimal amount;

    @Column(name = "supplier_name", nullable = false, length = 300)
    public String supplierName;

    @Column(name = "supplier_org_id", length = 80)
    public String supplierOrgId;

    @Column(name = "supplier_reference", length = 100)
    public String supplierReference;

    @Column(length = 500)
    public String description;

    @Column(name = "transaction_ref", nullable = false, length = 100)
    public String transactionRef;

    @Column(name = "batch_id", nullable = false)
    public UUID batchId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
