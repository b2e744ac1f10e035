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

    /** The commitments of a page of signatories in one query, by signatory id. */
    public static java.util.Map<UUID, List<Commitment>> ofSignatories(java.util.Collection<UUID> signatoryIds) {
        if (signatoryIds.isEmpty()) {
            return java.util.Map.of();
        }
        return Commitment.<Commitment>list("signatoryId in ?1 order by pledgeCode", signatoryIds).stream()
                .collect(java.util.stream.Collectors.groupingBy(commitment -> commitment.signatoryId));
    }
}
