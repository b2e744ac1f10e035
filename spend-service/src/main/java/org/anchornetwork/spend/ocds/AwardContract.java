package org.anchornetwork.spend.ocds;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A contract signed on an award ({@code contracts[]} of an OCDS release, linked by {@code awardID}). */
@Entity
@Table(name = "award_contract")
public class AwardContract extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "award_id", nullable = false)
    public UUID awardId;

    @Column(name = "batch_id", nullable = false)
    public UUID batchId;

    @Column(name = "contract_id", nullable = false, length = 200)
    public String contractId;

    @Column(length = 1000)
    public String title;

    @Column(length = 20)
    public String status;

    @Column(name = "value_amount", precision = 16, scale = 2)
    public BigDecimal valueAmount;

    @Column(length = 3)
    public String currency;

    @Column(name = "period_start")
    public LocalDate periodStart;

    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Column(name = "date_signed")
    public LocalDate dateSigned;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
