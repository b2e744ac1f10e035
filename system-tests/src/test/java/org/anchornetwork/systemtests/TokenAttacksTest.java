package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.anchornetwork.testsupport.ForgedTokens;
import org.anchornetwork.testsupport.ForgedTokens.Attack;
import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.anchornetwork.testsupport.LocalInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Token attacks, at the gateway and directly at each service (zero trust: every service validates the token again).
 * Every attack ({@link ForgedTokens.Attack}: missing, malformed, expired, not yet valid, issued in the future, issued
 * longer ago than the token lifespan, without iat, typ other than Bearer (ID, Refresh) or none, wrong issuer or
 * audience, alg none, HS256 keyed with the public key, tampered payload, unknown key...) is a 401 problem with
 * {@code WWW-Authenticate: Bearer}; the forged control, signed the same way but valid, is accepted, which proves the
 * refusals are due to the one thing each attack changes. A real token without the operation's role is a 403, and a real
 * token of another realm of the same Keycloak ({@code other-realm}) is a 401.
 * <p>
 * deploy/local/test.sh starts the network (gateway 18080, framework 18081, spend 18082, pledge 18083) and passes its
 * addresses in ANCHOR_GATEWAY_URL, FRAMEWORK_SERVICE_URL, SPEND_SERVICE_URL and PLEDGE_SERVICE_URL.
 */
class TokenAttacksTest {

    /** An operation that needs a token, at one address: the gateway or a service itself. */
    record Target(String where, Supplier<String> baseUrl, String method, String path, Supplier<String> body,
            DemoClient authorised, DemoClient withoutRole) {

        Response send(String token) {
            RequestSpecification request = given().baseUri(baseUrl.get()).accept(ContentType.JSON);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                request.contentType(ContentType.JSON).body(body.get());
            }
            return request.request(method, path);
        }

        @Override
        public String toString() {
            return where + " " + method + " " + path;
        }
    }

    private static final String SIGN_CHARTER = "/api/v1/charters/fairer-richer-darlington/signatories";

    private static final Supplier<String> NEW_FRAMEWORK = () -> """
            {"id":"token-attack-%s","name":"Token Attack Framework","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}"""
            .formatted(UUID.randomUUID().toString().substring(0, 8));

    /**
     * Signing is idempotent (201 the first time, 200 after). The council (an anchor) signs as TenantIsolationMatrixTest
     * has it sign; not the college, whose signature InputAbuseTest must never see. The supplier has neither role.
     */
    private static final Supplier<String> COUNCIL_SIGNS = () -> """
            {"organisationName":"Darlington Borough Council","signatoryType":"PUBLIC_SECTOR_PARTNER",
             "pledgeCodes":["keep-your-money-local"]}""";

    static final List<Target> TARGETS = List.of(
            new Target("gateway", LocalInfrastructure::gatewayUrl, "GET", "/api/v1/payments", null,
                    DemoClient.DARLINGTON_COUNCIL, DemoClient.SUPPLIER),
            new Target("gateway", LocalInfrastructure::gatewayUrl, "GET", "/api/v1/suppliers", null,
                    DemoClient.DARLINGTON_COUNCIL, null),
            new Target("gateway", LocalInfrastructure::gatewayUrl, "POST", "/api/v1/frameworks", NEW_FRAMEWORK,
                    DemoClient.NETWORK_ADMIN, DemoClient.DARLINGTON_COUNCIL),
            new Target("gateway", LocalInfrastructure::gatewayUrl, "POST", SIGN_CHARTER, COUNCIL_SIGNS,
                    DemoClient.DARLINGTON_COUNCIL, DemoClient.SUPPLIER),
            new Target("spend-service", LocalInfrastructure::spendServiceUrl, "GET", "/api/v1/payments", null,
                    DemoClient.DARLINGTON_COUNCIL, DemoClient.SUPPLIER),
            new Target("spend-service", LocalInfrastructure::spendServiceUrl, "GET", "/api/v1/suppliers", null,
                    DemoClient.DARLINGTON_COUNCIL, null),
            new Target("framework-service", LocalInfrastructure::frameworkServiceUrl, "POST", "/api/v1/frameworks", NEW_FRAMEWORK,
                    DemoClient.NETWORK_ADMIN, DemoClient.DARLINGTON_COUNCIL),
            new Target("pledge-service", LocalInfrastructure::pledgeServiceUrl, "POST", SIGN_CHARTER, COUNCIL_SIGNS,
                    DemoClient.DARLINGTON_COUNCIL, DemoClient.SUPPLIER));

    @BeforeAll
    static void theNetworkAnswers() {
        for (String url : List.of(LocalInfrastructure.gatewayUrl(), LocalInfrastructure.frameworkServiceUrl(),
                LocalInfrastructure.spendServiceUrl(), LocalInfrastructure.pledgeServiceUrl())) {
            LocalInfrastructure.requireReachable("The network (" + url + ")", LocalInfrastructure.addressOfUrl(url));
        }
    }

    static Stream<Arguments> attacksAtTargets() {
        return Arrays.stream(Attack.values()).filter(attack -> attack != Attack.VALID_CONTROL)
                .flatMap(attack -> TARGETS.stream().map(target -> Arguments.of(attack, target)));
    }

    static Stream<Target> targets() {
        return TARGETS.stream();
    }

    static Stream<Arguments> targetsWithARoleRule() {
        return TARGETS.stream().filter(target -> target.withoutRole() != null)
                .map(target -> Arguments.of(target, target.withoutRole().clientId));
    }

    @ParameterizedTest(name = "{0} at {1}: 401")
    @MethodSource("attacksAtTargets")
    void anAttackIsA401Problem(Attack attack, Target target) {
        assertUnauthorised(target.send(attack.token(target.authorised())), attack + " at " + target);
    }

    @Test
    void theControlIsAnAccessTokenIssuedNowSoEachAttackChangesOneThing() {
        ObjectNode claims = ForgedTokens.claimsOf(Attack.VALID_CONTROL.token(DemoClient.DARLINGTON_COUNCIL));
        long now = Instant.now().getEpochSecond();
        assertEquals("Bearer", claims.path("typ").asText(), "the control is an access token, as Keycloak issues them");
        assertTrue(Math.abs(claims.path("iat").asLong() - now) <= 5, () -> "iat is now: " + claims);
        assertEquals(claims.path("iat").asLong() + 300, claims.path("exp").asLong());
    }

    @ParameterizedTest(name = "valid forged control at {0}: accepted")
    @MethodSource("targets")
    void theValidForgedControlIsAccepted(Target target) {
        assertAccepted(target.send(Attack.VALID_CONTROL.token(target.authorised())), "valid forged control at " + target);
    }

    @ParameterizedTest(name = "real token at {0}: accepted")
    @MethodSource("targets")
    void aRealTokenIsAccepted(Target target) {
        assertAccepted(target.send(KeycloakTokens.accessToken(target.authorised())), "real token at " + target);
    }

    @ParameterizedTest(name = "real token of {1}, without the role, at {0}: 403")
    @MethodSource("targetsWithARoleRule")
    void aRealTokenWithoutTheRoleIsA403Problem(Target target, String clientId) {
        Response response = target.send(KeycloakTokens.accessToken(target.withoutRole()));
        String what = "real token of " + clientId + " at " + target;
        assertAll(what,
                () -> assertEquals(403, response.statusCode(), () -> what + " answered: " + response.asString()),
                () -> assertProblemJson(response, what));
    }

    @ParameterizedTest(name = "real token from another realm (other-realm, intruder) at {0}: 401")
    @MethodSource("targets")
    void aTokenFromAnotherRealmIsA401Problem(Target target) {
        assertUnauthorised(target.send(KeycloakTokens.otherRealmAccessToken()), "token from other-realm at " + target);
    }

    private static void assertUnauthorised(Response response, String what) {
        assertAll(what,
                () -> assertEquals(401, response.statusCode(), () -> what + " answered: " + response.asString()),
                () -> assertProblemJson(response, what),
                () -> assertTrue(String.valueOf(response.header("WWW-Authenticate")).startsWith("Bearer"),
                        () -> what + ": WWW-Authenticate was " + response.header("WWW-Authenticate")));
    }

    private static void assertAccepted(Response response, String what) {
        assertTrue(response.statusCode() >= 200 && response.statusCode() < 300,
                () -> what + " answered " + response.statusCode() + ": " + response.asString());
    }

    private static void assertProblemJson(Response response, String what) {
        assertTrue(String.valueOf(response.contentType()).startsWith("application/problem+json"),
                () -> what + ": content type was " + response.contentType());
    }
}
