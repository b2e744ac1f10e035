package org.anchornetwork.spend.supplier;

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

/**
 * A supplier the network pays, once however many anchors pay it. Its identities, names, anchors' references and
 * sites are rows of their own (supplier_identity, supplier_name, supplier_reference, supplier_site).
 */
@Entity
@Table(name = "supplier")
public class Supplier extends PanacheEntityBase {

    public enum SizeClass {
        MICRO, SMALL, MEDIUM, LARGE
    }

    @Id
    public UUID id;

    /** Its org-id.guide identifier, when known (also one of its identities). */
    @Column(name = "organisation_id", length = 80)
    public String organisationId;

    @Column(nullable = false, length = 300)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "size_class", length = 10)
    public SizeClass sizeClass;

    /** Voluntary, community or social enterprise; null when not known. */
    @Column
    public Boolean vcse;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sic_codes", columnDefinition = "varchar(5)[]")
    public String[] sicCodes;

    /** Set from pledge-service's pledge.signatory-joined.v1 events. */
    @Column(name = "charter_signatory", nullable = false)
    public boolean charterSignatory;

    @Column(name = "signatory_charter_id", length = 80)
    public String signatoryCharterId;

    @Column(name = "signatory_since")
    public LocalDate signatorySince;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
