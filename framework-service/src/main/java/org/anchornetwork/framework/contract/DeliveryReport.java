package org.anchornetwork.framework.contract;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What a contract delivered of its KPIs in one financial quarter, valued with the proxy values pinned at award. */
@Entity
@Table(name = "delivery_report")
public class DeliveryReport extends PanacheEntityBase {

    /** A measure delivered: quantity in its unit, its value (null without a proxy value) and the evidence. */
    public record Line(String measureCode, BigDecimal quantity, BigDecimal value, List<String> evidenceLinks) {
    }

    @Id
    public UUID id;

    @Column(name = "contract_id", nullable = false)
    public UUID contractId;

    /** A financial quarter, e.g. 2027-28-Q1. */
    @Column(nullable = false, length = 12)
    public String period;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Line> lines;

    @Column(name = "delivered_value", nullable = false, precision = 18, scale = 2)
    public BigDecimal deliveredValue;

    @Column(length = 2000)
    public String note;

    @Column(name = "reported_by_org_id", nullable = false, length = 80)
    public String reportedByOrgId;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;

    public static List<DeliveryReport> ofContract(UUID contractId) {
        return list("contractId = ?1 order by period", contractId);
    }
}
