package org.anchornetwork.spend.analysis.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.anchornetwork.spend.anchor.Anchor;
import org.anchornetwork.spend.geography.service.TierEpochs;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What the analyses need to read the cubes and to say what their figures mean: the tiers (their bits, versions in
 * force per epoch, labels, narrowest first), the categories, the anchors and their types, district names. These
 * change rarely (an admin action), so they are read once and kept for a short while; a change made through this
 * service drops them when its transaction commits.
 */
@ApplicationScoped
public class AnalysisDefinitions {

    /** Band names for suppliers in no tier, and for suppliers whose location is unknown; no tier may take them. */
    public static final String OUTSIDE = "outside";
    public static final String UNKNOWN = "unknown";

    public static final Map<String, String> REGION_NAMES = Map.ofEntries(Map.entry("E12000001", "North East"),
            Map.entry("E12000002", "North West"), Map.entry("E12000003", "Yorkshire and The Humber"),
            Map.entry("E12000004", "East Midlands"), Map.entry("E12000005", "West Midlands"),
            Map.entry("E12000006", "East of England"), Map.entry("E12000007", "London"),
            Map.entry("E12000008", "South East"), Map.entry("E12000009", "South West"), Map.entry("W92000004", "Wales"),
            Map.entry("S92000003", "Scotland"), Map.entry("N92000002", "Northern Ireland"));

    public record Tier(String name, int bit, String label, int districts) {
    }

    public record Category(String code, String label, boolean influenceable) {
    }

    /** An anchor with spend or described by the admin; one not described is named by its id, its type from the id. */
    public record AnchorInfo(String orgId, String name, Anchor.Type type, boolean described) {
    }

    /**
     * @param tiers      every tier, narrowest first (fewest districts), by name
     * @param epochs     which versions are in force when
     * @param categories by code, in the network's order
     * @param anchors    described anchors and anchors with spend, by id
     */
    public record Snapshot(List<Tier> tiers, List<TierEpochs.Epoch> epochs, Map<String, Category> categories,
            Map<String, AnchorInfo> anchors, Map<String, String> districtNames) {

        public Tier tier(String name) {
            return tiers.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
        }
    }

    private final EntityManager entityManager;
    private final TierEpochs tierEpochs;
    private final TransactionSynchronizationRegistry transactions;
    private final long maxAgeNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;
    private volatile long loadedAt;
    private volatile long loadedGeneration = -1;

    public AnalysisDefinitions(EntityManager entityManager, TierEpochs tierEpochs,
            TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "anchor.spend.analysis.definitions-max-age", defaultValue = "PT10S") Duration maxAge) {
        this.entityManager = entityManager;
        this.tierEpochs = tierEpochs;
        this.transactions = transactions;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public Snapshot current() {
        Snapshot known = snapshot;
        long now = System.nanoTime();
        if (known != null && loadedGeneration == generation.get() && now - loadedAt < maxAgeNanos) {
            return known;
        }
        long asOf = generation.get();
        Snapshot fresh = QuarkusTransaction.requiringNew().call(this::load);
        snapshot = fresh;
        loadedAt = now;
        loadedGeneration = asOf;
        return fresh;
    }

    /** Drops the snapshot when the current transaction commits (call it from any change to what it holds). */
    public void changed() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    generation.incrementAndGet();
                }
            }
        });
    }

    /** Every anchor that has spend or that the network admin described, read now (not from the snapshot). */
    public List<AnchorInfo> anchorsNow() {
        List<AnchorInfo> anchors = new ArrayList<>();
        for (Object row : entityManager.createNativeQuery("""
                select coalesce(a.org_id, s.anchor_org_id), a.name, a.anchor_type
                from anchor a full join (select distinct anchor_org_id from spend_cube_month) s on s.anchor_org_id = a.org_id
                order by 1""").getResultList()) {
            Object[] cells = (Object[]) row;
            String orgId = (String) cells[0];
            anchors.add(cells[1] == null ? new AnchorInfo(orgId, orgId, Anchor.typeOf(orgId), false)
                    : new AnchorInfo(orgId, (String) cells[1], Anchor.Type.valueOf((String) cells[2]), true));
        }
        return anchors;
    }

    private Snapshot load() {
        List<Tier> tiers = new ArrayList<>();
        for (Object row : entityManager.createNativeQuery("""
                select b.name, b.bit, t.label, (select count(*) from local_authority a where a.lad_code = any(t.area_codes)
                    or a.region_code = any(t.area_codes) or a.combined_authority_code = any(t.area_codes))
                from locality_tier_bit b
                join locality_tier t on t.name = b.name
                    and t.version = (select max(version) from locality_tier u where u.name = b.name)""").getResultList()) {
            Object[] cells = (Object[]) row;
            tiers.add(new Tier((String) cells[0], ((Number) cells[1]).intValue(), (String) cells[2],
                    ((Number) cells[3]).intValue()));
        }
        tiers.sort(Comparator.comparingInt(Tier::districts).thenComparing(Tier::name));
        Map<String, Category> categories = new LinkedHashMap<>();
        for (Object row : entityManager.createNativeQuery(
                "select code, label, influenceable from spend_category order by position").getResultList()) {
            Object[] cells = (Object[]) row;
            categories.put((String) cells[0], new Category((String) cells[0], (String) cells[1], (Boolean) cells[2]));
        }
        Map<String, AnchorInfo> anchors = new LinkedHashMap<>();
        anchorsNow().forEach(anchor -> anchors.put(anchor.orgId(), anchor));
        Map<String, String> districts = new HashMap<>();
        for (Object row : entityManager.createNativeQuery("select lad_code, name from local_authority").getResultList()) {
            Object[] cells = (Object[]) row;
            districts.put((String) cells[0], (String) cells[1]);
        }
        return new Snapshot(List.copyOf(tiers), tierEpochs.epochs(), categories, anchors, districts);
    }
}
