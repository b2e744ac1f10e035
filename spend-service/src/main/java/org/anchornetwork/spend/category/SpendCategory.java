package org.anchornetwork.spend.category;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One of the network's spend categories. Payments in a category that is not influenceable (energy, rates, payments
 * to other public bodies) can be left out of an analysis's denominator: procurement cannot move that spend.
 */
@Entity
@Table(name = "spend_category")
public class SpendCategory extends PanacheEntityBase {

    /** Payments whose expense type no rule matches. */
    public static final String UNCATEGORISED = "uncategorised";

    @Id
    @Column(length = 40)
    public String code;

    @Column(nullable = false, length = 200)
    public String label;

    @Column(nullable = false)
    public boolean influenceable;

    @Column(nullable = false)
    public int position;
}
