package org.anchornetwork.spend.analysis;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;

/**
 * Leakage, the what-if and LM3 on a worked example: one anchor's construction spend in financial year 2044-45 (no
 * other test pays in it), with the Darlington tier.
 *
 * <pre>
 * supplier                 where                          spend    survey (staff + suppliers)
 * Lm3 Darlington Printers  DL1 5QT, Darlington (local)    600.00   30% + 20% = 50%
 * Lm3 Darlington Grocers   DL3 6JL, Darlington (local)    200.00   none
 * Lm3 Durham Haulage       DL2 2UL, County Durham         1000.00  10% + 5% = 15%
 * Lm3 Unplaced Ltd         no postcode (unknown)          200.00   none
 * workforce: payroll 1,000.00, 60% to staff living locally, who re-spend 50% of it locally
 * </pre>
 *
 * Surveyed: R1 = 2,000 + 1,000 = 3,000; R2 = 800 + 600 = 1,400; R3 = 600 x 50% + 600 x 50% = 600;
 * LM3 = 5,000 / 3,000 = 1.67, with 75% of local supplier spend surveyed. Modelled (defaults 76% and 36%): the
 * grocers add 200 x 76% = 152, so R3 = 752 and LM3 = 5,152 / 3,000 = 1.72.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeakageAndLm3Test {

    private static final String ANCHOR = "GB-LAE-L01";
    private static final String YEAR = "financialYear=2044-45&tier=darlington";

    @Test
    @Order(1)
    @TestSecurity(user = "l01", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void theAnchorRecordsItsSpendSurveysAndWorkforce() {
        SharedData.file("geography/postcodes_DL_to_lad.csv");
        given().contentType("application/json").body("""
                {"suppliers":[{"name":"Lm3 Darlington Printers","organisationId":"GB-COH-74400001","postcode":"DL1 5QT"},
                 {"name":"Lm3 Darlington Grocers","postcode":"DL3 6JL"},
                 {"name":"Lm3 Durham Haulage","organisationId":"GB-COH-74400003","postcode":"DL2 2UL"},
                 {"name":"Lm3 Unplaced Ltd"}]}""").post("/api/v1/suppliers/vendor-master").then().statusCode(200);
        given().contentType("application/json").body("""
                {"payments":[
                 {"paymentDate":"2044-05-01","amount":600.00,"supplierName":"Lm3 Darlington Printers","expenseType":"Building repairs","transactionRef":"L-1"},
                 {"paymentDate":"2044-06-01","amount":200.00,"supplierName":"Lm3 Darlington Grocers","expenseType":"Building repairs","transactionRef":"L-2"},
                 {"paymentDate":"2044-07-01","amount":1000.00,"supplierName":"Lm3 Durham Haulage","expenseType":"Building repairs","transactionRef":"L-3"},
                 {"paymentDate":"2045-01-01","amount":200.00,"supplierName":"Lm3 Unplaced Ltd","expenseType":"Building repairs","transactionRef":"L-4"}]}""")
                .post("/api/v1/payments").then().statusCode(201);
        given().contentType("application/json").body("{\"staffLocalShare\":30,\"supplierLocalShare\":20,\"respondedOn\":\"2044-09-01\"}")
                .put("/api/v1/spend/lm3/surveys/GB-COH-74400001/2044-45").then().statusCode(201)
                .body("respendShare", equalTo(50.0f)).body("supplierName", equalTo("Lm3 Darlington Printers"));
        given().contentType("application/json").body("{\"staffLocalShare\":10,\"supplierLocalShare\":5}")
                .put("/api/v1/spend/lm3/surveys/GB-COH-74400003/2044-45").then().statusCode(201);
        // The same supplier and year again replaces the answers.
        given().contentType("application/json").body("{\"staffLocalShare\":10,\"supplierLocalShare\":5,\"note\":\"checked\"}")
                .put("/api/v1/spend/lm3/surveys/GB-COH-74400003/2044-45").then().statusCode(200).body("note", equalTo("checked"));
        given().contentType("application/json").body("{\"payroll\":1000.00,\"localResidentShare\":60,\"staffLocalRespendShare\":50}")
                .put("/api/v1/spend/lm3/workforce/2044-45").then().statusCode(200);
    }

    @Test
    @Order(2)
    @TestSecurity(user = "l01", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void lm3FromSurveysFollowsTheWorkedExample() {
        JsonPath surveyed = given().get("/api/v1/spend/lm3?" + YEAR).then().statusCode(200)
                .body("definitions.mode", equalTo("SURVEYED")).body("definitions.tierVersion", equalTo(1)).extract().jsonPath();
        String mine = "anchors.find { it.anchor == 'GB-LAE-L01' }.figures";
        assertEquals(3000.0f, surveyed.getFloat(mine + ".r1"));
        assertEquals(1400.0f, surveyed.getFloat(mine + ".r2"));
        assertEquals(600.0f, surveyed.getFloat(mine + ".r3"));
        assertEquals(1.67f, surveyed.getFloat(mine + ".lm3"));
        assertEquals(300.0f, surveyed.getFloat(mine + ".r3FromSuppliers"));
        assertEquals(300.0f, surveyed.getFloat(mine + ".r3FromStaff"));
        assertEquals(75.0f, surveyed.getFloat(mine + ".surveyCoverage"));
        assertEquals(2, surveyed.getInt(mine + ".localSuppliers"));
        assertEquals(1, surveyed.getInt(mine + ".surveyedLocalSuppliers"));
        assertEquals(150.0f, surveyed.getFloat(mine + ".nonLocalSupplierRespend"));
        assertEquals(200.0f, surveyed.getFloat(mine + ".unknownLocationSpend"));
        assertEquals(false, surveyed.getBoolean(mine + ".modelled"));
        assertEquals(1.67f, surveyed.getFloat("network.lm3"), "one anchor pays in this year: the network is that anchor");

        JsonPath modelled = given().get("/api/v1/spend/lm3?mode=modelled&" + YEAR).then().statusCode(200)
                .body("definitions.mode", equalTo("MODELLED")).body("definitions.defaultRates.localSupplierRate", equalTo(76.0f))
                .extract().jsonPath();
        assertEquals(752.0f, modelled.getFloat(mine + ".r3"));
        assertEquals(1.72f, modelled.getFloat(mine + ".lm3"));
        assertEquals(true, modelled.getBoolean(mine + ".modelled"));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "l01", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void leakageListsTheNonLocalSuppliersAndHowManyLocalOnesArePaid() {
        JsonPath json = given().get("/api/v1/spend/leakage?category=construction&" + YEAR).then().statusCode(200)
                .body("definitions.tier", equalTo("darlington")).extract().jsonPath();
        String construction = "categories.find { it.category == 'construction' }";
        assertEquals(2000.0f, json.getFloat(construction + ".totalSpend"));
        assertEquals(800.0f, json.getFloat(construction + ".localSpend"));
        assertEquals(40.0f, json.getFloat(construction + ".localShare"));
        assertEquals(1000.0f, json.getFloat(construction + ".nonLocalSpend"));
        assertEquals(200.0f, json.getFloat(construction + ".unknownLocationSpend"));
        assertEquals(2, json.getInt(construction + ".localSuppliersPaid"));
        assertEquals(1, json.getInt(construction + ".nonLocalSuppliersPaid"));
        // Paid by the caller alone: its own spend, named.
        assertEquals("Lm3 Durham Haulage", json.getString(construction + ".topNonLocalSuppliers[0].supplierName"));
        assertEquals(1000.0f, json.getFloat(construction + ".topNonLocalSuppliers[0].spend"));

        String csv = given().get("/api/v1/spend/leakage?category=construction&format=csv&" + YEAR).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("\"category\",\"categoryLabel\",\"influenceable\",\"totalSpend\""), csv);
        assertTrue(csv.contains("\"Lm3 Durham Haulage\",1000.00"), "text quoted, numbers not: " + csv);
        given().get("/api/v1/spend/leakage?top=0&" + YEAR).then().statusCode(400).body("errors[0].pointer", equalTo("top"));
        given().get("/api/v1/spend/leakage?financialYear=2044").then().statusCode(400);
        given().get("/api/v1/spend/leakage?financialYear=2044-45&tier=atlantis").then().statusCode(400)
                .body("errors[0].pointer", equalTo("tier"));
        given().get("/api/v1/spend/leakage?category=unheard-of&" + YEAR).then().statusCode(400);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "l02", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-L02"))
    void anotherAnchorSeesNeitherTheSupplierOneAnchorPaysNorItsFigureAsTheCategorysLeak() {
        // The category's non-local spend is one supplier's, paid by one anchor: that figure is hidden too, and so is the
        // unknown-location spend (one supplier's as well), else the total less local and unknown spend would give it.
        given().get("/api/v1/spend/leakage?category=construction&" + YEAR).then().statusCode(200)
                .body("categories[0].nonLocalSpend", nullValue())
                .body("categories[0].unknownLocationSpend", nullValue())
                .body("categories[0].suppressedMeasures", equalTo(List.of("nonLocalSpend", "unknownLocationSpend")))
                .body("categories[0].totalSpend", equalTo(2000.0f))
                .body("categories[0].localSpend", equalTo(800.0f))
                .body("categories[0].topNonLocalSuppliers[0].suppressed", equalTo(true))
                .body("categories[0].topNonLocalSuppliers[0].suppressedSuppliers", equalTo(1))
                .body("categories[0].topNonLocalSuppliers[0].supplierName", nullValue())
                .body("categories[0].topNonLocalSuppliers[0].spend", nullValue());
        // Its own leakage: it paid nothing that year.
        given().get("/api/v1/spend/leakage?scope=own&" + YEAR).then().statusCode(200).body("categories.size()", equalTo(0));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "l01", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void movingTenPercentOfTheLeakGivesLocalSpendAndLocalEconomicValue() {
        JsonPath surveyed = given().get("/api/v1/spend/what-if?category=construction&percent=10&" + YEAR).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(100.0f, surveyed.getFloat("moved"));
        assertEquals(800.0f, surveyed.getFloat("categoryLocalSpendBefore"));
        assertEquals(900.0f, surveyed.getFloat("categoryLocalSpendAfter"));
        assertEquals(45.0f, surveyed.getFloat("categoryLocalShareAfter"));
        assertEquals(40.0f, surveyed.getFloat("localShareBefore"));
        assertEquals(45.0f, surveyed.getFloat("localShareAfter"));
        // Surveyed rates: the printers (50%) for local suppliers, the hauliers (15%) for non-local.
        assertEquals(50.0f, surveyed.getFloat("localEconomicValue.localSupplierRespend.percent"));
        assertEquals(15.0f, surveyed.getFloat("localEconomicValue.nonLocalSupplierRespend.percent"));
        assertEquals(1350.0f, surveyed.getFloat("localEconomicValue.before"));
        assertEquals(135.0f, surveyed.getFloat("localEconomicValue.gain"));
        assertEquals(1485.0f, surveyed.getFloat("localEconomicValue.after"));

        JsonPath modelled = given().get("/api/v1/spend/what-if?category=construction&percent=10&mode=modelled&" + YEAR)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(140.0f, modelled.getFloat("localEconomicValue.gain"), "100 x (1 + 76% - 36%)");
        assertTrue(modelled.getString("localEconomicValue.localSupplierRespend.source").startsWith("MODELLED"));

        given().get("/api/v1/spend/what-if?category=construction&percent=101&" + YEAR).then().statusCode(400)
                .body("errors[0].pointer", equalTo("percent"));
        given().get("/api/v1/spend/what-if?percent=10&" + YEAR).then().statusCode(400).body("errors[0].pointer", equalTo("category"));
        // Numbers in query parameters (issue 15): read exactly, out of range a 400 naming the parameter.
        for (String percent : java.util.List.of("1e999999", "1e-999999", "-1", "10.001", "NaN")) {
            given().get("/api/v1/spend/what-if?category=construction&percent=" + percent + "&" + YEAR).then().statusCode(400)
                    .body("type", equalTo("https://anchor-network.org/problems/invalid-parameter"))
                    .body("errors[0].pointer", equalTo("percent"));
        }
        for (String top : java.util.List.of("1e3", "0", "99999999999", "101", "2.5")) {
            given().get("/api/v1/spend/leakage?top=" + top + "&" + YEAR).then().statusCode(400)
                    .body("type", equalTo("https://anchor-network.org/problems/invalid-parameter"))
                    .body("errors[0].pointer", equalTo("top"));
        }
        given().get("/api/v1/spend/what-if?category=construction&percent=10&format=csv&" + YEAR).then().statusCode(200)
                .body(containsString("localEconomicValue.gain"));
    }

    @Test
    @Order(6)
    @TestSecurity(user = "l01", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void surveyAnswersOutsideTheirBoundsAreRefused() {
        given().contentType("application/json").body("{\"staffLocalShare\":70,\"supplierLocalShare\":40}")
                .put("/api/v1/spend/lm3/surveys/GB-COH-74400001/2044-45").then().statusCode(422)
                .body("errors[0].code", equalTo("over-100"));
        given().contentType("application/json").body("{\"staffLocalShare\":-1,\"supplierLocalShare\":40}")
                .put("/api/v1/spend/lm3/surveys/GB-COH-74400001/2044-45").then().statusCode(422);
        // Every error at once, each at its field, by the columns' rule (numeric(5,2), 0 to 100).
        given().contentType("application/json").body("{\"staffLocalShare\":1e-999999,\"supplierLocalShare\":1e999999}")
                .put("/api/v1/spend/lm3/surveys/GB-COH-74400001/2044-45").then().statusCode(422)
                .body("errors.collect { it.pointer + ' ' + it.code }", org.hamcrest.Matchers.containsInAnyOrder(
                        "/staffLocalShare too-many-decimals", "/supplierLocalShare out-of-range"));
        given().contentType("application/json").body("{\"staffLocalShare\":1,\"supplierLocalShare\":1}")
                .put("/api/v1/spend/lm3/surveys/GB-COH-99999999/2044-45").then().statusCode(404);
        given().contentType("application/json").body("{\"staffLocalShare\":1,\"supplierLocalShare\":1}")
                .put("/api/v1/spend/lm3/surveys/GB-COH-74400001/2044").then().statusCode(400);
        given().get("/api/v1/spend/lm3?mode=guessed").then().statusCode(400);
        given().get("/api/v1/spend/lm3/surveys?financialYear=2044-45").then().statusCode(200)
                .body("find { it.supplierName == 'Lm3 Durham Haulage' }.respendShare", equalTo(15.0f));
        given().contentType("application/json").body("{\"localSupplierRate\":70,\"nonLocalSupplierRate\":30,\"staffRate\":40,\"source\":\"x\"}")
                .put("/api/v1/spend/lm3/default-rates").then().statusCode(403);
    }

    @Test
    @Order(7)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theNetworkAdminSetsTheDefaultRates() {
        originalRates = given().get("/api/v1/spend/lm3/default-rates").then().statusCode(200).extract().asString();
        given().contentType("application/json").body("{\"localSupplierRate\":80,\"nonLocalSupplierRate\":30,\"staffRate\":40,"
                + "\"source\":\"Our 2044 survey of 120 suppliers\"}").put("/api/v1/spend/lm3/default-rates").then().statusCode(200);
        given().contentType("application/json").body("{\"localSupplierRate\":180,\"nonLocalSupplierRate\":30,\"staffRate\":40,"
                + "\"source\":\"x\"}").put("/api/v1/spend/lm3/default-rates").then().statusCode(422);
        // The admin pays nothing, and the category's figures are one anchor's suppliers': the what-if hides them.
        given().get("/api/v1/spend/what-if?category=construction&percent=10&mode=modelled&" + YEAR).then().statusCode(200)
                .body("localEconomicValue", nullValue()).body("moved", nullValue())
                .body("suppressedMeasures", hasItem("categoryNonLocalSpendBefore"));
    }

    @Test
    @Order(8)
    @TestSecurity(user = "l01", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void theNewDefaultRatesValueTheMove() {
        given().get("/api/v1/spend/what-if?category=construction&percent=10&mode=modelled&" + YEAR).then().statusCode(200)
                .body("localEconomicValue.gain", equalTo(150.0f)).body("suppressedMeasures", nullValue());
    }

    @Test
    @Order(9)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theDefaultRatesAreRestored() {
        given().contentType("application/json").body(originalRates).put("/api/v1/spend/lm3/default-rates").then().statusCode(200);
    }

    private static String originalRates;
}
