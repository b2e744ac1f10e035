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

/**
 * An award of a contracting process, as an e-tendering portal published it in OCDS for an anchor. Written by
 * {@link org.anchornetwork.spend.ocds.service.ReleasePackageIngest} with SQL; read here.
 */
@Entity
@Table(name = "contract_award")
public class ContractAward extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "anchor_org_id", nullable = false, length = 80)
    public String anchorOrgId;

    @Column(name = "batch_id", nullable = false)
    public UUID batchId;

    @Column(nullable = false, length = 200)
    public String ocid;

    @Column(name = "release_id", nullable = false, length = 200)
    public String releaseId;

    @Column(name = "award_id", nullable = false, length = 200)
    public String awardId;

    @Column(length = 1000)
    public String title;

    @Column(length = 20)
    public String status;

    @Column(name = "award_date")
    public LocalDate awardDate;

    @Column(name = "value_amount", precision = 16, scale = 2)
    public BigDecimal valueAmount;

    @Column(length = 3)
    public String currency;

    @Column(name = "buyer_party_id", length = 200)
    public String buyerPartyId;

    @Column(name = "buyer_name", length = 500)
    public String buyerName;

    @Column(name = "contract_start")
    public LocalDate contractStart;

    @Column(name = "contract_end")
    public LocalDate contractEnd;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
