package org.anchornetwork.spend.geography.service;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.anchornetwork.spend.geography.LocalityTier;
import org.anchornetwork.spend.geography.Postcodes;

/**
 * Where a postcode is: its district from the full-postcode lookup, else from its postcode district when every
 * postcode of that district lies in one authority (marked DISTRICT), else unknown. DL2 is split between
 * Darlington, County Durham and North Yorkshire, so "DL2" alone says nothing.
 */
@ApplicationScoped
public class Localities {

    public enum Source {
        /** The full postcode is in the lookup. */
        POSTCODE,
        /** Not in the lookup, but its whole postcode district lies in one authority. */
        DISTRICT,
        UNKNOWN
    }

    public record Locality(String postcode, Source source, String ladCode, String ladName, String regionCode,
            String combinedAuthorityCode) {
    }

    private final EntityManager entityManager;

    public Localities(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Empty when the text is not a UK postcode at all. */
    public Optional<Locality> of(String postcodeText) {
        return Postcodes.normalise(postcodeText).map(postcode -> {
            String lad = firstOrNull("select lad_code from postcode_lookup where postcode = ?1", postcode);
            Source source = Source.POSTCODE;
            if (lad == null) {
                lad = firstOrNull("select lad_code from postcode_district where outward_code = ?1", Postcodes.outward(postcode));
                source = lad == null ? Source.UNKNOWN : Source.DISTRICT;
            }
            if (lad == null) {
                return new Locality(postcode, Source.UNKNOWN, null, null, null, null);
            }
            Object[] area = district(lad).orElse(new Object[3]);
            return new Locality(postcode, source, lad, (String) area[0], (String) area[1], (String) area[2]);
        });
    }

    /** A local authority district by its GSS code (no postcode); empty when the loaded geography lacks it. */
    public Optional<Locality> ofDistrict(String ladCode) {
        return district(ladCode).map(area -> new Locality(null, Source.POSTCODE, ladCode, (String) area[0],
                (String) area[1], (String) area[2]));
    }

    private Optional<Object[]> district(String ladCode) {
        List<?> rows = entityManager.createNativeQuery(
                "select name, region_code, combined_authority_code from local_authority where lad_code = ?1")
                .setParameter(1, ladCode).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((Object[]) rows.get(0));
    }

    /** The version of each tier in force on the date (the latest whose effective date is on or before it). */
    public List<LocalityTier> tiersInForce(LocalDate on) {
        return LocalityTier.<LocalityTier>list("""
                from LocalityTier t where t.effectiveFrom <= ?1 and t.key.version = (select max(u.key.version)
                    from LocalityTier u where u.key.name = t.key.name and u.effectiveFrom <= ?1) order by t.key.name""", on);
    }

    /** The tiers (of those given) that contain the locality: its district, its region or its combined authority. */
    public static List<String> tiersContaining(Locality locality, List<LocalityTier> tiers) {
        if (locality.ladCode() == null) {
            return List.of();
        }
        Set<String> areas = new HashSet<>(Arrays.asList(locality.ladCode(), locality.regionCode(), locality.combinedAuthorityCode()));
        areas.remove(null);
        return tiers.stream().filter(tier -> LocalSpend.covers(tier, areas))
                .map(tier -> tier.key.name()).toList();
    }

    private String firstOrNull(String sql, String parameter) {
        List<?> rows = entityManager.createNativeQuery(sql).setParameter(1, parameter).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }
}
