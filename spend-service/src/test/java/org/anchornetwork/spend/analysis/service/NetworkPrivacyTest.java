package org.anchornetwork.spend.analysis.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anchornetwork.spend.rollup.Cube;
import org.anchornetwork.spend.rollup.SpendRollups;
import org.anchornetwork.spend.supplier.service.SupplierRegistry;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;

/**
 * The privacy rule tested as an adversary would try it (decision 0010). On random networks (four anchors; suppliers
 * paid by one, two, three or four of them; random sizes, VCSE, charter status, places, months, categories and credit
 * notes) one anchor asks every drilldown of up to two dimensions, under every kind of cut, with varying measures, and
 * tries to derive another anchor's spend with a supplier that fewer than three anchors pay, directly or by any linear
 * combination of the figures of one answer (a total less its parts, the summary less the cells shown, ...).
 *
 * <p>Each answer is turned into linear equations over the unknowns: the other anchors' spend with each supplier in each
 * cell (the caller knows its own; redacted and unmatched payees are not a supplier's). The truth comes from the rollup
 * itself, cell by cell and supplier by supplier. For every supplier, the figures' span is intersected with that
 * supplier's unknowns (Gaussian elimination modulo a large prime): every vector found there must rest on at least three
 * anchors' spend.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkPrivacyTest {

    static final List<String> ANCHORS = List.of("GB-LAE-PVA", "GB-NHS-PVB", "GB-EDU-PVC", "GB-LAE-PVD");
    static final String CALLER = ANCHORS.get(0);
    static final int NETWORKS = 3;
    static final int FIRST_YEAR = 2060;
    static final String[] POSTCODES = { "DL1 5QT", "DL3 6JL", "DL2 2UL", "TS18 1AA", null };
    static final String[] EXPENSE_TYPES = { "Building repairs", "Cleaning", "Electricity", "Social care" };
    static final String[] SIZES = { "MICRO", "SMALL", "MEDIUM", "LARGE", null };
    private static final long PRIME = 2_147_483_647L;

    @Inject
    SupplierRegistry registry;
    @Inject
    SpendAnalysis analysis;
    @Inject
    AnalysisReader reader;
    @Inject
    AnalysisDefinitions definitions;

    @Test
    @Order(1)
    @TestSecurity(user = "privacy-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-70000066"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-PVA\",\"GB-NHS-PVB\",\"GB-EDU-PVC\",\"GB-LAE-PVD\"]", type = ClaimType.JSON_ARRAY) })
    void randomNetworksPayTheirSuppliers() {
        SharedData.file("geography/postcodes_DL_to_lad.csv");
        for (int network = 0; network < NETWORKS; network++) {
            Random random = new Random(1500 + network);
            int year = FIRST_YEAR + network;
            StringBuilder vendors = new StringBuilder();
            int suppliers = 6 + random.nextInt(2);
            Map<String, List<String>> paymentsByAnchor = new LinkedHashMap<>();
            for (int s = 0; s < suppliers; s++) {
                String name = "Pv" + network + " Supplier " + s;
                String postcode = POSTCODES[random.nextInt(POSTCODES.length)];
                String size = SIZES[random.nextInt(SIZES.length)];
                vendors.append(vendors.length() == 0 ? "" : ",").append("{\"name\":\"").append(name).append("\",")
                        .append("\"organisationId\":\"GB-COH-7").append(String.format("%07d", network * 100 + s)).append('"')
                        .append(postcode == null ? "" : ",\"postcode\":\"" + postcode + "\"")
                        .append(size == null ? "" : ",\"sizeClass\":\"" + size + "\"").append(",\"vcse\":")
                        .append(random.nextBoolean()).append('}');
                // Paid by 1, 2, 3 or 4 anchors, each one to three times.
                List<String> payers = new ArrayList<>(ANCHORS);
                java.util.Collections.shuffle(payers, random);
                int anchors = 1 + s % 4;
                for (String anchor : payers.subList(0, anchors)) {
                    for (int p = random.nextInt(3); p >= 0; p--) {
                        LocalDate date = LocalDate.of(year, 4, 1).plusMonths(random.nextInt(6)).plusDays(random.nextInt(28));
                        BigDecimal amount = BigDecimal.valueOf(random.nextInt(5000) + 1, 0)
                                .multiply(BigDecimal.valueOf(random.nextInt(10) == 0 ? -1 : 1)).setScale(2);
                        paymentsByAnchor.computeIfAbsent(anchor, a -> new ArrayList<>()).add("""
                                {"paymentDate":"%s","amount":%s,"supplierName":"%s","expenseType":"%s","transactionRef":"PV-%d-%s"}"""
                                .formatted(date, amount.toPlainString(), name, EXPENSE_TYPES[random.nextInt(EXPENSE_TYPES.length)],
                                        network, UUID.randomUUID()));
                    }
                }
            }
            // Payees the registry does not know, paid by one to three anchors: suppliers too, known by name only.
            for (int u = 0; u < 2; u++) {
                List<String> payers = new ArrayList<>(ANCHORS);
                java.util.Collections.shuffle(payers, random);
                for (String anchor : payers.subList(0, 1 + random.nextInt(3))) {
                    paymentsByAnchor.computeIfAbsent(anchor, a -> new ArrayList<>()).add("""
                            {"paymentDate":"%d-0%d-11","amount":%d.00,"supplierName":"Pv%d Unregistered %d","expenseType":"Cleaning","transactionRef":"PV-U-%s"}"""
                            .formatted(year, 4 + random.nextInt(6), 10 + random.nextInt(900), network, u, UUID.randomUUID()));
                }
            }
            // A redacted payee with a supplier's reference, never matched to it.
            paymentsByAnchor.computeIfAbsent(ANCHORS.get(1), a -> new ArrayList<>()).add("""
                    {"paymentDate":"%d-05-05","amount":75.00,"redacted":true,"supplierOrgId":"GB-COH-7%07d","transactionRef":"PV-R-%d"}"""
                    .formatted(year, network * 100, network));
            given().contentType("application/json").body("{\"suppliers\":[" + vendors + "]}")
                    .post("/api/v1/suppliers/vendor-master?anchorOrgId=" + CALLER).then().statusCode(200);
            for (Map.Entry<String, List<String>> anchor : paymentsByAnchor.entrySet()) {
                given().contentType("application/json").body("{\"anchorOrgId\":\"" + anchor.getKey() + "\",\"payments\":["
                        + String.join(",", anchor.getValue()) + "]}").post("/api/v1/payments").then().statusCode(201);
            }
            int signatory = network * 100 + random.nextInt(suppliers);
            QuarkusTransaction.requiringNew().run(() -> registry.markCharterSignatory(
                    "GB-COH-7" + String.format("%07d", signatory), "Pv signatory", "fairer-richer-darlington", LocalDate.of(2050, 1, 1)));
        }
        leakingNetwork();
    }

    /**
     * In 2070-71 construction leaks to two suppliers outside Darlington: one that three anchors pay (300.00), one that
     * only GB-NHS-PVB pays (50.00); two Darlington suppliers are paid by PVB and PVC.
     */
    private static void leakingNetwork() {
        given().contentType("application/json").body("""
                {"suppliers":[{"name":"Pv Leak Far One","postcode":"TS18 1AA"},{"name":"Pv Leak Far Two","postcode":"DL2 2UL"},
                 {"name":"Pv Leak Near One","postcode":"DL1 5QT"},{"name":"Pv Leak Near Two","postcode":"DL3 6JL"}]}""")
                .post("/api/v1/suppliers/vendor-master?anchorOrgId=" + CALLER).then().statusCode(200);
        String payment = "{\"paymentDate\":\"2070-06-01\",\"amount\":%s,\"supplierName\":\"%s\",\"expenseType\":\"Building repairs\","
                + "\"transactionRef\":\"PVL-%s\"}";
        Map<String, List<String>> byAnchor = Map.of(
                ANCHORS.get(0), List.of(payment.formatted("100.00", "Pv Leak Far One", "A1")),
                ANCHORS.get(1), List.of(payment.formatted("100.00", "Pv Leak Far One", "B1"), payment.formatted("50.00", "Pv Leak Far Two", "B2"),
                        payment.formatted("70.00", "Pv Leak Near One", "B3"), payment.formatted("30.00", "Pv Leak Near Two", "B4")),
                ANCHORS.get(2), List.of(payment.formatted("100.00", "Pv Leak Far One", "C1"), payment.formatted("80.00", "Pv Leak Near One", "C3"),
                        payment.formatted("20.00", "Pv Leak Near Two", "C4")));
        byAnchor.forEach((anchor, payments) -> given().contentType("application/json").body("{\"anchorOrgId\":\"" + anchor
                + "\",\"payments\":[" + String.join(",", payments) + "]}").post("/api/v1/payments").then().statusCode(201));
    }

    /** One unknown: other anchors' spend with one supplier, in one cell, at one locality and of one kind. */
    record Unknown(String cell, UUID supplier, int locality, int kind) {
    }

    /** What the rollup says of one unknown: who pays the supplier there (the caller included). */
    static final class Truth {
        final Set<String> anchors = new TreeSet<>();
        boolean othersPay;
    }

    @Test
    @Order(2)
    void noAnswerLetsAnAnchorDeriveAnotherAnchorsSpendWithASupplierFewerThanThreeAnchorsPay() {
        List<Dimension> dimensions = List.of(Dimension.values());
        List<List<Dimension>> drilldowns = new ArrayList<>();
        drilldowns.add(List.of());
        for (int i = 0; i < dimensions.size(); i++) {
            drilldowns.add(List.of(dimensions.get(i)));
            for (int j = i + 1; j < dimensions.size(); j++) {
                drilldowns.add(List.of(dimensions.get(i), dimensions.get(j)));
            }
        }
        List<String> measureSets = List.of("", "totalSpend", "totalSpend,localSpend", "smeSpend,vcseSpend,signatorySpend",
                "localShare,unknownLocationShare", "paymentCount,totalSpend,positiveSpend,smeShare");
        int answers = 0;
        int hiddenFigures = 0;
        for (int network = 0; network < NETWORKS; network++) {
            String year = (FIRST_YEAR + network) + "-" + String.format("%02d", (FIRST_YEAR + network + 1) % 100);
            List<String> cuts = cuts(network, year);
            Random random = new Random(network);
            for (List<Dimension> drilldown : drilldowns) {
                for (String cut : cuts) {
                    String measures = measureSets.get(random.nextInt(measureSets.size()));
                    List<String> cutList = new ArrayList<>(List.of("financialYear:" + year));
                    if (!cut.isEmpty()) {
                        cutList.add(cut);
                    }
                    String drill = String.join(",", drilldown.stream().map(d -> d.apiName).toList());
                    AggregateQuery query = AggregateQuery.parse(drill, cutList, measures.isEmpty() ? null : measures, null,
                            null, null, "10000", null);
                    SpendAnalysis.Result result = analysis.aggregate(query, new SpendAnalysis.Caller(CALLER));
                    hiddenFigures += result.definitions().suppression().suppressedFigures()
                            + result.definitions().suppression().suppressedCells()
                            + result.definitions().suppression().suppressedSuppliers();
                    String leak = leak(query, result);
                    if (leak != null) {
                        fail("drilldown=" + drill + " cut=" + cutList + " measures=" + measures + ": " + leak + "\n" + result.cells()
                                + "\nsummary " + result.summary());
                    }
                    answers++;
                }
            }
        }
        assertTrue(answers > 3000, answers + " answers");
        assertTrue(hiddenFigures > 0, "the networks have suppliers that fewer than three anchors pay");
    }

    /** Every kind of cut the data allows: on each dimension, with values from the network itself. */
    private List<String> cuts(int network, String year) {
        List<String> cuts = new ArrayList<>(List.of("", "anchor:" + ANCHORS.get(1), "anchorType:NHS", "quarter:" + year + "-Q1",
                "month:" + (FIRST_YEAR + network) + "-05", "tier:darlington", "tier:unknown", "within:tees-valley",
                "localAuthority:E06000005", "region:E12000001", "category:construction", "influenceable:false",
                "supplierSize:SME", "vcse:YES", "signatory:true", "supplier:unidentified"));
        reader.list("select id from supplier where name like " + "'Pv" + network + " Supplier %' order by name",
                new SqlParameters(), row -> cuts.add("supplier:" + row.getObject(1, UUID.class)));
        return cuts;
    }

    /** Null when nothing in the answer leaks; else what does. */
    private String leak(AggregateQuery query, SpendAnalysis.Result result) {
        AnalysisDefinitions.Snapshot known = definitions.current();
        Cube cube = Cube.ROLLUP;
        SqlParameters parameters = new SqlParameters();
        String where = SpendAnalysis.conditions(query, cube, known, new SpendAnalysis.Caller(CALLER), parameters);
        StringBuilder sql = new StringBuilder("select ");
        for (Dimension dimension : query.drilldowns()) {
            sql.append(dimension.sql(cube.grain, known)).append(", ");
        }
        sql.append("c.anchor_org_id, c.supplier_id, c.locality, c.supplier_kind, c.redacted from ").append(SpendAnalysis.relation(cube))
                .append(" c").append(SpendAnalysis.joins(query)).append(" where ").append(where)
                .append(" group by ").append(String.join(", ", java.util.stream.IntStream
                        .rangeClosed(1, query.drilldowns().size() + 5).mapToObj(Integer::toString).toList()))
                .append(" having sum(c.payment_count) <> 0");
        Map<Unknown, Truth> truth = new LinkedHashMap<>();
        Map<String, Set<String>> cellAnchorsOfSupplier = new HashMap<>();
        Set<UUID> callerPays = new java.util.HashSet<>();
        int dimensions = query.drilldowns().size();
        reader.list(sql.toString(), parameters, row -> {
            List<String> key = new ArrayList<>();
            for (int i = 0; i < dimensions; i++) {
                Object value = row.getObject(i + 1);
                key.add(String.valueOf(value == null ? null : query.drilldowns().get(i).present(value)));
            }
            String anchor = row.getString(dimensions + 1);
            UUID supplier = row.getObject(dimensions + 2, UUID.class);
            if (row.getBoolean(dimensions + 5)) {
                return null; // redacted payees: individuals, nobody's supplier
            }
            Unknown unknown = new Unknown(String.join("|", key), supplier, row.getInt(dimensions + 3), row.getInt(dimensions + 4));
            Truth known0 = truth.computeIfAbsent(unknown, u -> new Truth());
            known0.anchors.add(anchor);
            known0.othersPay |= !anchor.equals(CALLER);
            cellAnchorsOfSupplier.computeIfAbsent(unknown.cell() + "#" + supplier, k -> new TreeSet<>()).add(anchor);
            // Payees not matched to a supplier are one unknown here, and the caller's own are never known to be the same.
            if (anchor.equals(CALLER) && !SpendRollups.NO_SUPPLIER.equals(supplier)) {
                callerPays.add(supplier);
            }
            return null;
        });
        // The unknowns: other anchors' spend; the anchors paying a supplier in a cell, the caller included.
        List<Unknown> unknowns = truth.entrySet().stream().filter(e -> e.getValue().othersPay).map(Map.Entry::getKey).toList();
        if (unknowns.isEmpty()) {
            return null;
        }
        Map<Unknown, Integer> column = new HashMap<>();
        for (int i = 0; i < unknowns.size(); i++) {
            column.put(unknowns.get(i), i);
        }
        List<AnalysisDefinitions.Tier> tiers = known.tiers();
        Set<List<Integer>> rows = new LinkedHashSet<>();
        for (Map<String, Object> cell : result.cells()) {
            if (Boolean.TRUE.equals(cell.get("suppressed"))) {
                assertFalse(cell.containsKey("totalSpend"), "a suppressed cell has no figures: " + cell);
                continue;
            }
            List<String> key = new ArrayList<>();
            for (Dimension dimension : query.drilldowns()) {
                key.add(String.valueOf(cell.get(dimension.apiName)));
            }
            String cellKey = String.join("|", key);
            published(cell, tiers).forEach(family -> rows.add(functional(unknowns, column,
                    u -> u.cell().equals(cellKey) && family.covers(u.locality(), u.kind()))));
        }
        if (!Boolean.TRUE.equals(result.summary().get("suppressed"))) {
            published(result.summary(), tiers).forEach(family -> rows.add(functional(unknowns, column,
                    u -> family.covers(u.locality(), u.kind()))));
        }
        rows.remove(List.<Integer>of());
        // The anchors behind a derived figure: the other anchors it rests on, and the caller where it pays that
        // supplier anywhere in the answer (a figure of three anchors, the caller one of them, may be shown).
        return derivable(new ArrayList<>(rows), unknowns, u -> {
            Set<String> anchors = new TreeSet<>(cellAnchorsOfSupplier.get(u.cell() + "#" + u.supplier()));
            anchors.remove(CALLER);
            if (callerPays.contains(u.supplier())) {
                anchors.add(CALLER);
            }
            return anchors;
        });
    }

    /** The families whose figures a cell (or summary) shows. */
    private static List<Disclosure.Family> published(Map<String, Object> cell, List<AnalysisDefinitions.Tier> tiers) {
        List<Disclosure.Family> families = new ArrayList<>();
        if (cell.get("totalSpend") != null || cell.get("positiveSpend") != null) {
            families.add(Disclosure.TOTAL);
        }
        for (AnalysisDefinitions.Tier tier : tiers) {
            for (String measure : List.of("localSpend", "localShare")) {
                if (cell.get(measure) instanceof Map<?, ?> byTier && byTier.get(tier.name()) != null) {
                    families.add(Disclosure.local(tier.name(), tier.bit()));
                }
            }
        }
        Map<String, Disclosure.Family> byMeasure = Map.of("smeSpend", Disclosure.SME, "smeShare", Disclosure.SME, "vcseSpend",
                Disclosure.VCSE, "vcseShare", Disclosure.VCSE, "signatorySpend", Disclosure.SIGNATORY, "signatoryShare",
                Disclosure.SIGNATORY, "unknownLocationSpend", Disclosure.UNKNOWN_LOCATION, "unknownLocationShare",
                Disclosure.UNKNOWN_LOCATION);
        byMeasure.forEach((measure, family) -> {
            if (cell.get(measure) != null) {
                families.add(family);
            }
        });
        return families;
    }

    private static List<Integer> functional(List<Unknown> unknowns, Map<Unknown, Integer> column,
            java.util.function.Predicate<Unknown> covers) {
        return unknowns.stream().filter(covers).map(column::get).sorted().toList();
    }

    /**
     * For each supplier: the span of the published rows intersected with that supplier's unknowns, by elimination with
     * the other suppliers' unknowns first. Every basis vector of the intersection must rest on at least three anchors.
     */
    static String derivable(List<List<Integer>> rows, List<Unknown> unknowns,
            java.util.function.Function<Unknown, Set<String>> anchorsOf) {
        Set<UUID> suppliers = new LinkedHashSet<>();
        unknowns.forEach(u -> suppliers.add(u.supplier()));
        for (UUID supplier : suppliers) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < unknowns.size(); i++) {
                if (!unknowns.get(i).supplier().equals(supplier)) {
                    order.add(i);
                }
            }
            int others = order.size();
            for (int i = 0; i < unknowns.size(); i++) {
                if (unknowns.get(i).supplier().equals(supplier)) {
                    order.add(i);
                }
            }
            int[] position = new int[unknowns.size()];
            for (int i = 0; i < order.size(); i++) {
                position[order.get(i)] = i;
            }
            long[][] matrix = new long[rows.size()][order.size()];
            for (int r = 0; r < rows.size(); r++) {
                for (int c : rows.get(r)) {
                    matrix[r][position[c]] = 1;
                }
            }
            int rank = reduce(matrix);
            for (int r = 0; r < rank; r++) {
                int pivot = 0;
                while (matrix[r][pivot] == 0) {
                    pivot++;
                }
                if (pivot < others) {
                    continue; // touches other suppliers' unknowns
                }
                Set<String> anchors = new TreeSet<>();
                List<Unknown> support = new ArrayList<>();
                for (int c = others; c < order.size(); c++) {
                    if (matrix[r][c] != 0) {
                        Unknown unknown = unknowns.get(order.get(c));
                        support.add(unknown);
                        anchors.addAll(anchorsOf.apply(unknown));
                    }
                }
                if (anchors.size() < 3) {
                    return "derivable from the figures: other anchors' spend with supplier " + supplier + " in " + support
                            + ", paid there by only " + anchors;
                }
            }
        }
        return null;
    }

    /** Reduced row echelon form modulo a prime, in place; returns the rank. */
    static int reduce(long[][] matrix) {
        int rank = 0;
        int columns = matrix.length == 0 ? 0 : matrix[0].length;
        for (int c = 0; c < columns && rank < matrix.length; c++) {
            int pivot = -1;
            for (int r = rank; r < matrix.length; r++) {
                if (matrix[r][c] != 0) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            long[] swap = matrix[pivot];
            matrix[pivot] = matrix[rank];
            matrix[rank] = swap;
            long inverse = power(matrix[rank][c], PRIME - 2);
            for (int k = c; k < columns; k++) {
                matrix[rank][k] = matrix[rank][k] * inverse % PRIME;
            }
            for (int r = 0; r < matrix.length; r++) {
                if (r != rank && matrix[r][c] != 0) {
                    long factor = matrix[r][c];
                    for (int k = c; k < columns; k++) {
                        matrix[r][k] = Math.floorMod(matrix[r][k] - factor * matrix[rank][k] % PRIME, PRIME);
                    }
                }
            }
            rank++;
        }
        return rank;
    }

    private static long power(long base, long exponent) {
        long result = 1;
        base %= PRIME;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result = result * base % PRIME;
            }
            base = base * base % PRIME;
            exponent >>= 1;
        }
        return result;
    }

    @Test
    @Order(5)
    @TestSecurity(user = "pva", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-PVA"))
    void aLeakLineIsHiddenAlsoWhereTheCategoryLessTheLinesShownWouldGiveAHiddenOneAway() {
        JsonPath leakage = given().get("/api/v1/spend/leakage?financialYear=2070-71&tier=darlington&category=construction")
                .then().statusCode(200).extract().jsonPath();
        // Non-local spend is two suppliers': shown. Far Two (one anchor) is hidden; Far One (three anchors) would be
        // shown, but 350.00 less its 300.00 is Far Two's 50.00, so it is hidden too.
        assertEquals(350.0f, leakage.getFloat("categories[0].nonLocalSpend"));
        assertEquals(1, leakage.getList("categories[0].topNonLocalSuppliers").size(), leakage.prettify());
        assertEquals(2, leakage.getInt("categories[0].topNonLocalSuppliers[0].suppressedSuppliers"));
        assertNull(leakage.get("categories[0].topNonLocalSuppliers[0].spend"));

        // LM3: GB-EDU-PVC's non-local spend is one supplier's in its own figures: hidden, and so the network's too.
        JsonPath lm3 = given().get("/api/v1/spend/lm3?financialYear=2070-71&tier=darlington").then().statusCode(200)
                .extract().jsonPath();
        String pvc = "anchors.find { it.anchor == 'GB-EDU-PVC' }.figures";
        assertNull(lm3.get(pvc + ".nonLocalSupplierSpend"), lm3.prettify());
        assertEquals(200.0f, lm3.getFloat(pvc + ".supplierSpend"));
        assertNull(lm3.get("network.nonLocalSupplierSpend"));
        assertEquals(550.0f, lm3.getFloat("network.supplierSpend"));
        // The caller's own figures are all shown.
        assertEquals(100.0f, lm3.getFloat("anchors.find { it.anchor == 'GB-LAE-PVA' }.figures.nonLocalSupplierSpend"));
    }

    @Test
    @Order(3)
    void theCheckerFindsTheDifferencesItLooksFor() {
        // A total of two cells where one is shown gives the other away: the checker must see it, or it proves nothing.
        UUID supplier = UUID.randomUUID();
        List<Unknown> unknowns = List.of(new Unknown("a", supplier, 1, 0), new Unknown("b", UUID.randomUUID(), 1, 0));
        Map<Unknown, Set<String>> anchors = Map.of(unknowns.get(0), Set.of("X"), unknowns.get(1), Set.of("X", "Y", "Z"));
        assertNull(derivable(List.of(List.of(0, 1)), unknowns, anchors::get), "a sum of two suppliers gives neither away");
        assertTrue(derivable(List.of(List.of(0, 1), List.of(1)), unknowns, anchors::get).contains(supplier.toString()),
                "the total less the shown cell is the hidden one");
    }

    @Test
    @Order(4)
    @TestSecurity(user = "pva", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-PVA"))
    void narrowingToOneSupplierShowsItsFiguresOnlyWhereThreeAnchorsPayIt() {
        String year = "cut=financialYear:" + FIRST_YEAR + "-" + (FIRST_YEAR + 1) % 100;
        List<UUID> suppliers = reader.list("select id from supplier where name like 'Pv0 Supplier %' order by name",
                new SqlParameters(), row -> row.getObject(1, UUID.class));
        for (int s = 0; s < suppliers.size(); s++) {
            String paid = "from spend_rollup where supplier_id = '" + suppliers.get(s) + "' and payment_count <> 0";
            int anchors = reader.list("select count(distinct anchor_org_id) " + paid, new SqlParameters(), row -> row.getInt(1)).get(0);
            boolean callerPays = reader.list("select count(*) " + paid + " and anchor_org_id = '" + CALLER + "'",
                    new SqlParameters(), row -> row.getInt(1)).get(0) > 0;
            for (String drilldown : List.of("", "anchor", "month", "quarter", "category")) {
                JsonPath json = given().get("/api/v1/spend/aggregate?" + year + "&cut=supplier:" + suppliers.get(s)
                        + (drilldown.isEmpty() ? "" : "&drilldown=" + drilldown)).then().statusCode(200).extract().jsonPath();
                String what = "supplier " + s + " (" + anchors + " anchors" + (callerPays ? ", the caller among them" : "")
                        + ") by " + (drilldown.isEmpty() ? "nothing" : drilldown) + ": " + json.prettify();
                if (anchors >= 3 || (anchors == 1 && callerPays)) {
                    assertTrue(json.get("summary.totalSpend") != null, what);
                } else {
                    assertNull(json.get("summary.totalSpend"), what);
                    if (!callerPays) {
                        for (Map<String, Object> cell : json.<Map<String, Object>>getList("cells")) {
                            assertNull(cell.get("totalSpend"), "another anchor's spend with a supplier: " + what);
                        }
                    }
                }
            }
        }
    }
}
