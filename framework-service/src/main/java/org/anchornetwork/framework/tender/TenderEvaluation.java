package org.anchornetwork.framework.tender;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.anchornetwork.framework.tender.service.Evaluation;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tender's evaluation, kept as computed. */
@Entity
@Table(name = "tender_evaluation")
public class TenderEvaluation extends PanacheEntityBase {

    @Id
    @Column(name = "tender_id")
    public UUID tenderId;

    @Column(name = "evaluated_at", nullable = false)
    public OffsetDateTime evaluatedAt;

    @Column(name = "evaluated_by_org_id", nullable = false, length = 80)
    public String evaluatedByOrgId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Evaluation.Result result;
}
