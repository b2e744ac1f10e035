package org.anchornetwork.spend.ocds;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A supplier of an award, described by the release's {@code parties} entry for it. */
@Entity
@Table(name = "contract_award_supplier")
public class ContractAwardSupplier extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "award_id") UUID awardId, @Column(name = "party_id", length = 200) String partyId)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(length = 500)
    public String name;

    @Column(name = "identifier_scheme", length = 40)
    public String identifierScheme;

    @Column(name = "identifier_id", length = 200)
    public String identifierId;

    @Column(name = "legal_name", length = 500)
    public String legalName;

    @Column(name = "street_address", length = 500)
    public String streetAddress;

    @Column(length = 200)
    public String locality;

    @Column(name = "postal_code", length = 20)
    public String postalCode;

    @Column(name = "country_name", length = 100)
    public String countryName;
}
