package org.anchornetwork.pledge.charter;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A charter of pledges that organisations sign, e.g. Fairer, Richer Darlington. */
@Entity
@Table(name = "charter")
public class Charter extends PanacheEntityBase {

    @Id
    @Column(length = 80)
    public String id;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(columnDefinition = "text")
    public String description;

    @Column(name = "published_on", nullable = false)
    public LocalDate publishedOn;
}
