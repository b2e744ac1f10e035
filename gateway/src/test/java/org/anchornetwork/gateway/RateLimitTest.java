package org.anchornetwork.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Each client has its own bucket: one over its limit gets 429 with Retry-After while the others carry on. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBuckets.class)
@WithTestResource(FakeUpstreams.class)
class RateLimitTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String RATE_LIMITED = "https://anchor-network.org/problems/rate-limited";
    private static final int CLIENT_BURST = 3;
    private static final int ANONYMOUS_BURST = 2;

    /** A token every 5 s, so that nothing refills while a test runs. */
    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "anchor.gateway.rate-limit.client.requests-per-second", "0.2",
                    "anchor.gateway.rate-limit.client.burst", Integer.toString(CLIENT_BURST),
                    "anchor.gateway.rate-limit.anonymous.requests-per-second", "0.2",
                    "anchor.gateway.rate-limit.anonymous.burst", Integer.toString(ANONYMOUS_BURST));
        }
    }

    @Test
    void aClientOverItsBurstGets429WithRetryAfterWhileAnotherClientStillGets200() {
        String noisy = KeycloakTokens.accessToken(DemoClient.DARLINGTON_COUNCIL);
        String quiet = KeycloakTokens.accessToken(DemoClient.NHS_TRUST);
        for (int i = 0; i < CLIENT_BURST; i++) {
            given().auth().oauth2(noisy).when().get("/api/v1/payments").then().statusCode(200);
        }

        Response limited = given().auth().oauth2(noisy).when().get("/api/v1/payments");
        limited.then().statusCode(429)
                .contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo(RATE_LIMITED))
                .body("title", equalTo("Too Many Requests"))
                .body("status", equalTo(429))
                .body("instance", equalTo("/api/v1/payments"));
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "a token comes back within 5 s: " + retryAfter);

        for (int i = 0; i < CLIENT_BURST; i++) {
            given().auth().oauth2(quiet).when().get("/api/v1/payments")
                    .then().statusCode(200).body("service", equalTo("spend-service"));
        }
        given().auth().oauth2(noisy).when().get("/api/v1/suppliers/GB-COH-10000002").then().statusCode(429);
    }

    @Test
    void anonymousCallersAreLimitedByAddressWithoutLimitingClientsOrTheSwaggerUi() {
        for (int i = 0; i < ANONYMOUS_BURST; i++) {
            given().when().get("/api/v1/charters").then().statusCode(200);
        }
        given().when().get("/api/v1/charters")
                .then().statusCode(429).contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo(RATE_LIMITED));

        // Same address, but with a token: the client's own bucket.
        given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.SIGNATORY_BUSINESS))
                .when().get("/api/v1/charters").then().statusCode(200);
        // Preflights and the Swagger UI are never limited.
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/charters").then().statusCode(200);
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
