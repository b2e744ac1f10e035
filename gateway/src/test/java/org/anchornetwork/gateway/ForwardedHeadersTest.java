package org.anchornetwork.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Headers a caller could use to pose as someone or somewhere never reach a service; the gateway says where it saw the request come from. */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class ForwardedHeadersTest {

    private static final List<String> SPOOFABLE = List.of(
            "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Forwarded-Port",
            "Forwarded", "X-Real-IP", "True-Client-IP", "X-Org-Id", "X-Organisation-Id", "X-Organization-Id",
            "X-User", "X-User-Id", "X-Client-Id", "X-Roles", "X-Acts-For", "X-Auth-Request-User",
            "X-Authenticated-Userid", "X-Authenticated-Org", "X-Remote-User", "X-Original-Forwarded-For",
            "X-HTTP-Method-Override", "X-Tenant-Id");
    private static final Set<String> SET_BY_THE_GATEWAY = Set.of("x-forwarded-for", "x-forwarded-host", "x-forwarded-proto");

    @Test
    void spoofedIdentityAndOriginHeadersNeverReachAService() {
        String token = KeycloakTokens.accessToken(DemoClient.DARLINGTON_COUNCIL);
        String spoof = "spoofed-" + UUID.randomUUID();
        RequestSpecification request = given().auth().oauth2(token)
                .header("Idempotency-Key", "batch-7")
                .header("Accept-Language", "en-GB")
                .contentType("application/json").body("{}");
        SPOOFABLE.forEach(name -> request.header(name, name.equals("Forwarded") ? "for=\"" + spoof + "\"" : spoof));

        Response response = request.when().post("/api/v1/payments");
        response.then().statusCode(200).body("service", equalTo("spend-service"))
                .body("authorization", equalTo("Bearer " + token));

        Map<String, List<String>> headers = response.jsonPath().getMap("headers");
        assertFalse(response.asString().contains(spoof), "a spoofed value reached the service: " + headers);
        for (String name : SPOOFABLE) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!SET_BY_THE_GATEWAY.contains(lower)) {
                assertFalse(headers.containsKey(lower), name + " reached the service");
            }
        }
        assertGatewaySetForwardedHeaders(headers);
        assertEquals(List.of("batch-7"), headers.get("idempotency-key"));
        assertEquals(List.of("en-GB"), headers.get("accept-language"));
    }

    @Test
    void anAnonymousCallerCannotClaimAnOrganisationOrAddressEither() {
        Response response = given()
                .header("X-Org-Id", "GB-LAE-DAL")
                .header("X-Forwarded-For", "10.0.0.1")
                .header("X-Authenticated-User", "network-admin")
                .when().get("/api/v1/charters/fairer-richer-darlington/pledges");
        response.then().statusCode(200).body("service", equalTo("pledge-service"));
        Map<String, List<String>> headers = response.jsonPath().getMap("headers");
        assertFalse(headers.containsKey("x-org-id"));
        assertFalse(headers.containsKey("x-authenticated-user"));
        assertGatewaySetForwardedHeaders(headers);
    }

    @Test
    void configuredNamesAndPrefixesAreMatchedWithoutCaseButAuthorizationIsAlwaysKept() {
        ForwardedHeaders headers = new ForwardedHeaders(List.of("X-Org-Id", "Authorization"), List.of("x-auth", "X-Forwarded-"));
        assertTrue(headers.untrusted("x-org-id"));
        assertTrue(headers.untrusted("X-AUTH-USER"));
        assertTrue(headers.untrusted("X-Forwarded-Prefix"));
        assertFalse(headers.untrusted("Authorization"));
        assertFalse(headers.untrusted("X-Request-Id"));
        assertFalse(headers.untrusted("Idempotency-Key"));
        assertFalse(headers.untrusted("Content-Type"));
    }

    private static void assertGatewaySetForwardedHeaders(Map<String, List<String>> headers) {
        List<String> forwardedFor = headers.get("x-forwarded-for");
        assertEquals(1, forwardedFor.size(), "one X-Forwarded-For: " + forwardedFor);
        assertTrue(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1").contains(forwardedFor.get(0)),
                "X-Forwarded-For is the peer the gateway saw: " + forwardedFor);
        assertEquals(List.of("http"), headers.get("x-forwarded-proto"));
        assertEquals(List.of("localhost:" + RestAssured.port), headers.get("x-forwarded-host"));
    }
}
