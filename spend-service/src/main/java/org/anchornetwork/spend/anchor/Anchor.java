package org.anchornetwork.spend.anchor;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An anchor institution whose spend the network analyses, as the network admin describes it. Anchors that are not
 * described still count: their type comes from their organisation id ({@link #typeOf}).
 */
@Entity
@Table(name = "anchor")
public class Anchor extends PanacheEntityBase {

    public enum Type {
        LOCAL_AUTHORITY, NHS, EDUCATION, POLICE, HOUSING, VCSE, BUSINESS, OTHER
    }

    @Id
    @Column(name = "org_id", length = 80)
    public String orgId;

    @Column(nullable = false, length = 300)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "anchor_type", nullable = false, length = 20)
    public Type anchorType;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The types org-id.guide schemes imply: local authorities, NHS bodies, schools and colleges, charities. */
    public static final Map<String, Type> TYPE_BY_SCHEME = Map.of("GB-LAE-", Type.LOCAL_AUTHORITY, "GB-LAS-",
            Type.LOCAL_AUTHORITY, "GB-LAW-", Type.LOCAL_AUTHORITY, "GB-LANI-", Type.LOCAL_AUTHORITY, "GB-NHS-", Type.NHS,
            "GB-EDU-", Type.EDUCATION, "GB-UKPRN-", Type.EDUCATION, "GB-CHC-", Type.VCSE, "GB-SC-", Type.VCSE, "GB-NIC-",
            Type.VCSE);

    /** The type an anchor's id implies when the network admin has not described it. */
    public static Type typeOf(String orgId) {
        return TYPE_BY_SCHEME.entrySet().stream().filter(e -> orgId.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(Type.OTHER);
    }
}
