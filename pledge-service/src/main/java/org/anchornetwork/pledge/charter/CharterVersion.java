package org.anchornetwork.pledge.charter;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a charter. A version only adds pledges, so signing an earlier version stays valid. */
@Entity
@Table(name = "charter_version")
public class CharterVersion extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "charter_id", length = 80) String charterId, @Column(name = "version") int version)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "published_on", nullable = false)
    public LocalDate publishedOn;

    @Column(nullable = false, columnDefinition = "text")
    public String summary;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public static List<CharterVersion> ofCharter(String charterId) {
        return list("key.charterId = ?1 order by key.version", charterId);
    }
}
