package org.anchornetwork.pledge.signatory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    @Column(name = "charter_version", nullable = false)
    public int charterVersion;

    @Column(name = "joined_on", nullable = false)
    public LocalDate joinedOn;

    /**
     * Set when the organisation left the charter (or the network removed it); it stays on record, and each leaving, with
     * its reason, is kept in {@link SignatoryLeaving}, also after the organisation signs again.
     */
    @Column(name = "left_on")
    public LocalDate leftOn;

    /** Private: for the network's charter team; never on the register or in events. */
    @Column(name = "contact_email", length = 200)
    public String contactEmail;

    /**
     * Other identifiers the organisation is known by (a 360Giving funder id, a charity number), registered by itself:
     * grants funded under them are its own.
     */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "other_identifiers", nullable = false, columnDefinition = "varchar(80)[]")
    public String[] otherIdentifiers = new String[0];

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** A member on the date: joined on or before it and not left by then. */
    public boolean memberOn(LocalDate date) {
        return !joinedOn.isAfter(date) && (leftOn == null || leftOn.isAfter(date));
    }

    /** The identifiers the organisation funds grants under: its own and those it registered. */
    public Set<String> fundingIdentifiers() {
        Set<String> identifiers = new LinkedHashSet<>();
        identifiers.add(organisationId);
        identifiers.addAll(List.of(otherIdentifiers));
        return identifiers;
    }

    public static Optional<Signatory> find(String charterId, String organisationId) {
        return find("charterId = ?1 and organisationId = ?2", charterId, organisationId).firstResultOptional();
    }
}
