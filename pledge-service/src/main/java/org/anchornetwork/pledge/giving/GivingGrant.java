package org.anchornetwork.pledge.giving;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A grant a signatory gave, imported from 360Giving data, with where it was placed. */
@Entity
@Table(name = "giving_grant")
public class GivingGrant extends PanacheEntityBase {

    /** What placed the grant: a beneficiary location's area code, else the recipient's postcode, else nothing. */
    public enum LocationSource {
        BENEFICIARY_LOCATION, RECIPIENT_POSTCODE, UNKNOWN
    }

    @Embeddable
    public record Key(@Column(name = "signatory_id") UUID signatoryId, @Column(name = "grant_id", length = 200) String grantId)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(length = 500)
    public String title;

    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal amount;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(name = "award_date", nullable = false)
    public LocalDate awardDate;

    @Column(name = "financial_year", nullable = false, length = 7)
    public String financialYear;

    @Column(name = "recipient_org_id", length = 200)
    public String recipientOrgId;

    @Column(name = "recipient_name", length = 500)
    public String recipientName;

    @Column(name = "recipient_postcode", length = 12)
    public String recipientPostcode;

    @Enumerated(EnumType.STRING)
    @Column(name = "location_source", nullable = false, length = 30)
    public LocationSource locationSource;

    /** The district (or tier area) that placed it. */
    @Column(name = "area_code", length = 9)
    public String areaCode;

    /** The locality tiers in force at import that contain its location. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "varchar(40)[]")
    public String[] tiers;

    @Column(name = "imported_at", nullable = false)
    public OffsetDateTime importedAt;
}
