package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.anchornetwork.messaging.OutboxEvent;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class SigningTest {

    private static final String SIGN = "/api/v1/charters/fairer-richer-darlington/signatories";

    @Test
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-20000001"))
    void aSignatoryJoinsOnceAndSigningAgainOnlyAddsPledges() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"organisationName":"Quaker Coffee Co","signatoryType":"BUSINESS",
                         "pledgeCodes":["keep-your-money-local"]}""")
                .when().post(SIGN)
                .then().statusCode(201)
                .header("Location", containsString("/signatories/GB-COH-20000001"))
                .body("organisationId", equalTo("GB-COH-20000001"))
                .body("pledgeCodes", contains("keep-your-money-local"));

        given().contentType(ContentType.JSON)
                .body("""
                        {"organisationName":"Quaker Coffee Co","signatoryType":"BUSINESS",
                         "pledgeCodes":["keep-your-money-local","give-locally"]}""")
                .when().post(SIGN)
                .then().statusCode(200)
                .body("pledgeCodes", contains("give-locally", "keep-your-money-local"));

        assertEquals(1, OutboxEvent.count("eventType = ?1 and aggregateId = ?2", "pledge.signatory-joined.v1",
                "GB-COH-20000001"), "joining publishes exactly one event");

        given().when().get(SIGN + "/GB-COH-20000001").then().statusCode(200)
                .body("organisationName", equalTo("Quaker Coffee Co"));
        given().when().get(SIGN).then().statusCode(200)
                .body("items.organisationId", hasItem("GB-COH-20000001"));
    }

    @Test
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-20000002"))
    void theOrganisationComesFromTheTokenNeverFromTheBody() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"organisationId":"GB-LAE-DAL","organisationName":"Spoofer Ltd","signatoryType":"BUSINESS",
                         "pledgeCodes":["give-locally"]}""")
                .when().post(SIGN)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/organisationId"))
                .body("errors[0].code", equalTo("unknown-field"))
                .body("detail", not(containsString("org.anchornetwork")));
        given().when().get(SIGN).then().statusCode(200)
                .body("items.organisationName", not(hasItem("Spoofer Ltd")));
    }

    @Test
    @TestSecurity(user = "darlington-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void unknownPledgesAreRejectedWithAPointerAndNothingIsStored() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"organisationName":"Darlington Borough Council","signatoryType":"PUBLIC_SECTOR_PARTNER",
                         "pledgeCodes":["give-locally","free-lunches"]}""")
                .when().post(SIGN)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/pledgeCodes/1"))
                .body("errors[0].code", equalTo("unknown-pledge"));
        given().when().get(SIGN + "/GB-LAE-DAL").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "darlington-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void missingFieldsAreA422NamingEachField() {
        given().contentType(ContentType.JSON).body("{\"pledgeCodes\":[]}")
                .when().post(SIGN)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/organisationName"))
                .body("errors.pointer", hasItem("/signatoryType"))
                .body("errors.pointer", hasItem("/pledgeCodes"));
    }

    @Test
    @TestSecurity(user = "darlington-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"organisationName\": ")
                .when().post(SIGN)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/malformed-request"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void signingWithoutATokenIsA401Problem() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post(SIGN)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    @TestSecurity(user = "dl-building-supplies", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-10000002"))
    void aSupplierCannotSignForItselfThroughThisOperation() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"organisationName":"DL Building Supplies","signatoryType":"BUSINESS","pledgeCodes":["give-locally"]}""")
                .when().post(SIGN)
                .then().statusCode(403)
                .contentType("application/problem+json");
    }
}
