package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.anchornetwork.testsupport.LocalInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Whatever the HTTP layer answers itself, at the gateway and at each service called directly, is a problem in the
 * house shape with the request id of the {@code X-Request-Id} header: a path nothing serves (404 {@code not-found}),
 * a method a path does not take (405 {@code method-not-allowed}), an HTTP/1.1 request without Host (400
 * {@code malformed-request}), header fields over 20 KB (431 {@code request-header-fields-too-large}), a request line
 * over 4096 bytes (414 {@code uri-too-long}), and a declared body over the limit (413 {@code payload-too-large}; the
 * gateway's per-path limits and streamed bodies have their own tests).
 */
class HttpLayerProblemsTest {

    private static final String TYPES = "https://anchor-network.org/problems/";
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");

    /**
     * One component: where it is, and a path it serves only for GET (the gateway forwards it, with a token, to the
     * service that owns it).
     */
    record Component(String name, Supplier<String> baseUrl, String getOnlyPath) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Component> COMPONENTS = List.of(
            new Component("gateway", LocalInfrastructure::gatewayUrl, "/api/v1/charters"),
            new Component("framework-service", LocalInfrastructure::frameworkServiceUrl, "/api/v1/frameworks"),
            new Component("spend-service", LocalInfrastructure::spendServiceUrl, "/api/v1/geography/tiers"),
            new Component("pledge-service", LocalInfrastructure::pledgeServiceUrl, "/api/v1/charters"));

    static Stream<Component> components() {
        return COMPONENTS.stream();
    }

    @BeforeAll
    static void theNetworkAnswers() {
        for (Component component : COMPONENTS) {
            LocalInfrastructure.requireReachable("The network (" + component.baseUrl().get() + ")",
                    LocalInfrastructure.addressOfUrl(component.baseUrl().get()));
        }
    }

    private static RequestSpecification at(Component component, String requestId) {
        return given().baseUri(component.baseUrl().get()).header("X-Request-Id", requestId)
                .auth().oauth2(KeycloakTokens.accessToken(DemoClient.DARLINGTON_COUNCIL));
    }

    @ParameterizedTest(name = "{0}: a path nothing serves is a 404 problem")
    @MethodSource("components")
    void aPathNothingServesIsA404Problem(Component component) {
        for (String path : List.of("/no-such-thing", "/api/v1/no-such-thing", "/q/no-such-thing")) {
            String requestId = "not-found-" + UUID.randomUUID();
            assertProblem(component + " GET " + path, at(component, requestId).get(path), 404, "not-found", requestId);
        }
    }

    @ParameterizedTest(name = "{0}: a method the path does not take is a 405 problem")
    @MethodSource("components")
    void aMethodThePathDoesNotTakeIsA405Problem(Component component) {
        String requestId = "method-" + UUID.randomUUID();
        assertProblem(component + " DELETE " + component.getOnlyPath(),
                at(component, requestId).delete(component.getOnlyPath()), 405, "method-not-allowed", requestId);
    }

    @ParameterizedTest(name = "{0}: header fields over 20 KB are a 431 problem")
    @MethodSource("components")
    void headerFieldsOverTheLimitAreA431Problem(Component component) {
        String requestId = "headers-" + UUID.randomUUID();
        assertProblem(component + " with 21 KB of headers", at(component, requestId).header("X-Padding", "a".repeat(21 * 1024))
                .get(component.getOnlyPath()), 431, "request-header-fields-too-large", requestId);
    }

    @ParameterizedTest(name = "{0}: a request line over 4096 bytes is a 414 problem")
    @MethodSource("components")
    void aRequestLineOverTheLimitIsA414Problem(Component component) {
        String requestId = "uri-" + UUID.randomUUID();
        assertProblem(component + " with a 5000-byte query", at(component, requestId).urlEncodingEnabled(false)
                .get(component.getOnlyPath() + "?q=" + "a".repeat(5000)), 414, "uri-too-long", requestId);
    }

    @ParameterizedTest(name = "{0}: an HTTP/1.1 request without Host is a 400 problem")
    @MethodSource("components")
    void anHttp11RequestWithoutHostIsA400Problem(Component component) throws IOException {
        String requestId = "no-host-" + UUID.randomUUID();
        assertRawProblem(component + " without Host", exchange(component, "GET " + component.getOnlyPath()
                + " HTTP/1.1\r\nX-Request-Id: " + requestId + "\r\nConnection: close\r\n\r\n"),
                component.getOnlyPath(), 400, "malformed-request", requestId);
    }

    @ParameterizedTest(name = "{0}: a declared body over the limit is a 413 problem before it is read")
    @MethodSource("components")
    void aDeclaredBodyOverTheLimitIsA413ProblemBeforeItIsRead(Component component) throws IOException {
        String requestId = "body-" + UUID.randomUUID();
        // 251 MB is over every limit (the gateway's 1 MB on this path; the services' 10 MB, spend-service's 250 MB):
        // only the length is sent, the refusal comes before any of the body.
        URI url = URI.create(component.baseUrl().get());
        assertRawProblem(component + " declaring 251 MB", exchange(component, "POST " + component.getOnlyPath()
                + " HTTP/1.1\r\nHost: " + url.getAuthority() + "\r\nX-Request-Id: " + requestId
                + "\r\nContent-Type: application/json\r\nContent-Length: " + 251L * 1024 * 1024 + "\r\n\r\n"),
                component.getOnlyPath(), 413, "payload-too-large", requestId);
    }

    /** Sends {@code request} as it is and reads the answer: head and as much body as it declares. */
    private static String exchange(Component component, String request) throws IOException {
        URI url = URI.create(component.baseUrl().get());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int read; (read = in.read(chunk)) != -1;) {
                answer.write(chunk, 0, read);
                String text = answer.toString(StandardCharsets.UTF_8);
                int headEnd = text.indexOf("\r\n\r\n");
                Matcher length = CONTENT_LENGTH.matcher(text);
                if (headEnd > 0 && length.find() && length.start() < headEnd
                        && answer.size() >= headEnd + 4 + Integer.parseInt(length.group(1))) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static void assertRawProblem(String what, String answer, String path, int status, String slug, String requestId) {
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), () -> what + " answered: " + answer);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
        assertTrue(head.contains("\r\ncontent-type: application/problem+json"), () -> what + ": " + answer);
        assertTrue(head.contains("\r\nx-request-id: " + requestId.toLowerCase()), () -> what + ": " + answer);
        JsonPath problem = JsonPath.from(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertAll(what,
                () -> assertEquals(TYPES + slug, problem.getString("type")),
                () -> assertEquals(status, problem.getInt("status")),
                () -> assertEquals(path, problem.getString("instance")),
                () -> assertEquals(requestId, problem.getString("requestId")));
    }

    private static void assertProblem(String what, Response response, int status, String slug, String requestId) {
        assertAll(what,
                () -> assertEquals(status, response.statusCode(), () -> what + " answered: " + response.asString()),
                () -> assertTrue(String.valueOf(response.contentType()).startsWith("application/problem+json"),
                        () -> what + ": content type " + response.contentType() + ", body " + response.asString()),
                () -> assertEquals(TYPES + slug, response.path("type")),
                () -> assertEquals(status, (Integer) response.path("status")),
                () -> assertEquals(requestId, response.header("X-Request-Id")),
                () -> assertEquals(requestId, response.path("requestId")));
    }
}
