package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Control characters in a path or query string are a 400 before anything runs, on public routes too. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class ControlCharactersInRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = { "%00", "%01", "%09", "%0A", "%0D", "%1B", "%7F", "%C2%85" })
    void inAPathSegmentOrAQueryParameterTheyAreA400InvalidParameter(String control) {
        given().urlEncodingEnabled(false).get("/api/v1/charters/fairer" + control + "-richer-darlington").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/invalid-parameter"))
                .body("errors[0].pointer", equalTo("path")).body("errors[0].code", equalTo("control-character"));
        given().urlEncodingEnabled(false).get("/api/v1/charters/fairer-richer-darlington/signatories?pledge=give" + control)
                .then().statusCode(400).body("type", equalTo("https://anchor-network.org/problems/invalid-parameter"))
                .body("errors[0].pointer", equalTo("pledge"));
        // Before role checks: the same answer to a write without a token.
        given().urlEncodingEnabled(false).post("/api/v1/charters/x" + control + "y/versions").then().statusCode(400);
    }
}
