package org.anchornetwork.spend.supplier;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A supplier organisation known to the network, by its org-id.guide identifier. */
@Entity
@Table(name = "supplier")
public class Supplier extends PanacheEntityBase {

    @Id
    @Column(name = "organisation_id", length = 80)
    public String organisationId;

    @Column(nullable = false, length = 300)
    public String name;

    /** Set from pledge-service's pledge.signatory-joined.v1 events. */
    @Column(name = "charter_signatory", nullable = false)
    public boolean charterSignatory;

    @Column(name = "signatory_charter_id", length = 80)
    public String signatoryCharterId;

    @Column(name = "signatory_since")
    public LocalDate signatorySince;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
