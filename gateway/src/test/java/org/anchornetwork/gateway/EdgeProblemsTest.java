package org.anchornetwork.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What the HTTP layer answers at the gateway itself, always as a problem in the house shape with the request id: an
 * HTTP/1.1 request without Host (400), a path nothing serves (404), a method a route does not take (405), header
 * fields or a request line over the limits (431, 414); and health and metrics, which are only on the management
 * interface.
 */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class EdgeProblemsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String TYPES = "https://anchor-network.org/problems/";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TestHTTPResource("/")
    URL publicPort;

    /** The management interface's root, {@code /q/}. */
    @TestHTTPResource(value = "/", management = true)
    URL managementPort;

    @Test
    void anHttp11RequestWithoutHostIsA400ProblemNotA500() throws IOException {
        String answer = raw("GET /api/v1/charters HTTP/1.1\r\nX-Request-Id: no-host-1\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        JsonPath problem = JsonPath.from(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertEquals(TYPES + "malformed-request", problem.getString("type"));
        assertEquals(400, problem.getInt("status"));
        assertEquals("/api/v1/charters", problem.getString("instance"));
        assertEquals("no-host-1", problem.getString("requestId"), "the caller's request id, as on every problem");
        assertTrue(answer.contains("X-Request-Id: no-host-1"), answer);
    }

    @Test
    void anHttp10RequestNeedsNoHost() throws IOException {
        String answer = raw("GET /api/v1/charters HTTP/1.0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.0 200 "), answer);
    }

    @Test
    void aPathNothingServesIsA404ProblemNotAnHtmlPage() {
        for (String path : new String[] { "/nothing-here", "/q/nothing-here", "/openapi/nothing-here", "/" }) {
            given().header("X-Request-Id", "unknown-route-1").when().get(path)
                    .then().statusCode(404).contentType(PROBLEM)
                    .header("X-Request-Id", "unknown-route-1")
                    .body("type", equalTo(TYPES + "not-found"))
                    .body("title", equalTo("Not Found"))
                    .body("status", equalTo(404))
                    .body("instance", equalTo(path))
                    .body("requestId", equalTo("unknown-route-1"));
        }
    }

    @Test
    void aMethodARouteDoesNotTakeIsA405Problem() {
        given().when().post("/openapi/pledge")
                .then().statusCode(405).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "method-not-allowed"))
                .body("status", equalTo(405))
                .body("detail", containsString("POST"))
                .body("requestId", matchesPattern(UUID_PATTERN));
    }

    @Test
    void headerFieldsOverTheLimitAreA431Problem() {
        given().header("X-Padding", "a".repeat(21 * 1024))
                .when().get("/api/v1/charters")
                .then().statusCode(431).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "request-header-fields-too-large"))
                .body("status", equalTo(431))
                .body("detail", containsString("20 KB"))
                .body("requestId", matchesPattern(UUID_PATTERN));
        // Far beyond the limit, still the problem (Vert.x's own, bodiless answer starts only past 64 KB).
        given().header("X-Padding", "a".repeat(60 * 1024))
                .when().get("/api/v1/charters")
                .then().statusCode(431).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "request-header-fields-too-large"));
        given().header("X-Padding", "a".repeat(19 * 1024))
                .when().get("/api/v1/charters").then().statusCode(200);
    }

    @Test
    void aRequestLineOverTheLimitIsA414Problem() {
        given().urlEncodingEnabled(false)
                .when().get("/api/v1/charters?q=" + "a".repeat(5000))
                .then().statusCode(414).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "uri-too-long"))
                .body("status", equalTo(414))
                .body("instance", equalTo("/api/v1/charters"))
                .body("requestId", matchesPattern(UUID_PATTERN));
        given().urlEncodingEnabled(false)
                .when().get("/api/v1/charters?q=" + "a".repeat(3900)).then().statusCode(200);
    }

    @Test
    void healthAndMetricsAreNotOnThePublicPort() {
        for (String path : new String[] { "/q/health", "/q/health/ready", "/q/health/live", "/q/metrics" }) {
            given().when().get(path).then().statusCode(404).contentType(PROBLEM).body("type", equalTo(TYPES + "not-found"));
            // Not with a token either: the public port has no such route at all.
            given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.NETWORK_ADMIN)).when().get(path)
                    .then().statusCode(404).contentType(PROBLEM);
        }
    }

    @Test
    void healthAndMetricsAreOnTheManagementInterfaceAtTheirUsualPaths() {
        assertTrue(managementPort.getPort() != publicPort.getPort(), "a port of its own");
        String management = "http://" + managementPort.getHost() + ":" + managementPort.getPort();
        given().baseUri(management).when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(management).when().get("/q/metrics")
                .then().statusCode(200).body(containsString("http_server_requests"));
        // The API is not served there.
        given().baseUri(management).when().get("/api/v1/charters").then().statusCode(404);
    }

    @Test
    void theSwaggerUiAndTheServicesDocumentsStayPublic() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/openapi/pledge").then().statusCode(200).body("service", equalTo("pledge-service"));
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(publicPort.getHost(), publicPort.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
