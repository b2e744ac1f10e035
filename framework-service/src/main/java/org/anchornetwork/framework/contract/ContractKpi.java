package org.anchornetwork.framework.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A committed measure of a contract, valued with the proxy value pinned at award. */
@Entity
@Table(name = "contract_kpi")
public class ContractKpi extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "contract_id", nullable = false)
    public UUID contractId;

    @Column(name = "measure_code", nullable = false, length = 40)
    public String measureCode;

    @Column(name = "measure_title", nullable = false, length = 300)
    public String measureTitle;

    @Column(nullable = false, length = 60)
    public String unit;

    @Column(nullable = false, length = 40)
    public String theme;

    @Column(name = "committed_quantity", nullable = false, precision = 18, scale = 4)
    public BigDecimal committedQuantity;

    @Column(name = "proxy_value", precision = 18, scale = 2)
    public BigDecimal proxyValue;

    @Column(name = "committed_value", precision = 18, scale = 2)
    public BigDecimal committedValue;

    @Column(name = "due_on", nullable = false)
    public LocalDate dueOn;

    @Column(length = 200)
    public String timescale;

    public static List<ContractKpi> ofContract(UUID contractId) {
        return list("contractId = ?1 order by measureCode", contractId);
    }
}
