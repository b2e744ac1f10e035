package org.anchornetwork.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.anchornetwork.testsupport.ForgedTokens.Attack;
import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class GatewayTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String PROBLEM = "application/problem+json";

    private static String councilToken() {
        return KeycloakTokens.accessToken(DemoClient.DARLINGTON_COUNCIL);
    }

    @Test
    void requestsWithoutATokenAreRejectedBeforeReachingAService() {
        String requestId = "no-token-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId)
                .when().get("/api/v1/payments")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("X-Request-Id", requestId)
                .body("type", equalTo("https://anchor-network.org/problems/unauthorized"))
                .body("title", equalTo("Unauthorized"))
                .body("status", equalTo(401))
                .body("detail", notNullValue())
                .body("instance", equalTo("/api/v1/payments"))
                .body("requestId", equalTo(requestId));
        assertFalse(seenBy(FakeUpstreams.SPEND_URL).contains(requestId), "spend-service must not see the request");
    }

    @Test
    void aKeycloakTokenIsForwardedUntouchedWithPathAndQuery() {
        String token = councilToken();
        given().auth().oauth2(token).urlEncodingEnabled(false)
                .when().get("/api/v1/payments/period/2024-25?limit=5&cursor=abc%3D%3D&area=E06000005")
                .then().statusCode(200)
                .body("service", equalTo("spend-service"))
                .body("method", equalTo("GET"))
                .body("path", equalTo("/api/v1/payments/period/2024-25"))
                .body("query", equalTo("limit=5&cursor=abc%3D%3D&area=E06000005"))
                .body("authorization", equalTo("Bearer " + token));
    }

    @Test
    void eachPrefixGoesToTheServiceThatOwnsIt() {
        String token = councilToken();
        given().auth().oauth2(token).when().get("/api/v1/suppliers/GB-COH-01234567")
                .then().statusCode(200).body("service", equalTo("spend-service"))
                .body("path", equalTo("/api/v1/suppliers/GB-COH-01234567"));
        given().auth().oauth2(token).when().get("/api/v1/payments")
                .then().statusCode(200).body("service", equalTo("spend-service")).body("path", equalTo("/api/v1/payments"));
        given().auth().oauth2(token).when().get("/api/v1/charters")
                .then().statusCode(200).body("service", equalTo("pledge-service")).body("path", equalTo("/api/v1/charters"));
    }

    @Test
    void anonymousCallersMayReadThePublicCharterRegister() {
        given().when().get("/api/v1/charters/fairer-richer-darlington/pledges")
                .then().statusCode(200)
                .body("service", equalTo("pledge-service"))
                .body("path", equalTo("/api/v1/charters/fairer-richer-darlington/pledges"))
                .body("authorization", nullValue());
    }

    @Test
    void writesToPublicPathsStillNeedAToken() {
        given().contentType("application/json").body("{}")
                .when().post("/api/v1/charters/fairer-richer-darlington/signatories")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().auth().oauth2(councilToken()).contentType("application/json").body("{}")
                .when().post("/api/v1/charters/fairer-richer-darlington/signatories")
                .then().statusCode(200)
                .body("service", equalTo("pledge-service"))
                .body("method", equalTo("POST"));
    }

    @Test
    void aGarbageBearerTokenIsRejectedEvenOnAPublicPath() {
        given().header("Authorization", "Bearer not-a-token")
                .when().get("/api/v1/charters/fairer-richer-darlington/pledges")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("https://anchor-network.org/problems/unauthorized"))
                .body("instance", equalTo("/api/v1/charters/fairer-richer-darlington/pledges"))
                .body("requestId", notNullValue());
    }

    @Test
    void aTamperedTokenIsRejectedEvenRightAfterTheGenuineOneWasAccepted() {
        String token = councilToken();
        // The genuine token first, so that the gateway remembers it as validated (VerifiedTokenCache).
        given().auth().oauth2(token).when().get("/api/v1/payments").then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/v1/payments").then().statusCode(200);
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(parts[2].length() / 2);
        parts[2] = parts[2].substring(0, parts[2].length() / 2) + (last == 'A' ? 'B' : 'A')
                + parts[2].substring(parts[2].length() / 2 + 1);
        given().auth().oauth2(String.join(".", parts))
                .when().get("/api/v1/payments")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void onlyAccessTokensIssuedInThePastAndWithinTheirLifespanAreAccepted() {
        for (Attack attack : List.of(Attack.IAT_IN_THE_FUTURE, Attack.IAT_TOO_OLD, Attack.NO_ISSUED_AT, Attack.TYP_ID,
                Attack.TYP_REFRESH, Attack.NO_TYP)) {
            given().auth().oauth2(attack.token(DemoClient.DARLINGTON_COUNCIL))
                    .when().get("/api/v1/payments")
                    .then().statusCode(401).contentType(PROBLEM)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("type", equalTo("https://anchor-network.org/problems/unauthorized"));
        }
        // The same forgery with nothing changed is accepted, so each refusal is due to the one claim changed.
        given().auth().oauth2(Attack.VALID_CONTROL.token(DemoClient.DARLINGTON_COUNCIL))
                .when().get("/api/v1/payments").then().statusCode(200).body("service", equalTo("spend-service"));
    }

    @Test
    void aCallersRequestIdIsPropagatedAndReturned() {
        String requestId = "partner-erp:batch-42.7_" + UUID.randomUUID();
        given().auth().oauth2(councilToken()).header("X-Request-Id", requestId)
                .when().get("/api/v1/payments")
                .then().statusCode(200)
                .header("X-Request-Id", requestId)
                .body("requestId", equalTo(requestId))
                .body("requestIdHeaders", equalTo(1));
    }

    @Test
    void aRequestIdIsMintedWhenAbsentAndReturnedOnce() {
        Response response = given().when().get("/api/v1/charters/fairer-richer-darlington/pledges");
        response.then().statusCode(200).body("requestId", matchesPattern(UUID_PATTERN));
        List<String> returned = response.headers().getValues("X-Request-Id");
        assertEquals(List.of(response.jsonPath().getString("requestId")), returned);
    }

    @Test
    void anUnsafeRequestIdIsReplaced() {
        String unsafe = "<script>alert(1)</script> with spaces";
        given().header("X-Request-Id", unsafe)
                .when().get("/api/v1/charters")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID_PATTERN))
                .body("requestId", allOf(matchesPattern(UUID_PATTERN), not(equalTo(unsafe))));
    }

    @Test
    void aLargeRequestBodyArrivesIntact() {
        byte[] body = new byte[100 * 1024];
        new Random(42).nextBytes(body);
        given().auth().oauth2(councilToken()).contentType("application/octet-stream").body(body)
                .when().post("/api/v1/payments/batches")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(FakeUpstreams.sha256(body)));
    }

    @Test
    void aServiceThatIsDownIsA502ProblemNamingTheService() {
        Response response = given().when().get("/api/v1/frameworks");
        response.then().statusCode(502)
                .contentType(PROBLEM)
                .body("type", equalTo("https://anchor-network.org/problems/upstream-unavailable"))
                .body("title", equalTo("Bad Gateway"))
                .body("status", equalTo(502))
                .body("detail", containsString("framework-service"))
                .body("instance", equalTo("/api/v1/frameworks"))
                .body("requestId", notNullValue());
        assertFalse(response.asString().contains("127.0.0.1"), "the problem must not reveal the service's address");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA504ProblemNamingTheService() {
        long start = System.nanoTime();
        given().when().get("/api/v1/charters/slow")
                .then().statusCode(504)
                .contentType(PROBLEM)
                .body("type", equalTo("https://anchor-network.org/problems/upstream-timeout"))
                .body("detail", containsString("pledge-service"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < FakeUpstreams.SLOW_MILLIS, "the gateway must give up before the service answers: " + millis + " ms");
    }

    @Test
    void dotSegmentsCannotReachAProtectedServiceThroughAPublicPath() {
        given().urlEncodingEnabled(false)
                .when().get("/api/v1/charters/%2e%2e/%2e%2e/payments")
                .then().statusCode(allOf(org.hamcrest.Matchers.greaterThanOrEqualTo(400),
                        org.hamcrest.Matchers.lessThan(500)))
                .contentType(PROBLEM);
        given().auth().oauth2(councilToken()).urlEncodingEnabled(false)
                .when().get("/api/v1/charters/..%2fpayments")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void unknownApiPathsAreA404ProblemForAuthenticatedCallers() {
        given().when().get("/api/v1/nothing-here").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(councilToken()).when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://anchor-network.org/problems/not-found"));
    }

    @Test
    void eachServicesOpenApiDocumentIsServedAsJsonForTheSwaggerUi() {
        given().header("Authorization", "Bearer " + councilToken())
                .when().get("/openapi/pledge")
                .then().statusCode(200)
                .body("service", equalTo("pledge-service"))
                .body("method", equalTo("GET"))
                .body("path", equalTo("/q/openapi"))
                .body("query", equalTo("format=json"))
                .body("authorization", nullValue());
        given().when().get("/openapi/spend").then().statusCode(200).body("service", equalTo("spend-service"));
        given().when().get("/openapi/framework").then().statusCode(502).contentType(PROBLEM)
                .body("detail", containsString("framework-service"));
    }

    @Test
    void theSwaggerUiListsTheThreeServices() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(allOf(containsString("/openapi/framework"), containsString("/openapi/spend"),
                        containsString("/openapi/pledge")));
    }

    private static String seenBy(String urlKey) {
        String url = ConfigProvider.getConfig().getValue(urlKey, String.class);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/__seen")).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
