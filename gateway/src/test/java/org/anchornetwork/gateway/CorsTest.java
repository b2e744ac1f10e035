package org.anchornetwork.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Browsers on the configured origins may call the API; a preflight needs no token and never reaches a service. */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class CorsTest {

    private static final String ALLOWED_ORIGIN = "http://localhost:3000";

    @Test
    void aPreflightFromAnAllowedOriginNeedsNoTokenAndGetsTheCorsHeaders() {
        String requestId = "preflight-" + UUID.randomUUID();
        given().header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,x-request-id")
                .header("X-Request-Id", requestId)
                .when().options("/api/v1/payments")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Methods", allOf(containsString("GET"), containsString("POST"),
                        containsString("PUT"), containsString("PATCH"), containsString("DELETE"), containsString("OPTIONS")))
                .header("Access-Control-Allow-Headers", allOf(containsString("Authorization"), containsString("Content-Type"),
                        containsString("Idempotency-Key"), containsString("X-Request-Id")))
                .header("Access-Control-Expose-Headers", allOf(containsString("X-Request-Id"), containsString("Location"),
                        containsString("Retry-After")))
                .header("X-Request-Id", requestId);
        assertFalse(FakeUpstreams.seenBy(FakeUpstreams.SPEND_URL).contains(requestId), "a preflight must not reach a service");
    }

    @Test
    void aPreflightFromAnUnknownOriginGetsNoCorsHeaders() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization")
                .when().options("/api/v1/payments")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
    }

    @Test
    void aCrossOriginCallFromAnAllowedOriginCanReadTheResponseAndItsRequestId() {
        given().header("Origin", "http://localhost:8080")
                .when().get("/api/v1/charters/fairer-richer-darlington/pledges")
                .then().statusCode(200)
                .body("service", equalTo("pledge-service"))
                .header("Access-Control-Allow-Origin", "http://localhost:8080")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void aBrowserCanReadTheProblemWhenItsCallIsRefused() {
        given().header("Origin", ALLOWED_ORIGIN)
                .when().get("/api/v1/payments")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .body("type", equalTo("https://anchor-network.org/problems/unauthorized"));
    }
}
