package org.anchornetwork.framework.tender;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.anchornetwork.framework.tender.scoring.Scoring;
import org.anchornetwork.framework.tender.scoring.ScoringMethod;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An anchor's tender: the social value part of it, scored with a published framework version. */
@Entity
@Table(name = "tender")
public class Tender extends PanacheEntityBase {

    public enum Status {
        OPEN, CLOSED, EVALUATED, AWARDED, CANCELLED
    }

    @Id
    public UUID id;

    @Column(name = "anchor_org_id", nullable = false, length = 80)
    public String anchorOrgId;

    /** The anchor's name as the tender gives it: the buyer's name in OCDS. */
    @Column(name = "anchor_name", nullable = false, length = 300)
    public String anchorName;

    @Column(nullable = false, length = 100)
    public String reference;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(name = "framework_id", nullable = false, length = 80)
    public String frameworkId;

    @Column(name = "framework_version", nullable = false)
    public int frameworkVersion;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "measure_codes", nullable = false, columnDefinition = "varchar(40)[]")
    public String[] measureCodes;

    /** Share of the total evaluation score given to social value, e.g. 20 for 20%. */
    @Column(name = "social_value_weighting", nullable = false, precision = 5, scale = 2)
    public BigDecimal socialValueWeighting;

    @Enumerated(EnumType.STRING)
    @Column(name = "scoring_method", nullable = false, length = 30)
    public ScoringMethod scoringMethod;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<Scoring.Band> bands;

    @Column(name = "minimum_social_value", precision = 18, scale = 2)
    public BigDecimal minimumSocialValue;

    @Column(name = "minimum_social_value_pct", precision = 5, scale = 2)
    public BigDecimal minimumSocialValuePercent;

    @Column(name = "closing_at", nullable = false)
    public OffsetDateTime closingAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(name = "created_by_org_id", nullable = false, length = 80)
    public String createdByOrgId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The status as of now: an open tender whose closing time has passed is closed. */
    public Status statusNow() {
        return status == Status.OPEN && !OffsetDateTime.now().isBefore(closingAt) ? Status.CLOSED : status;
    }

    public Scoring.Rules rules() {
        return new Scoring.Rules(scoringMethod, socialValueWeighting, bands == null ? List.of() : bands, minimumSocialValue,
                minimumSocialValuePercent);
    }
}
