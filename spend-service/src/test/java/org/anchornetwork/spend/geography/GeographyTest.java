package org.anchornetwork.spend.geography;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;

/** Locality on the real ONS North East extracts (../shared/data/geography), loaded at start as a deployment loads ONSPD. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class GeographyTest {

    private static final String POSTCODES = "/api/v1/geography/postcodes/";

    @BeforeEach
    void needsTheRealExtracts() {
        SharedData.file("geography/postcodes_DL_to_lad.csv");
    }

    @Test
    void aFullPostcodeIsFoundInTheLookupWithItsDistrictRegionAndTiers() {
        given().get(POSTCODES + "dl15qt").then().statusCode(200)
                .body("postcode", equalTo("DL1 5QT")).body("source", equalTo("POSTCODE"))
                .body("ladCode", equalTo("E06000005")).body("ladName", equalTo("Darlington"))
                .body("regionCode", equalTo("E12000001"))
                .body("tiers", contains("darlington", "north-east", "tees-valley"));
        given().get(POSTCODES + "TS1 1AA").then().statusCode(200)
                .body("ladCode", equalTo("E06000002")).body("tiers", contains("north-east", "tees-valley"));
        // DL10 is Richmond, North Yorkshire: a DL postcode outside every tier of the network.
        given().get(POSTCODES + "DL10 4AA").then().statusCode(200)
                .body("ladCode", equalTo("E06000065")).body("tiers", empty());
    }

    @Test
    void dl2IsSplitSoOnlyFullPostcodesPlaceIt() {
        given().get(POSTCODES + "DL2 1AA").then().statusCode(200).body("ladCode", equalTo("E06000005"));
        given().get(POSTCODES + "DL2 2UL").then().statusCode(200).body("ladCode", equalTo("E06000047"))
                .body("tiers", contains("north-east"));
        given().get(POSTCODES + "DL2 9ZZ").then().statusCode(200).body("source", equalTo("UNKNOWN"))
                .body("ladCode", nullValue()).body("tiers", empty());
    }

    @Test
    void aDistrictWhollyInOneAuthorityPlacesAnUnlistedPostcodeAndSaysSo() {
        given().get(POSTCODES + "DL3 9ZZ").then().statusCode(200)
                .body("source", equalTo("DISTRICT")).body("ladCode", equalTo("E06000005"));
        // One TS1 postcode is in Redcar and Cleveland, so TS1 alone is not enough; nor is DL1 (eight in County Durham).
        given().get(POSTCODES + "TS1 5ZZ").then().statusCode(200).body("source", equalTo("UNKNOWN"));
        given().get(POSTCODES + "DL1 9ZX").then().statusCode(200).body("source", equalTo("UNKNOWN"));
        given().get(POSTCODES + "not-a-postcode").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aDistrictByItsCodeHasItsRegionAndTiers() {
        given().get("/api/v1/geography/districts/E06000005").then().statusCode(200)
                .body("ladName", equalTo("Darlington")).body("regionCode", equalTo("E12000001"))
                .body("tiers", contains("darlington", "north-east", "tees-valley"));
        given().get("/api/v1/geography/districts/E06000047").then().statusCode(200)
                .body("tiers", contains("north-east"));
        given().get("/api/v1/geography/districts/E05001234").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theDemoTiersAreInForceAndVersioned() {
        given().get("/api/v1/geography/tiers").then().statusCode(200)
                .body("name", contains("darlington", "north-east", "tees-valley"))
                .body("find { it.name == 'tees-valley' }.areaCodes",
                        contains("E06000001", "E06000002", "E06000003", "E06000004", "E06000005"));
        given().get("/api/v1/geography/tiers/no-such-tier/versions").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aNetworkAdminDefinesTheNextVersionOfATierFromAreasTheGeographyKnows() {
        given().contentType("application/json").body("""
                {"label":"Darlington and County Durham","areaCodes":["E06000005","E06000047"],"effectiveFrom":"2030-04-01"}""")
                .post("/api/v1/geography/tiers/darlington-plus/versions").then().statusCode(201)
                .body("version", equalTo(1));
        given().contentType("application/json").body("""
                {"label":"Darlington, County Durham and the North East","areaCodes":["E06000005","E12000001"],"effectiveFrom":"2031-04-01"}""")
                .post("/api/v1/geography/tiers/darlington-plus/versions").then().statusCode(201)
                .body("version", equalTo(2));
        given().get("/api/v1/geography/tiers?on=2030-06-01").then().statusCode(200)
                .body("find { it.name == 'darlington-plus' }.version", equalTo(1));
        given().contentType("application/json").body("""
                {"label":"Nowhere","areaCodes":["E06999999","bad"],"effectiveFrom":"2030-04-01"}""")
                .post("/api/v1/geography/tiers/nowhere/versions").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/areaCodes/1"));
        // Every kind of error at once (issue 15): the tier's name, the request's constraints, unknown areas.
        given().contentType("application/json").body("""
                {"label":"","areaCodes":["E06999999","bad"],"effectiveFrom":"2030-04-01"}""")
                .post("/api/v1/geography/tiers/outside/versions").then().statusCode(422)
                .body("errors.collect { it.pointer + ' ' + it.code }", org.hamcrest.Matchers.containsInAnyOrder(
                        "name invalid-name", "/label NotBlank", "/areaCodes/1 Pattern", "/areaCodes/0 unknown-area"));
        given().contentType("application/json").body("""
                {"label":"Nowhere","areaCodes":["E06999999"],"effectiveFrom":"2030-04-01"}""")
                .post("/api/v1/geography/tiers/nowhere/versions").then().statusCode(422)
                .body("errors[0].code", equalTo("unknown-area"));
    }

    @Test
    @TestSecurity(user = "darlington", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void onlyANetworkAdminDefinesTiers() {
        given().contentType("application/json").body("""
                {"label":"Mine","areaCodes":["E06000005"],"effectiveFrom":"2030-04-01"}""")
                .post("/api/v1/geography/tiers/mine/versions").then().statusCode(403);
    }
}
