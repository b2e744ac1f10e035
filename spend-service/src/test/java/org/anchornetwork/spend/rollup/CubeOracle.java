package org.anchornetwork.spend.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;

import org.anchornetwork.spend.payment.Payment;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What every cube should hold, computed here from first principles rather than by the code under test: from the
 * payments themselves and what the registry (sizes, VCSE, charter status, sites and their postcodes), the tiers
 * (each financial year's versions) and the category rules say now.
 */
final class CubeOracle {

    private CubeOracle() {
    }

    private record Site(String postcode, boolean registeredOffice, String lad, List<String> codes) {
    }

    private record TierVersion(String name, int version, Set<String> areas, LocalDate effectiveFrom) {
    }

    static void assertCubesEqualPayments(List<String> anchors, String when) {
        QuarkusTransaction.requiringNew().run(() -> {
            EntityManager em = Payment.getEntityManager();
            Map<String, Map<String, String>> expected = expected(em, anchors);
            for (Cube cube : Cube.STORED) {
                assertEquals(expected.get(cube.table), stored(em, cube, anchors), cube.table + " " + when);
            }
            // The per-year category table equals the leakage cube summed (whose rows are checked above), its suppliers
            // the non-empty rows.
            String key = "cast(financial_year as varchar) || ' ' || category_code || ' ' || locality || ' ' || influenceable";
            assertEquals(strings(em, "select " + key + ", count(*) filter (where payment_count <> 0 and supplier_id <> '"
                    + SpendRollups.NO_SUPPLIER + "') || ' suppliers, ' || sum(payment_count) || ' payments, ' || sum(amount) from "
                    + Cube.LEAKAGE.table + " group by 1 having sum(payment_count) <> 0 or sum(amount) <> 0"),
                    strings(em, "select " + key + ", suppliers || ' suppliers, ' || payment_count || ' payments, ' || amount from "
                            + Cube.CATEGORY_YEAR + " where payment_count <> 0 or amount <> 0"),
                    Cube.CATEGORY_YEAR + " " + when);
        });
    }

    private static Map<String, Map<String, String>> expected(EntityManager em, List<String> anchors) {
        Map<UUID, Object[]> suppliers = new HashMap<>();
        for (Object row : em.createNativeQuery("select id, size_class, vcse, charter_signatory from supplier").getResultList()) {
            Object[] cells = (Object[]) row;
            suppliers.put((UUID) cells[0], cells);
        }
        Map<UUID, List<Site>> sites = new HashMap<>();
        for (Object row : em.createNativeQuery("""
                select s.supplier_id, s.postcode, s.kind, coalesce(p.lad_code, d.lad_code), a.region_code, a.combined_authority_code
                from supplier_site s left join postcode_lookup p on p.postcode = s.postcode
                left join postcode_district d on p.postcode is null and d.outward_code = split_part(s.postcode, ' ', 1)
                left join local_authority a on a.lad_code = coalesce(p.lad_code, d.lad_code)""").getResultList()) {
            Object[] cells = (Object[]) row;
            if (cells[3] == null) {
                continue; // a postcode the geography does not place
            }
            List<String> codes = new ArrayList<>();
            for (int i = 3; i <= 5; i++) {
                if (cells[i] != null) {
                    codes.add((String) cells[i]);
                }
            }
            sites.computeIfAbsent((UUID) cells[0], s -> new ArrayList<>())
                    .add(new Site((String) cells[1], "REGISTERED_OFFICE".equals(cells[2]), (String) cells[3], codes));
        }
        List<TierVersion> tiers = new ArrayList<>();
        for (Object row : em.createNativeQuery("select name, version, area_codes, effective_from from locality_tier").getResultList()) {
            Object[] cells = (Object[]) row;
            tiers.add(new TierVersion((String) cells[0], ((Number) cells[1]).intValue(), Set.of((String[]) cells[2]),
                    date(cells[3])));
        }
        Map<String, Integer> bits = new HashMap<>();
        for (Object row : em.createNativeQuery("select name, bit from locality_tier_bit").getResultList()) {
            Object[] cells = (Object[]) row;
            bits.put((String) cells[0], ((Number) cells[1]).intValue());
        }
        Map<String, Boolean> influenceable = new HashMap<>();
        for (Object row : em.createNativeQuery("select code, influenceable from spend_category").getResultList()) {
            Object[] cells = (Object[]) row;
            influenceable.put((String) cells[0], (Boolean) cells[1]);
        }
        List<Object[]> rules = new ArrayList<>();
        for (Object row : em.createNativeQuery("select pattern, category_code from category_rule order by position").getResultList()) {
            rules.add((Object[]) row);
        }

        Map<String, Map<String, BigDecimal[]>> sums = new HashMap<>();
        List<?> payments = em.createNativeQuery("""
                select anchor_org_id, payment_date, amount, supplier_id, coalesce(expense_type, '') from payment
                where anchor_org_id = any(cast(?1 as varchar[]))""").setParameter(1, anchors.toArray(String[]::new)).getResultList();
        for (Object row : payments) {
            Object[] p = (Object[]) row;
            LocalDate date = date(p[1]);
            LocalDate month = date.withDayOfMonth(1);
            LocalDate yearStart = LocalDate.of(month.getMonthValue() >= 4 ? month.getYear() : month.getYear() - 1, 4, 1);
            BigDecimal amount = (BigDecimal) p[2];
            UUID supplier = p[3] == null ? SpendRollups.NO_SUPPLIER : (UUID) p[3];
            String category = categoryOf((String) p[4], rules);
            Object[] attributes = suppliers.get(supplier);
            List<Site> located = sites.getOrDefault(supplier, List.of());
            String lad = located.stream().sorted((a, b) -> a.registeredOffice() != b.registeredOffice()
                    ? (a.registeredOffice() ? -1 : 1) : a.postcode().compareTo(b.postcode())).map(Site::lad).findFirst().orElse("");
            String size = attributes == null || attributes[1] == null ? "UNKNOWN" : (String) attributes[1];
            String vcse = attributes == null || attributes[2] == null ? "UNKNOWN" : (Boolean) attributes[2] ? "YES" : "NO";
            boolean signatory = attributes != null && (Boolean) attributes[3];
            int locality = located.isEmpty() ? -1 : bitsFor(located, tiers, bits, yearStart.plusYears(1).minusDays(1));

            Map<Cube.Column, String> values = new HashMap<>();
            values.put(Cube.Column.ANCHOR, (String) p[0]);
            values.put(Cube.Column.CATEGORY, category);
            values.put(Cube.Column.INFLUENCEABLE, Boolean.toString(influenceable.get(category)));
            values.put(Cube.Column.LOCALITY, Integer.toString(locality));
            values.put(Cube.Column.LAD, lad);
            values.put(Cube.Column.SIZE, size);
            values.put(Cube.Column.VCSE, vcse);
            values.put(Cube.Column.SIGNATORY, Boolean.toString(signatory));
            values.put(Cube.Column.SUPPLIER, supplier.toString());
            BigDecimal[] measures = { BigDecimal.ONE, amount,
                Set.of("MICRO", "SMALL", "MEDIUM").contains(size) ? amount : BigDecimal.ZERO,
                vcse.equals("YES") ? amount : BigDecimal.ZERO, signatory ? amount : BigDecimal.ZERO };
            for (Cube cube : Cube.STORED) {
                if (!cube.columns.contains(Cube.Column.ANCHOR) && supplier.equals(SpendRollups.NO_SUPPLIER)) {
                    continue; // a network-wide row other tests' payments share; see stored()
                }
                StringBuilder key = new StringBuilder(cube.grain == Cube.Grain.MONTH ? month.toString() : yearStart.toString());
                for (Cube.Column column : cube.columns) {
                    key.append(' ').append(values.get(column));
                }
                BigDecimal[] cell = sums.computeIfAbsent(cube.table, t -> new HashMap<>()).computeIfAbsent(key.toString(),
                        k -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
                for (int i = 0; i < 5; i++) {
                    cell[i] = cell[i].add(measures[i]);
                }
            }
        }
        Map<String, Map<String, String>> expected = new HashMap<>();
        for (Cube cube : Cube.STORED) {
            Map<String, String> cells = new TreeMap<>();
            sums.getOrDefault(cube.table, Map.of()).forEach((key, cell) -> cells.put(key, format(cell)));
            expected.put(cube.table, cells);
        }
        return expected;
    }

    private static Map<String, String> stored(EntityManager em, Cube cube, List<String> anchors) {
        List<String> key = cube.keyColumns();
        // A cube without anchors is compared on the suppliers these anchors pay (their names are the test's own).
        String mine = cube.columns.contains(Cube.Column.ANCHOR) ? "anchor_org_id = any(cast(?1 as varchar[]))"
                : "supplier_id in (select supplier_id from payment where anchor_org_id = any(cast(?1 as varchar[])) "
                        + "and supplier_id is not null)";
        String sql = "select " + String.join(", ", key.stream().map(c -> "cast(" + c + " as varchar)").toList())
                + ", payment_count, amount, sme_amount, vcse_amount, signatory_amount from " + cube.table
                + " where " + mine + " and (payment_count <> 0 or amount <> 0)";
        Map<String, String> cells = new TreeMap<>();
        for (Object row : em.createNativeQuery(sql).setParameter(1, anchors.toArray(String[]::new)).getResultList()) {
            Object[] cells0 = (Object[]) row;
            StringBuilder k = new StringBuilder();
            for (int i = 0; i < key.size(); i++) {
                k.append(i == 0 ? "" : " ").append(cells0[i]);
            }
            BigDecimal[] measures = new BigDecimal[5];
            for (int i = 0; i < 5; i++) {
                measures[i] = new BigDecimal(cells0[key.size() + i].toString());
            }
            cells.put(k.toString(), format(measures));
        }
        return cells;
    }

    private static Map<String, String> strings(EntityManager em, String sql) {
        Map<String, String> rows = new TreeMap<>();
        for (Object row : em.createNativeQuery(sql).getResultList()) {
            Object[] cells = (Object[]) row;
            rows.put((String) cells[0], cells[1].toString());
        }
        return rows;
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    private static String format(BigDecimal[] cell) {
        return cell[0].toBigInteger() + " payments, " + cell[1].setScale(2).toPlainString() + " (SME " + cell[2].setScale(2)
                .toPlainString() + ", VCSE " + cell[3].setScale(2).toPlainString() + ", signatories " + cell[4].setScale(2)
                .toPlainString() + ")";
    }

    /** The first rule whose pattern (* for any characters) matches the whole expense type, ignoring case and spaces around it. */
    private static String categoryOf(String expenseType, List<Object[]> rules) {
        String text = expenseType.replaceAll("^ +| +$", "").toLowerCase(java.util.Locale.ROOT);
        for (Object[] rule : rules) {
            StringBuilder regex = new StringBuilder();
            for (String part : ((String) rule[0]).toLowerCase(java.util.Locale.ROOT).split("\\*", -1)) {
                regex.append(Pattern.quote(part)).append(".*");
            }
            String whole = regex.substring(0, regex.length() - 2);
            if (Pattern.compile(whole, Pattern.DOTALL).matcher(text).matches()) {
                return (String) rule[1];
            }
        }
        return "uncategorised";
    }

    /** Tiers in force at the year's end (the latest version of each effective by then) that hold one of the sites' areas. */
    private static int bitsFor(List<Site> sites, List<TierVersion> tiers, Map<String, Integer> bits, LocalDate yearEnd) {
        Set<String> codes = new HashSet<>();
        sites.forEach(site -> codes.addAll(site.codes()));
        Map<String, TierVersion> inForce = new HashMap<>();
        for (TierVersion tier : tiers) {
            if (!tier.effectiveFrom().isAfter(yearEnd)) {
                inForce.merge(tier.name(), tier, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        int mask = 0;
        for (TierVersion tier : inForce.values()) {
            if (tier.areas().stream().anyMatch(codes::contains)) {
                mask |= 1 << bits.get(tier.name());
            }
        }
        return mask;
    }
}
