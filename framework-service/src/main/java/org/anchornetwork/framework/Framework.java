package org.anchornetwork.framework;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A social value framework the network shares, e.g. Darlington's, or the national one it is based on. */
@Entity
@Table(name = "framework")
public class Framework extends PanacheEntityBase {

    public enum Family {
        NATIONAL, LOCAL
    }

    @Id
    @Column(length = 80)
    public String id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "owner_org_id", nullable = false, length = 80)
    public String ownerOrgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Family family;

    @Column(columnDefinition = "text")
    public String description;

    @Column(length = 500)
    public String licence;

    @Column(columnDefinition = "text")
    public String provenance;

    /** Organisation of the network admin who created it, from the token. */
    @Column(name = "created_by_org_id", nullable = false, length = 80)
    public String createdByOrgId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
