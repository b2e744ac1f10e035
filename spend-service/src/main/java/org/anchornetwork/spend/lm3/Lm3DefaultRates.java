package org.anchornetwork.spend.lm3;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The network's default re-spend rates, used where surveys are missing in the modelled mode (always labelled). */
@Entity
@Table(name = "lm3_default_rates")
public class Lm3DefaultRates extends PanacheEntityBase {

    public static final int ID = 1;

    @Id
    public int id;

    /** % of their income local suppliers re-spend locally. */
    @Column(name = "local_supplier_rate", nullable = false, precision = 5, scale = 2)
    public BigDecimal localSupplierRate;

    /** % of their income non-local suppliers spend in the local area. */
    @Column(name = "non_local_supplier_rate", nullable = false, precision = 5, scale = 2)
    public BigDecimal nonLocalSupplierRate;

    /** % of their pay local staff spend locally. */
    @Column(name = "staff_rate", nullable = false, precision = 5, scale = 2)
    public BigDecimal staffRate;

    @Column(nullable = false, length = 500)
    public String source;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
