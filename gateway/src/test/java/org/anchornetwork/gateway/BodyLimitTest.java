package org.anchornetwork.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/**
 * Bodies are limited per route (1 MB by default, 250 MB on upload routes), by Content-Length before anything is
 * forwarded, and by counting when the body is chunked: a service never receives a complete oversized request.
 */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class BodyLimitTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String TOO_LARGE = "https://anchor-network.org/problems/payload-too-large";
    private static final int ONE_MB = 1024 * 1024;

    private static String token() {
        return KeycloakTokens.accessToken(DemoClient.DARLINGTON_COUNCIL);
    }

    @Test
    void aBodyOver1MbWithAContentLengthIsRefusedWith413AndNeverForwarded() {
        String requestId = "too-large-" + UUID.randomUUID();
        given().auth().oauth2(token()).header("X-Request-Id", requestId)
                .contentType("application/json").body(randomBytes(ONE_MB + 200 * 1024))
                .when().post("/api/v1/payments")
                .then().statusCode(413)
                .contentType(PROBLEM)
                .header("Connection", "close")
                .header("X-Request-Id", requestId)
                .body("type", equalTo(TOO_LARGE))
                .body("title", equalTo("Request Entity Too Large"))
                .body("status", equalTo(413))
                .body("detail", containsString("1 MB"))
                .body("instance", equalTo("/api/v1/payments"))
                .body("requestId", equalTo(requestId));
        assertFalse(FakeUpstreams.seenBy(FakeUpstreams.SPEND_URL).contains(requestId), "nothing may reach spend-service");
    }

    @Test
    void aChunkedBodyOver1MbIsCutOffWith413AndNeverCompletesAtTheService() throws Exception {
        String requestId = "chunked-too-large-" + UUID.randomUUID();
        HttpResponse<String> response = sendChunked("/api/v1/payments/batches", randomBytes(2 * ONE_MB), requestId);
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(null));
        JsonObject problem = new JsonObject(response.body());
        assertEquals(TOO_LARGE, problem.getString("type"));
        assertEquals(requestId, problem.getString("requestId"));
        assertFalse(FakeUpstreams.completedBy(FakeUpstreams.SPEND_URL).contains(requestId),
                "spend-service must never receive the whole body");
    }

    @Test
    void a900KbBodyStillPassesWithAContentLengthOrChunked() throws Exception {
        byte[] body = randomBytes(900 * 1024);
        given().auth().oauth2(token()).contentType("application/octet-stream").body(body)
                .when().post("/api/v1/payments/batches")
                .then().statusCode(200)
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(FakeUpstreams.sha256(body)));

        HttpResponse<String> chunked = sendChunked("/api/v1/payments/batches", body, "chunked-900k-" + UUID.randomUUID());
        assertEquals(200, chunked.statusCode(), chunked.body());
        JsonObject echo = new JsonObject(chunked.body());
        assertEquals(List.of("chunked"), echo.getJsonObject("headers").getJsonArray("transfer-encoding").getList());
        assertEquals(body.length, echo.getLong("bodyLength"));
        assertEquals(FakeUpstreams.sha256(body), echo.getString("bodySha256"));
    }

    @Test
    void uploadRoutesAcceptBodiesOverTheOrdinaryLimit() throws Exception {
        byte[] body = randomBytes(3 * ONE_MB);
        given().auth().oauth2(token()).contentType("text/csv").body(body)
                .when().post("/api/v1/payments/uploads")
                .then().statusCode(200)
                .body("path", equalTo("/api/v1/payments/uploads"))
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(FakeUpstreams.sha256(body)));

        HttpResponse<String> chunked = sendChunked("/api/v1/payments/uploads/2025-26", body, "upload-" + UUID.randomUUID());
        assertEquals(200, chunked.statusCode(), chunked.body());
        assertEquals(FakeUpstreams.sha256(body), new JsonObject(chunked.body()).getString("bodySha256"));
    }

    @Test
    void uploadRoutesRefuseADeclaredLengthOverTheirOwnLimit() throws IOException {
        long overUploadLimit = 250L * ONE_MB + 1;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // Headers only: the gateway must answer from the declared length, without waiting for 250 MB.
            out.write(("POST /api/v1/payments/uploads HTTP/1.1\r\n"
                    + "Host: localhost:" + RestAssured.port + "\r\n"
                    + "Authorization: Bearer " + token() + "\r\n"
                    + "Content-Type: text/csv\r\n"
                    + "Content-Length: " + overUploadLimit + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine);
            String head = readHead(in);
            assertTrue(head.contains("content-type: application/problem+json"), head);
            assertTrue(head.contains("connection: close"), head);
        }
    }

    @Test
    void aContentLengthThatIsNotANumberIsRefused() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/payments HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: lots\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertTrue(statusLine != null && statusLine.startsWith("HTTP/1.1 400"), statusLine);
        }
    }

    /** Header lines after the status line, lower-cased, up to the blank line. */
    private static String readHead(BufferedReader in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line; (line = in.readLine()) != null && !line.isEmpty();) {
            head.append(line.toLowerCase()).append('\n');
        }
        return head.toString();
    }

    /** A POST whose length is not declared: Transfer-Encoding: chunked, as streaming clients send it. */
    private static HttpResponse<String> sendChunked(String path, byte[] body, String requestId) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token())
                .header("X-Request-Id", requestId)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
