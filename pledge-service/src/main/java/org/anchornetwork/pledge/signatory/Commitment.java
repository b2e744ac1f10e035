package org.anchornetwork.pledge.signatory;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A pledge a signatory has taken. */
@Entity
@Table(name = "commitment")
public class Commitment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "signatory_id", nullable = false)
    public UUID signatoryId;

    @Column(name = "pledge_code", nullable = false, length = 80)
    public String pledgeCode;

    @Column(name = "committed_on", nullable = false)
    public LocalDate committedOn;

    public static List<Commitment> ofSignatory(UUID signatoryId) {
        return list("signatoryId = ?1 order by pledgeCode", signatoryId);
    }
}
