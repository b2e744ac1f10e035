package org.anchornetwork.spend.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One payment an anchor made to a supplier, as the anchor recorded it. */
@Entity
@Table(name = "payment")
public class Payment extends PanacheEntityBase {

    public enum AmountBasis {
        NET, GROSS, UNKNOWN
    }

    public enum CapitalOrRevenue {
        CAPITAL, REVENUE
    }

    /** DAY when the publisher gave the date; MONTH when it gave only the month (dated to its last day). */
    public enum DatePrecision {
        DAY, MONTH
    }

    @Id
    public UUID id;

    /** The paying anchor; only that anchor can read the payment. */
    @Column(name = "anchor_org_id", nullable = false, length = 80)
    public String anchorOrgId;

    @Column(name = "payment_date", nullable = false)
    public LocalDate paymentDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "date_precision", nullable = false, length = 5)
    public DatePrecision datePrecision = DatePrecision.DAY;

    @Column(nullable = false, precision = 14, scale = 2)
    public BigDecimal amount;

    /** Null when {@link #redacted}: a payment to an individual whose name the anchor withholds. */
    @Column(name = "supplier_name", length = 300)
    public String supplierName;

    @Column(name = "supplier_org_id", length = 80)
    public String supplierOrgId;

    @Column(name = "supplier_reference", length = 100)
    public String supplierReference;

    @Column(length = 500)
    public String description;

    @Column(name = "transaction_ref", nullable = false, length = 100)
    public String transactionRef;

    /** Whether {@link #amount} is net or gross of VAT, as the anchor declared it. */
    @Enumerated(EnumType.STRING)
    @Column(name = "amount_basis", nullable = false, length = 10)
    public AmountBasis amountBasis = AmountBasis.UNKNOWN;

    @Column(name = "vat_amount", precision = 14, scale = 2)
    public BigDecimal vatAmount;

    @Column(length = 200)
    public String department;

    @Column(name = "expense_type", length = 200)
    public String expenseType;

    @Column(name = "procurement_classification", length = 200)
    public String procurementClassification;

    @Enumerated(EnumType.STRING)
    @Column(name = "capital_or_revenue", length = 10)
    public CapitalOrRevenue capitalOrRevenue;

    /** The line within the transaction; empty when the anchor publishes one line per transaction. */
    @Column(name = "transaction_line", nullable = false, length = 20)
    public String transactionLine = "";

    @Column(nullable = false)
    public boolean redacted;

    /** What makes it the same payment when sent again; unique per anchor (see RowKeys). */
    @Column(name = "row_key", nullable = false, length = 220)
    public String rowKey;

    /** The supplier of the registry it was matched to; null while unmatched (and always for redacted payees). */
    @Column(name = "supplier_id")
    public UUID supplierId;

    @Column(name = "supplier_name_normalised", length = 300)
    public String supplierNameNormalised;

    /** How it was matched: REFERENCE (the anchor's), IDENTIFIER or NAME. */
    @Column(name = "match_method", length = 12)
    public String matchMethod;

    @Column(name = "batch_id", nullable = false)
    public UUID batchId;

    /** Position of the payment in its batch (1 = first), to trace it back to the file or request it came in. */
    @Column(name = "source_row")
    public Long sourceRow;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
