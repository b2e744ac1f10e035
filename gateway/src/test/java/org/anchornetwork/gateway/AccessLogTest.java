package org.anchornetwork.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** One structured access-log line per request, with who called what, where it went and how it ended. */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class AccessLogTest {

    private final List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord line) {
                lines.add(line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureAccessLog() {
        Logger.getLogger(AccessLog.CATEGORY).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(AccessLog.CATEGORY).removeHandler(capture);
    }

    @Test
    void aForwardedRequestIsOneLineWithCallerRouteStatusLatencyUpstreamAndBytes() throws InterruptedException {
        String token = KeycloakTokens.accessToken(DemoClient.DARLINGTON_COUNCIL);
        String requestId = "logged-" + UUID.randomUUID();
        given().auth().oauth2(token).header("X-Request-Id", requestId)
                .when().get("/api/v1/payments/period/2024-25?limit=5&cursor=secret-cursor")
                .then().statusCode(200);

        ExtLogRecord line = awaitLine(requestId);
        assertEquals(AccessLog.CATEGORY, line.getLoggerName());
        assertEquals(Level.INFO, line.getLevel());
        assertEquals("darlington-council", line.getMdc("client"));
        assertEquals("GB-LAE-DAL", line.getMdc("organisation"));
        assertEquals("GET", line.getMdc("method"));
        assertEquals("/api/v1/payments", line.getMdc("route"));
        assertEquals("/api/v1/payments/period/2024-25", line.getMdc("path"));
        assertEquals("200", line.getMdc("status"));
        assertTrue(line.getMdc("latencyMs").matches("\\d+"), line.getMdc("latencyMs"));
        assertEquals("spend-service", line.getMdc("upstream"));
        assertTrue(Long.parseLong(line.getMdc("bytes")) > 0, line.getMdc("bytes"));
        assertEquals("0", line.getMdc("bytesIn"));

        String everything = line.getMessage() + " " + line.getMdcCopy();
        assertFalse(everything.contains(token), "the token must never be logged");
        assertFalse(everything.contains(token.split("\\.")[1]), "nor its claims");
        assertFalse(everything.contains("secret-cursor"), "nor the query string");
        Thread.sleep(200);
        assertEquals(1, linesFor(requestId).size(), "exactly one line per request");
    }

    @Test
    void aRequestTheGatewayAnswersItselfIsLoggedWithoutAnUpstreamOrCaller() throws InterruptedException {
        String requestId = "refused-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId).contentType("application/json").body("{\"a\":1}")
                .when().post("/api/v1/payments/batches")
                .then().statusCode(401);

        ExtLogRecord line = awaitLine(requestId);
        assertEquals("401", line.getMdc("status"));
        assertEquals("POST", line.getMdc("method"));
        assertEquals("/api/v1/payments", line.getMdc("route"));
        assertEquals("/api/v1/payments/batches", line.getMdc("path"));
        assertNull(line.getMdc("upstream"), "nothing was forwarded");
        assertNull(line.getMdc("client"));
        assertNull(line.getMdc("organisation"));
    }

    @Test
    void aCallerThatHangsUpIsLoggedAsAbortedWithoutBlamingTheService() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler warningCapture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger upstreamProblems = Logger.getLogger(UpstreamProblems.class.getName());
        upstreamProblems.addHandler(warningCapture);
        try {
            String token = KeycloakTokens.accessToken(DemoClient.DARLINGTON_COUNCIL);
            String requestId = "hung-up-" + UUID.randomUUID();
            // The fake service takes 3 s on /slow; the caller gives up after 300 ms.
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.getOutputStream().write(("GET /api/v1/payments/slow HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + token + "\r\nX-Request-Id: " + requestId + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(300);
            }

            ExtLogRecord line = awaitLine(requestId);
            assertEquals("true", line.getMdc("aborted"), line.getMdcCopy().toString());
            assertEquals("spend-service", line.getMdc("upstream"));
            assertEquals("499", line.getMdc("status"), "nginx's status for a caller that closed the request");
            Thread.sleep(200);
            List<String> aboutThisRequest = warnings.stream()
                    .map(warning -> warning instanceof ExtLogRecord ext ? ext.getFormattedMessage() : warning.getMessage())
                    .filter(message -> message.contains("/api/v1/payments/slow"))
                    .toList();
            assertTrue(aboutThisRequest.isEmpty(), "a caller's hang-up is not the service's failure: " + aboutThisRequest);
        } finally {
            upstreamProblems.removeHandler(warningCapture);
        }
    }

    private ExtLogRecord awaitLine(String requestId) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<ExtLogRecord> found = linesFor(requestId);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no access-log line for " + requestId + " among " + lines.size());
    }

    private List<ExtLogRecord> linesFor(String requestId) {
        return lines.stream().filter(line -> requestId.equals(line.getMdc("requestId"))).toList();
    }
}
