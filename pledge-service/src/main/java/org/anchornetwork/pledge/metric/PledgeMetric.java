package org.anchornetwork.pledge.metric;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What a pledge's progress is measured in: a unit and where the figures come from. */
@Entity
@Table(name = "pledge_metric")
public class PledgeMetric extends PanacheEntityBase {

    public static final String LOCAL_SPEND_SHARE = "local-spend-share";
    public static final String LOCAL_DONATIONS = "local-donations-gbp";
    public static final String SOCIAL_VALUE_DELIVERED = "social-value-delivered-gbp";

    /** Units of measure. */
    public enum Unit {
        PERCENT, GBP, HOURS
    }

    /** Where a metric's figures come from; MANUAL reports are accepted for every metric. */
    public enum Source {
        SPEND_EVENTS, FRAMEWORK_EVENTS, THREE_SIXTY_GIVING, MANUAL
    }

    @Id
    @Column(length = 60)
    public String code;

    @Column(nullable = false, length = 200)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Unit unit;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public Source source;

    /** Measured against one of the network's locality tiers. */
    @Column(nullable = false)
    public boolean tiered;

    @Column(nullable = false, columnDefinition = "text")
    public String description;

    @Column(nullable = false)
    public int position;

    public static Optional<PledgeMetric> byCode(String code) {
        return findByIdOptional(code);
    }
}
