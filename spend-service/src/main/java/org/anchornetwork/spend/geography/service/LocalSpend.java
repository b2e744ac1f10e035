package org.anchornetwork.spend.geography.service;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.anchornetwork.spend.geography.LocalityTier;
import org.hibernate.Session;

/**
 * How much of some spend went to suppliers local to each tier: the one place that turns amounts by supplier into
 * local amounts, for the batch event and for the analyses. A supplier is local to a tier when one of its sites lies
 * in the tier's districts, regions or combined authorities; one with no located site is of unknown location.
 */
@ApplicationScoped
public class LocalSpend {

    /** Local amount per tier (in the tiers' order), and the amount whose supplier's location is unknown. */
    public record Totals(List<BigDecimal> local, BigDecimal unknown) {
    }

    private final EntityManager entityManager;

    public LocalSpend(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The districts, regions and combined authorities of each supplier's sites (none for an unlocated one). */
    public Map<UUID, Set<String>> areasOf(Collection<UUID> suppliers) {
        Map<UUID, Set<String>> areas = new HashMap<>();
        if (suppliers.isEmpty()) {
            return areas;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    select supplier_id, lad_code, region_code, combined_authority_code from supplier_area
                    where supplier_id = any(?)""")) {
                query.setArray(1, connection.createArrayOf("uuid", suppliers.toArray()));
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        Set<String> codes = areas.computeIfAbsent(result.getObject(1, UUID.class), supplier -> new HashSet<>());
                        for (int column = 2; column <= 4; column++) {
                            if (result.getString(column) != null) {
                                codes.add(result.getString(column));
                            }
                        }
                    }
                }
            }
        });
        return areas;
    }

    /** Sums {@code bySupplier} into the tiers that cover each supplier's areas, and the rest into unknown. */
    public static Totals totals(Map<UUID, BigDecimal> bySupplier, Map<UUID, Set<String>> areas, List<LocalityTier> tiers) {
        BigDecimal[] local = new BigDecimal[tiers.size()];
        Arrays.fill(local, BigDecimal.ZERO.setScale(2));
        BigDecimal unknown = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<UUID, BigDecimal> paid : bySupplier.entrySet()) {
            Set<String> codes = areas.getOrDefault(paid.getKey(), Set.of());
            if (codes.isEmpty()) {
                unknown = unknown.add(paid.getValue());
                continue;
            }
            for (int i = 0; i < tiers.size(); i++) {
                if (covers(tiers.get(i), codes)) {
                    local[i] = local[i].add(paid.getValue());
                }
            }
        }
        return new Totals(new ArrayList<>(Arrays.asList(local)), unknown);
    }

    /** Whether the tier names one of the areas (a district, region or combined authority). */
    public static boolean covers(LocalityTier tier, Set<String> areaCodes) {
        return Arrays.stream(tier.areaCodes).anyMatch(areaCodes::contains);
    }
}
