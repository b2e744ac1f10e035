package org.anchornetwork.spend.category;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A rule giving expense types a category: {@code pattern} matches the whole expense type, ignoring case and the
 * spaces around it, with {@code *} for any run of characters ("*electric*" matches "Electricity - Street Lighting").
 * The first rule by position that matches wins.
 */
@Entity
@Table(name = "category_rule")
public class CategoryRule extends PanacheEntityBase {

    @Id
    public int position;

    @Column(nullable = false, length = 200)
    public String pattern;

    @Column(name = "category_code", nullable = false, length = 40)
    public String categoryCode;
}
