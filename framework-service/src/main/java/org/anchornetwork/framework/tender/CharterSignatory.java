package org.anchornetwork.framework.tender;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An organisation's membership of a charter, as pledge-service announced it: what a bid shows of its bidder. */
@Entity
@Table(name = "charter_signatory")
public class CharterSignatory extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "organisation_id", length = 80) String organisationId,
            @Column(name = "charter_id", length = 80) String charterId) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "organisation_name", nullable = false, length = 200)
    public String organisationName;

    @Column(name = "joined_on", nullable = false)
    public LocalDate joinedOn;

    @Column(name = "left_on")
    public LocalDate leftOn;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "pledge_codes", nullable = false, columnDefinition = "varchar(80)[]")
    public String[] pledgeCodes;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The charters each organisation has signed (and not left), by organisation. */
    public static Map<String, List<CharterSignatory>> current(Collection<String> organisationIds) {
        if (organisationIds.isEmpty()) {
            return Map.of();
        }
        return CharterSignatory.<CharterSignatory>list("key.organisationId in ?1 and leftOn is null order by key.charterId",
                organisationIds).stream().collect(Collectors.groupingBy(s -> s.key.organisationId()));
    }
}
