package org.anchornetwork.pledge.charter;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One pledge of a charter, e.g. "Keep your money local". */
@Entity
@Table(name = "charter_pledge")
public class CharterPledge extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "charter_id", nullable = false, length = 80)
    public String charterId;

    @Column(nullable = false, length = 80)
    public String code;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String description;

    @Column(nullable = false)
    public int position;

    @Column(name = "introduced_in_version", nullable = false)
    public int introducedInVersion;

    /** The pledges of the charter's latest version, in the charter's order. */
    public static List<CharterPledge> ofCharter(String charterId) {
        return list("charterId = ?1 order by position", charterId);
    }

    /** The pledges of one version: those introduced in it or before. */
    public static List<CharterPledge> ofVersion(String charterId, int version) {
        return list("charterId = ?1 and introducedInVersion <= ?2 order by position", charterId, version);
    }
}
