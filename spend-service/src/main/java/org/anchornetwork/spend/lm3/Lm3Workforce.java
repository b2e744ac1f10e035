package org.anchornetwork.spend.lm3;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An anchor's own workforce in a financial year, for LM3: its payroll and where its staff live and spend. */
@Entity
@Table(name = "lm3_workforce")
public class Lm3Workforce extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "anchor_org_id", length = 80) String anchorOrgId,
            @Column(name = "financial_year") LocalDate financialYear) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal payroll;

    /** % of the payroll paid to staff who live in the local area. */
    @Column(name = "local_resident_share", nullable = false, precision = 5, scale = 2)
    public BigDecimal localResidentShare;

    /** % of their pay that local staff spend locally, from the anchor's staff survey; null when not surveyed. */
    @Column(name = "staff_local_respend_share", precision = 5, scale = 2)
    public BigDecimal staffLocalRespendShare;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
}
