package org.anchornetwork.spend.lm3;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A supplier's re-spend survey answers for a financial year: how much of its income it spends locally. */
@Entity
@Table(name = "lm3_supplier_survey")
public class Lm3SupplierSurvey extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "supplier_id") UUID supplierId, @Column(name = "financial_year") LocalDate financialYear)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    /** % of its income paid to staff who live in the local area. */
    @Column(name = "staff_local_share", nullable = false, precision = 5, scale = 2)
    public BigDecimal staffLocalShare;

    /** % of its income spent with suppliers in the local area. */
    @Column(name = "supplier_local_share", nullable = false, precision = 5, scale = 2)
    public BigDecimal supplierLocalShare;

    @Column(name = "responded_on")
    public LocalDate respondedOn;

    @Column(length = 1000)
    public String note;

    @Column(name = "recorded_by_org_id", nullable = false, length = 80)
    public String recordedByOrgId;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
}
