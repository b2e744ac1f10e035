package org.anchornetwork.spend.ingest;

import java.io.Serializable;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A publisher's saved column layout (a {@link org.anchornetwork.spend.ingest.csv.MappingDefinition} as JSON). */
@Entity
@Table(name = "column_mapping")
public class ColumnMapping extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "anchor_org_id", length = 80) String anchorOrgId,
            @Column(name = "name", length = 60) String name) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String definition;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
