package org.anchornetwork.pledge.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.anchornetwork.pledge.metric.PledgeMetric;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One figure of progress on a commitment: a metric's value (for a tier) over a financial year or quarter, from a
 * source. One row per (commitment, metric, tier, period, source): a later figure for the same period replaces it.
 */
@Entity
@Table(name = "progress_report")
public class ProgressReport extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "commitment_id", nullable = false)
    public UUID commitmentId;

    /** Null for a narrative report. */
    @Column(name = "metric_code", length = 60)
    public String metricCode;

    @Column(length = 40)
    public String tier;

    @Column(nullable = false, length = 12)
    public String period;

    /** Null for a narrative report. */
    @Column(precision = 18, scale = 2)
    public BigDecimal value;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public PledgeMetric.Source source;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "evidence_links", nullable = false, columnDefinition = "varchar(1000)[]")
    public String[] evidenceLinks;

    @Column(length = 2000)
    public String note;

    @Column(name = "reported_on", nullable = false)
    public LocalDate reportedOn;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;

    /** Private: who reported it (the token's subject), for the signatory and the network admin only. */
    @Column(name = "reported_by", nullable = false, length = 200)
    public String reportedBy;

    public static List<ProgressReport> ofCommitment(UUID commitmentId) {
        return list("commitmentId = ?1 order by period desc, reportedAt desc", commitmentId);
    }

    /** The latest report of each commitment, in one query. */
    public static Map<UUID, ProgressReport> latestOf(Collection<UUID> commitmentIds) {
        if (commitmentIds.isEmpty()) {
            return Map.of();
        }
        return ProgressReport.<ProgressReport>list("""
                from ProgressReport r where r.commitmentId in ?1 and r.reportedAt = (
                  select max(o.reportedAt) from ProgressReport o where o.commitmentId = r.commitmentId)""", commitmentIds)
                .stream().collect(Collectors.toMap(report -> report.commitmentId, Function.identity(), (a, b) -> a));
    }
}
