package org.anchornetwork.spend.rollup;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.anchornetwork.spend.payment.Payment;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;

/**
 * The rollup and every cube always equal the sums of the payments they roll up, after any sequence of random batches
 * (with duplicates, invalid and redacted rows), vendor masters that match and place suppliers later, supplier
 * merges, charter signatures, category rule changes and new tier versions. The cubes are checked against an
 * independent computation ({@link CubeOracle}) from the payments and what the registry, tiers and rules say now.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class SpendRollupPropertyTest {

    private static final List<String> ANCHORS = List.of("GB-LAE-R01", "GB-LAE-R02", "GB-NHS-R03");
    /** Names of this test's own (the registry is the network's: other tests' suppliers must not match them). */
    private static final List<String> NAMES = List.of("Rollup Skerne Joinery Ltd", "ROLLUP SKERNE JOINERY LIMITED",
            "Rollup Brinkburn Catering", "Rollup Tees Print Co", "Rollup Northgate IT Ltd", "Rollup Pennine Office Supplies",
            "Rollup Unknown Widgets", "Rollup Cockerton Bakery");
    private static final List<String> EXPENSE_TYPES = List.of("Materials", "Catering", "IT", "Rollup Gadgetry");
    private static final List<String> POSTCODES = List.of("DL1 5QT", "DL2 2UL", "TS18 1AA", "LS1 4AP");

    @jakarta.inject.Inject
    org.anchornetwork.spend.supplier.service.SupplierRegistry registry;

    @Test
    @TestSecurity(user = "property-portal", roles = { "portal", "network-admin" })
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-70000077"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-R01\",\"GB-LAE-R02\",\"GB-NHS-R03\"]", type = ClaimType.JSON_ARRAY) })
    void theRollupEqualsThePaymentsAfterRandomIngestsMatchesAndMerges() {
        Object originalCategories = given().get("/api/v1/spend/categories").then().statusCode(200).extract().jsonPath().get("");
        try {
            for (long seed : new long[] { 1, 2, 3 }) {
                Random random = new Random(seed);
                List<String> sentRefs = new ArrayList<>();
                for (int step = 0; step < 14; step++) {
                    int kind = random.nextInt(9);
                    String anchor = ANCHORS.get(random.nextInt(ANCHORS.size()));
                    if (kind <= 3) {
                        sendBatch(random, anchor, sentRefs, seed, step);
                    } else if (kind == 4) {
                        sendVendorMaster(random, anchor);
                    } else if (kind == 5) {
                        mergeTwoSuppliers(random);
                    } else if (kind == 6) {
                        signOne(random);
                    } else if (kind == 7) {
                        changeCategoryRules(random, originalCategories);
                    } else {
                        defineTierVersion(random);
                    }
                    String when = "after seed " + seed + " step " + step + " (kind " + kind + ")";
                    assertEquals(rawSums(), rolledUp(), when);
                    CubeOracle.assertCubesEqualPayments(ANCHORS, when);
                }
            }
        } finally {
            given().contentType("application/json").body(originalCategories).put("/api/v1/spend/categories").then().statusCode(200);
        }
        // The sequence did exercise every path: payments stored, some matched to suppliers, some not.
        long matched = QuarkusTransaction.requiringNew().call(() -> Payment.count(
                "anchorOrgId in ?1 and supplierId is not null", ANCHORS));
        long unmatched = QuarkusTransaction.requiringNew().call(() -> Payment.count(
                "anchorOrgId in ?1 and supplierId is null", ANCHORS));
        org.junit.jupiter.api.Assertions.assertTrue(matched > 0 && unmatched > 0, matched + " matched, " + unmatched + " not");
    }

    private static void sendBatch(Random random, String anchor, List<String> sentRefs, long seed, int step) {
        StringBuilder json = new StringBuilder("{\"anchorOrgId\":\"" + anchor + "\",\"payments\":[");
        int size = 1 + random.nextInt(25);
        for (int i = 0; i < size; i++) {
            boolean duplicate = !sentRefs.isEmpty() && random.nextInt(5) == 0;
            String ref = duplicate ? sentRefs.get(random.nextInt(sentRefs.size())) : "R-" + seed + "-" + step + "-" + i;
            sentRefs.add(ref);
            boolean redacted = random.nextInt(8) == 0;
            boolean invalid = random.nextInt(15) == 0;
            String expense = random.nextInt(4) == 0 ? "" : ",\"expenseType\":\"" + EXPENSE_TYPES.get(random.nextInt(3)) + "\"";
            String supplier = redacted ? ",\"redacted\":true" : ",\"supplierName\":\"" + NAMES.get(random.nextInt(NAMES.size())) + "\"";
            json.append(i == 0 ? "" : ",").append("{\"paymentDate\":\"202").append(5 + random.nextInt(3)).append('-')
                    .append(String.format("%02d", 1 + random.nextInt(12))).append("-15\",\"amount\":")
                    .append(invalid ? "null" : BigDecimal.valueOf(random.nextInt(2_000_000) - 100_000, 2).toPlainString())
                    .append(supplier).append(expense).append(",\"transactionRef\":\"").append(ref).append("\"}");
        }
        given().contentType("application/json").body(json.append("]}").toString())
                .post("/api/v1/payments?mode=accept-valid").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static void sendVendorMaster(Random random, String anchor) {
        StringBuilder json = new StringBuilder("{\"suppliers\":[");
        int size = 1 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            String[] sizes = { null, "MICRO", "SMALL", "MEDIUM", "LARGE" };
            String sizeClass = sizes[random.nextInt(sizes.length)];
            int vcse = random.nextInt(3);
            json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(NAMES.get(random.nextInt(NAMES.size())))
                    .append("\",\"postcode\":\"").append(POSTCODES.get(random.nextInt(POSTCODES.size()))).append('"')
                    .append(random.nextBoolean() ? ",\"branchPostcodes\":[\"" + POSTCODES.get(random.nextInt(POSTCODES.size())) + "\"]" : "")
                    .append(sizeClass == null ? "" : ",\"sizeClass\":\"" + sizeClass + "\"")
                    .append(vcse == 0 ? "" : ",\"vcse\":" + (vcse == 1)).append('}');
        }
        given().contentType("application/json").body(json.append("]}").toString())
                .post("/api/v1/suppliers/vendor-master?anchorOrgId=" + anchor).then().statusCode(200);
    }

    private static void mergeTwoSuppliers(Random random) {
        List<?> ids = QuarkusTransaction.requiringNew().call(() -> Payment.getEntityManager().createNativeQuery("""
                select distinct supplier_id from payment where anchor_org_id in ('GB-LAE-R01', 'GB-LAE-R02', 'GB-NHS-R03')
                and supplier_id is not null order by supplier_id""").getResultList());
        if (ids.size() < 2) {
            return;
        }
        UUID kept = (UUID) ids.get(random.nextInt(ids.size()));
        UUID other = (UUID) ids.get(random.nextInt(ids.size()));
        if (!kept.equals(other)) {
            given().contentType("application/json").body("{\"supplierId\":\"" + other + "\"}")
                    .post("/api/v1/suppliers/" + kept + "/merge").then().statusCode(200);
        }
    }

    /** One of this test's suppliers signs the charter (as a pledge event would tell the service). */
    private void signOne(Random random) {
        String organisation = "GB-COH-7" + (7000000 + random.nextInt(1000));
        List<?> unnamed = QuarkusTransaction.requiringNew().call(() -> Payment.getEntityManager().createNativeQuery("""
                select distinct p.supplier_id from payment p join supplier s on s.id = p.supplier_id
                where p.anchor_org_id in ('GB-LAE-R01', 'GB-LAE-R02', 'GB-NHS-R03') and s.organisation_id is null
                order by p.supplier_id""").getResultList());
        if (unnamed.isEmpty()) {
            return;
        }
        UUID supplier = (UUID) unnamed.get(random.nextInt(unnamed.size()));
        QuarkusTransaction.requiringNew().run(() -> {
            registry.addIdentifier(supplier, organisation);
            registry.markCharterSignatory(organisation, "Rollup signatory", "fairer-richer-darlington", java.time.LocalDate.of(2025, 6, 1));
        });
    }

    /** Puts Catering or this test's gadgetry in another category, or back, as the network admin would. */
    @SuppressWarnings("unchecked")
    private static void changeCategoryRules(Random random, Object original) {
        Map<String, Object> changed = new java.util.HashMap<>((Map<String, Object>) original);
        List<Object> rules = new ArrayList<>((List<Object>) changed.get("rules"));
        String[][] choices = { { "rollup gadget*", "energy-utilities" }, { "catering", "supplies" }, { "*gadgetry", "ict" } };
        int picks = random.nextInt(3);
        for (int i = 0; i < picks; i++) {
            String[] choice = choices[random.nextInt(choices.length)];
            rules.add(0, Map.of("pattern", choice[0], "category", choice[1]));
        }
        changed.put("rules", rules);
        given().contentType("application/json").body(changed).put("/api/v1/spend/categories").then().statusCode(200);
    }

    /** A new version of this test's tier, over districts the payments' suppliers are in, from a year the payments span. */
    private static void defineTierVersion(Random random) {
        String[][] areas = { { "E06000047" }, { "E06000004", "E06000047" }, { "E06000005" }, { "E12000001" } };
        String[] chosen = areas[random.nextInt(areas.length)];
        String body = "{\"label\":\"Rollup test tier\",\"areaCodes\":[\"" + String.join("\",\"", chosen)
                + "\"],\"effectiveFrom\":\"202" + (5 + random.nextInt(3)) + "-0" + (1 + random.nextInt(9)) + "-01\"}";
        given().contentType("application/json").body(body).post("/api/v1/geography/tiers/rollup-test-tier/versions")
                .then().statusCode(201);
    }

    private static final String KEY = "anchor_org_id || ' ' || %s || ' ' || %s || ' ' || %s || ' ' || %s";

    private static Map<String, String> rawSums() {
        return sums("""
                select %s, count(*), sum(amount) from payment where anchor_org_id in ('GB-LAE-R01', 'GB-LAE-R02', 'GB-NHS-R03')
                group by 1""".formatted(KEY.formatted("date_trunc('month', payment_date)::date",
                "coalesce(supplier_id, '00000000-0000-0000-0000-000000000000')", "coalesce(expense_type, '')", "redacted")));
    }

    private static Map<String, String> rolledUp() {
        return sums("""
                select %s, sum(payment_count), sum(amount) from spend_rollup
                where anchor_org_id in ('GB-LAE-R01', 'GB-LAE-R02', 'GB-NHS-R03') group by 1 having sum(payment_count) <> 0"""
                .formatted(KEY.formatted("month", "supplier_id", "expense_type", "redacted")));
    }

    private static Map<String, String> sums(String sql) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> Payment.getEntityManager().createNativeQuery(sql).getResultList());
        Map<String, String> sums = new TreeMap<>();
        for (Object row : rows) {
            Object[] cells = (Object[]) row;
            sums.put((String) cells[0], cells[1] + " payments, " + ((BigDecimal) cells[2]).setScale(2).toPlainString());
        }
        return sums;
    }
}
