package org.anchornetwork.spend.geography;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a named tier: the areas (GSS codes of districts, regions or combined authorities) it covers. */
@Entity
@Table(name = "locality_tier")
public class LocalityTier extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "name", length = 40) String name, @Column(name = "version") int version)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false, length = 200)
    public String label;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "area_codes", nullable = false, columnDefinition = "varchar(9)[]")
    public String[] areaCodes;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
