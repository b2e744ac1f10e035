package org.anchornetwork.spend.ingest;

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

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One delivery of payments (a JSON request, an uploaded file, an OCDS package) and what became of it. */
@Entity
@Table(name = "ingest_batch")
public class IngestBatch extends PanacheEntityBase {

    public enum Channel {
        JSON, CSV, OCDS
    }

    /** ALL_OR_NOTHING stores nothing if any row is invalid; ACCEPT_VALID stores the valid rows and reports the rest. */
    public enum Mode {
        ALL_OR_NOTHING, ACCEPT_VALID
    }

    public enum Status {
        /** Every row was stored, or had been stored before. */
        ACCEPTED,
        /** Valid rows were stored; the invalid ones are in the errors. */
        PARTIALLY_ACCEPTED,
        /** Nothing was stored: some row was invalid and the mode was all or nothing. */
        REJECTED
    }

    @Id
    public UUID id;

    @Column(name = "anchor_org_id", nullable = false, length = 80)
    public String anchorOrgId;

    @Column(name = "submitted_by_org_id", nullable = false, length = 80)
    public String submittedByOrgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Channel channel;

    @Column(name = "file_name", length = 255)
    public String fileName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Mode mode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(name = "rows_read", nullable = false)
    public long rowsRead;

    @Column(name = "rows_accepted", nullable = false)
    public long rowsAccepted;

    @Column(name = "rows_rejected", nullable = false)
    public long rowsRejected;

    @Column(name = "rows_duplicate", nullable = false)
    public long rowsDuplicate;

    @Column(name = "amount_accepted", nullable = false, precision = 18, scale = 2)
    public BigDecimal amountAccepted;

    @Column(name = "first_payment_date")
    public LocalDate firstPaymentDate;

    @Column(name = "last_payment_date")
    public LocalDate lastPaymentDate;

    @Column(length = 40)
    public String encoding;

    @Column(name = "header_row")
    public Long headerRow;

    /** The column mapping a file was read with, as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "mapping")
    public String mapping;

    /** How many errors are kept (at most the configured limit; rowsRejected counts them all). */
    @Column(name = "errors_recorded", nullable = false)
    public int errorsRecorded;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "completed_at", nullable = false)
    public OffsetDateTime completedAt;
}
