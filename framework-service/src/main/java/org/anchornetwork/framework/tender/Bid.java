package org.anchornetwork.framework.tender;

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

/** One submission of a bidder's social value commitments; the latest not superseded is the bid. */
@Entity
@Table(name = "bid")
public class Bid extends PanacheEntityBase {

    /**
     * A commitment: a measure of the tender, how much, within how many months of the contract's start (by its end when
     * absent), and in the bidder's words.
     */
    public record Commitment(String measureCode, BigDecimal quantity, Integer timescaleMonths, String narrative) {
    }

    @Id
    public UUID id;

    @Column(name = "tender_id", nullable = false)
    public UUID tenderId;

    @Column(name = "bidder_org_id", nullable = false, length = 80)
    public String bidderOrgId;

    @Column(name = "bidder_name", nullable = false, length = 200)
    public String bidderName;

    @Column(name = "submission_id", nullable = false, length = 100)
    public String submissionId;

    @Column(name = "bid_price", nullable = false, precision = 18, scale = 2)
    public BigDecimal bidPrice;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Commitment> commitments;

    @Column(name = "submitted_by_org_id", nullable = false, length = 80)
    public String submittedByOrgId;

    @Column(name = "submitted_at", nullable = false)
    public OffsetDateTime submittedAt;

    @Column(nullable = false)
    public boolean superseded;

    /** The current bids of a tender, one per bidder, by bidder. */
    public static List<Bid> current(UUID tenderId) {
        return list("tenderId = ?1 and superseded = false order by bidderOrgId", tenderId);
    }
}
