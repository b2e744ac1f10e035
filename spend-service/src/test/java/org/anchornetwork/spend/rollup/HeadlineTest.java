package org.anchornetwork.spend.rollup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.ValidatableResponse;

/**
 * The public headline on a hand-computed data set, in financial years no other test pays in (2040-41, 2041-42): three
 * anchors pay each located supplier, so the year's figures are shown; a year whose spend is one supplier's paid by one
 * anchor is not.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class HeadlineTest {

    @Test
    @TestSecurity(user = "headline-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-70000077"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-H01\",\"GB-LAE-H02\",\"GB-LAE-H03\"]", type = ClaimType.JSON_ARRAY) })
    void theHeadlineGivesEachYearsTotalAndLocalSharePerTierAndNamesNobody() {
        SharedData.file("geography/postcodes_DL_to_lad.csv");
        given().contentType("application/json").body("""
                {"suppliers":[{"name":"Headline Darlington Joinery","postcode":"DL1 5QT"},
                 {"name":"Headline Durham Cleaning","postcode":"DL2 2UL"},
                 {"name":"Headline Leeds Consulting"}]}""")
                .post("/api/v1/suppliers/vendor-master?anchorOrgId=GB-LAE-H01").then().statusCode(200);
        for (String anchor : new String[] { "H01", "H02", "H03" }) {
            given().contentType("application/json").body("""
                    {"anchorOrgId":"GB-LAE-%1$s","payments":[
                     {"paymentDate":"2040-05-01","amount":100.00,"supplierName":"Headline Darlington Joinery Ltd","transactionRef":"H-1"},
                     {"paymentDate":"2041-02-01","amount":50.00,"supplierName":"HEADLINE DURHAM CLEANING LIMITED","transactionRef":"H-2"},
                     {"paymentDate":"2040-12-01","amount":25.00,"supplierName":"Headline Leeds Consulting","transactionRef":"H-3"},
                     {"paymentDate":"2041-03-31","amount":25.00,"redacted":true,"transactionRef":"H-4"},
                     {"paymentDate":"2041-03-31","amount":-40.00,"supplierName":"Headline Leeds Consulting","transactionRef":"H-6"}]}"""
                    .formatted(anchor)).post("/api/v1/payments").then().statusCode(201);
        }
        // In 2041-42 one anchor pays one supplier: the year's figures would be that supplier's.
        given().contentType("application/json").body("""
                {"anchorOrgId":"GB-LAE-H01","payments":[
                 {"paymentDate":"2041-04-01","amount":999.00,"supplierName":"Headline Darlington Joinery","transactionRef":"H-5"}]}""")
                .post("/api/v1/payments").then().statusCode(201);

        // Anyone may read it: no token.
        ValidatableResponse headline = given().auth().none().get("/api/v1/spend/headline").then().statusCode(200);
        String year = "years.find { it.financialYear == '2040-41' }";
        headline.body(year + ".from", equalTo("2040-04-01")).body(year + ".to", equalTo("2041-03-31"))
                .body(year + ".paymentCount", equalTo(15)).body(year + ".totalSpend", equalTo(480.0f))
                // Shares are of positive spend: Leeds Consulting's credit in March is a payment of its own month.
                .body(year + ".positiveSpend", equalTo(600.0f))
                // Leeds Consulting has no postcode and the redacted payees none at all: 150.00 (net 30.00) of 600.00.
                .body(year + ".unknownLocationSpend", equalTo(30.0f)).body(year + ".unknownLocationShare", equalTo(25.0f))
                .body(year + ".tiers.find { it.tier == 'darlington' }.localSpend", equalTo(300.0f))
                .body(year + ".tiers.find { it.tier == 'darlington' }.localShare", equalTo(50.0f))
                .body(year + ".tiers.find { it.tier == 'tees-valley' }.localShare", equalTo(50.0f))
                // County Durham is in the North East region, not in the Tees Valley.
                .body(year + ".tiers.find { it.tier == 'north-east' }.localSpend", equalTo(450.0f))
                .body(year + ".tiers.find { it.tier == 'north-east' }.localShare", equalTo(75.0f))
                .body(year + ".suppressedMeasures", nullValue());
        String next = "years.find { it.financialYear == '2041-42' }";
        headline.body(next + ".paymentCount", equalTo(1)).body(next + ".totalSpend", nullValue())
                .body(next + ".tiers.find { it.tier == 'darlington' }.localShare", nullValue())
                .body(next + ".suppressedMeasures", hasItems("totalSpend", "tiers.darlington"));
        String body = given().get("/api/v1/spend/headline").asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("Headline Darlington") || body.contains("GB-LAE-H0"),
                "the headline names no supplier and no anchor");
        org.junit.jupiter.api.Assertions.assertFalse(headline.extract().jsonPath().getMap(next).toString().contains("999"),
                "nor one supplier's figure");
    }
}
