package org.anchornetwork.framework.version;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a framework: its lifecycle here, its catalogue in {@link #document}. Only drafts change. */
@Entity
@Table(name = "framework_version")
public class FrameworkVersion extends PanacheEntityBase {

    public enum Status {
        DRAFT, PUBLISHED, RETIRED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "framework_id", nullable = false, length = 80)
    public String frameworkId;

    @Column(nullable = false)
    public int number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public VersionDocument document;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;

    public static Optional<FrameworkVersion> find(String frameworkId, int number) {
        return find("frameworkId = ?1 and number = ?2", frameworkId, number).firstResultOptional();
    }

    public static List<FrameworkVersion> of(String frameworkId) {
        return list("frameworkId = ?1 order by number", frameworkId);
    }

    public static int nextNumber(String frameworkId) {
        Integer highest = getEntityManager()
                .createQuery("select max(v.number) from FrameworkVersion v where v.frameworkId = ?1", Integer.class)
                .setParameter(1, frameworkId).getSingleResult();
        return highest == null ? 1 : highest + 1;
    }

    public boolean isPublic() {
        return status != Status.DRAFT;
    }
}
