package org.anchornetwork.pledge.signatory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A pledge a signatory has taken, with its planned actions; its targets are {@link CommitmentTarget}s. */
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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public CommitmentStatus status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "planned_actions", nullable = false, columnDefinition = "varchar(500)[]")
    public String[] plannedActions;

    @Column(name = "verified_on")
    public LocalDate verifiedOn;

    @Column(name = "verification_note", length = 1000)
    public String verificationNote;

    /** When progress was last recorded; the lapse rule counts from here (or from committedOn). */
    @Column(name = "last_progress_on")
    public LocalDate lastProgressOn;

    /** Set by the lapse job when no progress came for the lapse period; cleared by the next progress. */
    @Column(name = "lapsed_since")
    public LocalDate lapsedSince;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static List<Commitment> ofSignatory(UUID signatoryId) {
        return list("signatoryId = ?1 order by pledgeCode", signatoryId);
    }

    public static Optional<Commitment> of(UUID signatoryId, String pledgeCode) {
        return find("signatoryId = ?1 and pledgeCode = ?2", signatoryId, pledgeCode).firstResultOptional();
    }

    /** The commitments of a page of signatories in one query, by signatory id. */
    public static Map<UUID, List<Commitment>> ofSignatories(Collection<UUID> signatoryIds) {
        if (signatoryIds.isEmpty()) {
            return Map.of();
        }
        return Commitment.<Commitment>list("signatoryId in ?1 order by pledgeCode", signatoryIds).stream()
                .collect(Collectors.groupingBy(commitment -> commitment.signatoryId));
    }
}
