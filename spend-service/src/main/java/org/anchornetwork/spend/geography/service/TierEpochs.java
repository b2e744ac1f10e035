package org.anchornetwork.spend.geography.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.anchornetwork.spend.geography.LocalityTier;

/**
 * Which tier versions apply to which months. A financial year uses the version of each tier in force on its last
 * day (as the headline says), so the months split into epochs: runs of financial years with the same versions in
 * force. Each tier name also has a fixed bit ({@code locality_tier_bit}) in the cubes' locality masks.
 */
@ApplicationScoped
public class TierEpochs {

    /** Before any month a payment can have, and after. */
    public static final LocalDate FIRST_MONTH = LocalDate.of(1000, 1, 1);
    public static final LocalDate LAST_MONTH = LocalDate.of(9999, 12, 1);
    /** A cube's locality mask holds at most this many tiers. */
    public static final int MAX_TIERS = 31;

    public record TierInForce(String name, int version, int bit, String label, String[] areaCodes) {
    }

    /** Months {@code firstMonth} to {@code lastMonth} (first days of months, inclusive) and the tiers in force in them. */
    public record Epoch(LocalDate firstMonth, LocalDate lastMonth, List<TierInForce> tiers) {

        public boolean covers(LocalDate month) {
            return !firstMonth.isAfter(month) && !lastMonth.isBefore(month);
        }
    }

    /** The tiers in force in the month (first day), from {@link #epochs()}, which cover every month. */
    public static List<TierInForce> inForce(List<Epoch> epochs, LocalDate month) {
        return epochs.stream().filter(epoch -> epoch.covers(month)).findFirst().map(Epoch::tiers).orElse(List.of());
    }

    private final EntityManager entityManager;

    public TierEpochs(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** 1 April of the financial year the date falls in. */
    public static LocalDate financialYearStart(LocalDate date) {
        return org.anchornetwork.common.time.ReportingPeriod.financialYearStart(date);
    }

    /** "2025-26" for the financial year starting 1 April 2025. */
    public static String financialYearName(LocalDate start) {
        return org.anchornetwork.common.time.ReportingPeriod.financialYearName(start);
    }

    /** Each tier name's bit. */
    public Map<String, Integer> bits() {
        Map<String, Integer> bits = new HashMap<>();
        for (Object row : entityManager.createNativeQuery("select name, bit from locality_tier_bit").getResultList()) {
            Object[] cells = (Object[]) row;
            bits.put((String) cells[0], ((Number) cells[1]).intValue());
        }
        return bits;
    }

    /** Gives a new tier name the next free bit; false when the masks are full. */
    public boolean assignBit(String name) {
        entityManager.createNativeQuery("""
                insert into locality_tier_bit (name, bit)
                select ?1, coalesce(max(bit) + 1, 0) from locality_tier_bit having coalesce(max(bit) + 1, 0) < ?2
                on conflict (name) do nothing""").setParameter(1, name).setParameter(2, MAX_TIERS).executeUpdate();
        return bits().containsKey(name);
    }

    /** Every epoch, in order, covering all months from {@link #FIRST_MONTH} to {@link #LAST_MONTH}. */
    public List<Epoch> epochs() {
        List<LocalityTier> versions = LocalityTier.listAll();
        Map<String, Integer> bits = bits();
        TreeSet<LocalDate> starts = new TreeSet<>();
        for (LocalityTier version : versions) {
            starts.add(financialYearStart(version.effectiveFrom));
        }
        List<Epoch> epochs = new ArrayList<>();
        LocalDate from = FIRST_MONTH;
        for (LocalDate start : starts) {
            if (start.isAfter(from)) {
                epochs.add(new Epoch(from, start.minusMonths(1), inForce(versions, bits, from)));
            }
            from = start;
        }
        epochs.add(new Epoch(from, LAST_MONTH, inForce(versions, bits, from)));
        return epochs;
    }

    /** The latest version of each tier in force on the last day of the financial year starting in {@code month}. */
    private static List<TierInForce> inForce(List<LocalityTier> versions, Map<String, Integer> bits, LocalDate month) {
        LocalDate yearEnd = financialYearStart(month).plusYears(1).minusDays(1);
        Map<String, LocalityTier> latest = new HashMap<>();
        for (LocalityTier version : versions) {
            if (!version.effectiveFrom.isAfter(yearEnd) && bits.containsKey(version.key.name())) {
                latest.merge(version.key.name(), version, (a, b) -> a.key.version() >= b.key.version() ? a : b);
            }
        }
        return latest.values().stream().sorted(Comparator.comparing(t -> t.key.name()))
                .map(t -> new TierInForce(t.key.name(), t.key.version(), bits.get(t.key.name()), t.label, t.areaCodes))
                .toList();
    }
}
