package org.anchornetwork.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Before authentication, each address has a budget of token verifications: a flood of invalid tokens gets 429 with
 * Retry-After before any of them is verified, while a token already verified goes on as before.
 */
@QuarkusTest
@TestProfile(TokenVerificationLimitTest.SmallBudget.class)
@WithTestResource(FakeUpstreams.class)
class TokenVerificationLimitTest {

    private static final int BURST = 5;

    /** Five verifications, then one every 10 s: nothing refills while the test runs. */
    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "anchor.gateway.rate-limit.token-verification.requests-per-second", "0.1",
                    "anchor.gateway.rate-limit.token-verification.burst", Integer.toString(BURST));
        }
    }

    @Test
    void aFloodOfInvalidTokensIsRateLimitedBeforeVerificationWhileAKnownTokenPasses() {
        String known = KeycloakTokens.accessToken(DemoClient.DARLINGTON_COUNCIL);
        given().auth().oauth2(known).when().get("/api/v1/payments").then().statusCode(200);

        int refused = 0;
        int limited = 0;
        for (int i = 0; i < BURST + 5; i++) {
            int status = given().auth().oauth2("invalid-" + UUID.randomUUID())
                    .when().get("/api/v1/charters").then().extract().statusCode();
            if (status == 401) {
                refused++;
            } else if (status == 429) {
                limited++;
            }
        }
        assertEquals(BURST - 1, refused, "the budget left after the known token's one verification: 401 each");
        assertEquals(6, limited, "then 429 for every further unverified token");

        given().auth().oauth2("invalid-" + UUID.randomUUID())
                .when().get("/api/v1/charters")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("https://anchor-network.org/problems/rate-limited"))
                .body("status", equalTo(429))
                .body("instance", equalTo("/api/v1/charters"));

        // A token already verified is not charged: the client's own bucket decides.
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(known).when().get("/api/v1/payments").then().statusCode(200);
        }
        // A valid token never seen before needs a verification, so from here it must wait too.
        given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.NHS_TRUST))
                .when().get("/api/v1/payments").then().statusCode(429);
        // Callers without a token cost no verification: limited per address after authentication, not here.
        given().when().get("/api/v1/charters").then().statusCode(200);
    }
}
