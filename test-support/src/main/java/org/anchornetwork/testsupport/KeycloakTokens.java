package org.anchornetwork.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real access tokens from the local Keycloak realm, by the client credentials grant of the demo clients in
 * {@code deploy/local/keycloak/anchor-network-realm.json} (their fake secrets are {@code <client id>-secret}).
 */
public final class KeycloakTokens {

    /** Demo clients of the local realm and the organisations their tokens name. */
    public enum DemoClient {
        NETWORK_ADMIN("network-admin"),
        DARLINGTON_COUNCIL("darlington-council"),
        NHS_TRUST("cddft-nhs-trust"),
        COLLEGE("darlington-college"),
        PORTAL("tees-tender-portal"),
        SUPPLIER("dl-building-supplies"),
        SIGNATORY_BUSINESS("quaker-coffee"),
        SIGNATORY_BAKERY("tees-valley-bakery");

        public final String clientId;

        DemoClient(String clientId) {
            this.clientId = clientId;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private KeycloakTokens() {
    }

    public static String accessToken(DemoClient client) {
        return accessToken(client.clientId, client.clientId + "-secret");
    }

    public static String accessToken(String clientId, String clientSecret) {
        return accessToken(LocalInfrastructure.realmUrl(), clientId, clientSecret);
    }

    /**
     * A real token of client {@code intruder} of the local realm {@code other-realm}: it names {@code org_id} GB-LAE-DAL,
     * realm role {@code anchor} and audience {@code anchor-network-api}, but another realm issued it, so the network
     * must refuse it.
     */
    public static String otherRealmAccessToken() {
        return accessToken(LocalInfrastructure.otherRealmUrl(), "intruder", "intruder-secret");
    }

    /** A real token by the client credentials grant from the realm at {@code realmUrl}. */
    public static String accessToken(String realmUrl, String clientId, String clientSecret) {
        String cacheKey = realmUrl + " " + clientId;
        Cached cached = CACHE.get(cacheKey);
        if (cached != null && cached.expiresAt.isAfter(Instant.now().plusSeconds(30))) {
            return cached.token;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + clientId + ": " + response.statusCode()
                        + " " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            Cached fresh = new Cached(body.get("access_token").asText(),
                    Instant.now().plusSeconds(body.get("expires_in").asLong()));
            CACHE.put(cacheKey, fresh);
            return fresh.token;
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + realmUrl
                    + ". Start it with: deploy/local/infra.sh up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Cached(String token, Instant expiresAt) {
    }
}
