package org.anchornetwork.pledge.signatory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An organisation that signed a charter. */
@Entity
@Table(name = "signatory")
public class Signatory extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "charter_id", nullable = false, length = 80)
    public String charterId;

    @Column(name = "organisation_id", nullable = false, length = 80)
    public String organisationId;

    @Column(name = "organisation_name", nullable = false, length = 200)
    public String organisationName;

    @Enumerated(EnumType.STRING)
    @Column(name = "signatory_type", nullable = false, length = 30)
    public SignatoryType signatoryType;

    @Column(name = "joined_on", nullable = false)
    public LocalDate joinedOn;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Optional<Signatory> find(String charterId, String organisationId) {
        return find("charterId = ?1 and organisationId = ?2", charterId, organisationId).firstResultOptional();
    }
}
