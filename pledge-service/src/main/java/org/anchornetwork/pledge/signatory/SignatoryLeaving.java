package org.anchornetwork.pledge.signatory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A membership of a charter that ended: when the organisation joined and left, why (private: the organisation itself and
 * the network admin only), and whether the network removed it. Kept when the organisation signs again.
 */
@Entity
@Table(name = "signatory_leaving")
public class SignatoryLeaving extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "signatory_id", nullable = false)
    public UUID signatoryId;

    @Column(name = "joined_on", nullable = false)
    public LocalDate joinedOn;

    @Column(name = "left_on", nullable = false)
    public LocalDate leftOn;

    @Column(length = 500)
    public String reason;

    /** Null for leavings recorded before the network said who ended them. */
    @Column(name = "removed_by_network")
    public Boolean removedByNetwork;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    /** Each signatory's leavings, oldest first. */
    public static Map<UUID, List<SignatoryLeaving>> ofSignatories(Collection<UUID> signatoryIds) {
        if (signatoryIds.isEmpty()) {
            return Map.of();
        }
        return SignatoryLeaving.<SignatoryLeaving>list("signatoryId in ?1 order by leftOn, id", signatoryIds).stream()
                .collect(Collectors.groupingBy(leaving -> leaving.signatoryId));
    }
}
