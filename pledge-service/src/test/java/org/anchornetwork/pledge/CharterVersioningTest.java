package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/** A charter's versions only add pledges: what was signed stays as it was signed. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CharterVersioningTest {

    private static final String CHARTER = "/api/v1/charters/good-food-test";

    @Test
    @Order(1)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theNetworkAdminCreatesACharterAtVersionOne() {
        given().contentType(ContentType.JSON).body("""
                {"id":"good-food-test","title":"Good Food Test","description":"Food businesses buy local.",
                 "publishedOn":"2026-01-10","pledges":[
                   {"code":"buy-local-produce","title":"Buy local produce","description":"Source food from Tees Valley growers."},
                   {"code":"cut-food-waste","title":"Cut food waste","description":"Give surplus food to local food banks."}]}""")
                .when().post("/api/v1/charters")
                .then().statusCode(201)
                .body("version", equalTo(1));
        given().contentType(ContentType.JSON).body("""
                {"id":"good-food-test","title":"Again","publishedOn":"2026-01-10",
                 "pledges":[{"code":"x-y","title":"X","description":"Y"}]}""")
                .when().post("/api/v1/charters")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "tees-valley-bakery", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-70000001"))
    void aSignatureOfVersionOneRecordsTheVersion() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Versioned Bakery","signatoryType":"BUSINESS","pledgeCodes":["buy-local-produce"]}""")
                .when().post(CHARTER + "/signatories")
                .then().statusCode(201)
                .body("charterVersion", equalTo(1));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aNewVersionKeepsEveryPledgeAndAddsNewOnes() {
        given().contentType(ContentType.JSON).body("""
                {"summary":"Adds good employment","publishedOn":"2026-06-01",
                 "addedPledges":[{"code":"good-employment","title":"Good employment","description":"Pay the real Living Wage."}]}""")
                .when().post(CHARTER + "/versions")
                .then().statusCode(201)
                .body("version", equalTo(2))
                .body("pledges.code", contains("buy-local-produce", "cut-food-waste", "good-employment"))
                .body("pledges[2].introducedInVersion", equalTo(2));

        given().get(CHARTER).then().statusCode(200).body("version", equalTo(2)).body("publishedOn", equalTo("2026-06-01"));
        given().get(CHARTER + "/pledges?version=1").then().statusCode(200)
                .body("code", contains("buy-local-produce", "cut-food-waste"));
        given().get(CHARTER + "/pledges").then().statusCode(200)
                .body("code", contains("buy-local-produce", "cut-food-waste", "good-employment"));
        given().get(CHARTER + "/versions").then().statusCode(200)
                .body("version", contains(1, 2))
                .body("[0].pledges.code", contains("buy-local-produce", "cut-food-waste"))
                .body("[1].summary", equalTo("Adds good employment"));
        given().get(CHARTER + "/pledges?version=3").then().statusCode(404);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aVersionCannotRewordAPledgeOrGoBackInTime() {
        given().contentType(ContentType.JSON).body("""
                {"summary":"Rewords a pledge","publishedOn":"2026-01-01",
                 "addedPledges":[{"code":"cut-food-waste","title":"Cut waste","description":"Other words."},
                                 {"code":"Bad Code","title":"","description":"x"}]}""")
                .when().post(CHARTER + "/versions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItems("/addedPledges/1/code", "/addedPledges/1/title"));
        given().contentType(ContentType.JSON).body("""
                {"summary":"Rewords a pledge","publishedOn":"2026-07-01",
                 "addedPledges":[{"code":"cut-food-waste","title":"Cut waste","description":"Other words."}]}""")
                .when().post(CHARTER + "/versions")
                .then().statusCode(422)
                .body("errors[0].pointer", equalTo("/addedPledges/0/code"))
                .body("errors[0].code", equalTo("duplicate-pledge"));
        given().contentType(ContentType.JSON).body("""
                {"summary":"Earlier","publishedOn":"2026-01-01",
                 "addedPledges":[{"code":"new-one","title":"New","description":"New."}]}""")
                .when().post(CHARTER + "/versions")
                .then().statusCode(422)
                .body("errors[0].code", equalTo("before-previous-version"));
        given().get(CHARTER).then().body("version", equalTo(2));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "cddft-nhs-trust", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-NHS-RXP"))
    void signingAfterANewVersionSignsItAndOnlyTheNetworkAdminManagesCharters() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Versioned Trust","signatoryType":"PUBLIC_SECTOR_PARTNER","pledgeCodes":["good-employment"]}""")
                .when().post(CHARTER + "/signatories")
                .then().statusCode(201)
                .body("charterVersion", equalTo(2));
        given().get(CHARTER + "/signatories/GB-COH-70000001").then().statusCode(200).body("charterVersion", equalTo(1));
        given().contentType(ContentType.JSON).body("""
                {"summary":"Mine","publishedOn":"2026-08-01","addedPledges":[{"code":"mine","title":"Mine","description":"Mine."}]}""")
                .when().post(CHARTER + "/versions")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anyoneReadsTheMetricsWithTheirUnitsAndSources() {
        given().get("/api/v1/charters/fairer-richer-darlington/metrics").then().statusCode(200)
                .body("code", contains("local-spend-share", "social-value-delivered-gbp", "real-living-wage-employees-pct",
                        "volunteering-hours", "local-donations-gbp"))
                .body("find { it.code == 'local-spend-share' }.unit", equalTo("PERCENT"))
                .body("find { it.code == 'local-spend-share' }.source", equalTo("SPEND_EVENTS"))
                .body("find { it.code == 'local-donations-gbp' }.tiered", equalTo(true))
                .body("find { it.code == 'volunteering-hours' }.unit", equalTo("HOURS"));
    }
}
