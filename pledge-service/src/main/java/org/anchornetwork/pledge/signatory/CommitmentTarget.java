package org.anchornetwork.pledge.signatory;

import java.math.BigDecimal;
import java.time.LocalDate;
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

/** A measurable target of a commitment: a metric (for a tier, where the metric is tiered) from a baseline to a target by a deadline. */
@Entity
@Table(name = "commitment_target")
public class CommitmentTarget extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "commitment_id", nullable = false)
    public UUID commitmentId;

    @Column(name = "metric_code", nullable = false, length = 60)
    public String metricCode;

    @Column(length = 40)
    public String tier;

    @Column(precision = 18, scale = 2)
    public BigDecimal baseline;

    @Column(name = "baseline_period", length = 12)
    public String baselinePeriod;

    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal target;

    @Column(nullable = false)
    public LocalDate deadline;

    @Column(nullable = false)
    public int position;

    public static List<CommitmentTarget> ofCommitment(UUID commitmentId) {
        return list("commitmentId = ?1 order by position", commitmentId);
    }

    public static Map<UUID, List<CommitmentTarget>> ofCommitments(Collection<UUID> commitmentIds) {
        if (commitmentIds.isEmpty()) {
            return Map.of();
        }
        return CommitmentTarget.<CommitmentTarget>list("commitmentId in ?1 order by position", commitmentIds).stream()
                .collect(Collectors.groupingBy(target -> target.commitmentId));
    }
}
