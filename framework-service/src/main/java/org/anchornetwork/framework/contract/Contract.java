package org.anchornetwork.framework.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A contract awarded from a tender: the winning bid's commitments become its KPIs. */
@Entity
@Table(name = "contract")
public class Contract extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tender_id", nullable = false)
    public UUID tenderId;

    @Column(name = "bid_id", nullable = false)
    public UUID bidId;

    @Column(name = "anchor_org_id", nullable = false, length = 80)
    public String anchorOrgId;

    @Column(name = "supplier_org_id", nullable = false, length = 80)
    public String supplierOrgId;

    @Column(name = "supplier_name", nullable = false, length = 200)
    public String supplierName;

    @Column(name = "framework_id", nullable = false, length = 80)
    public String frameworkId;

    @Column(name = "framework_version", nullable = false)
    public int frameworkVersion;

    @Column(name = "contract_value", nullable = false, precision = 18, scale = 2)
    public BigDecimal contractValue;

    @Column(name = "starts_on", nullable = false)
    public LocalDate startsOn;

    @Column(name = "ends_on", nullable = false)
    public LocalDate endsOn;

    @Column(name = "awarded_at", nullable = false)
    public OffsetDateTime awardedAt;
}
