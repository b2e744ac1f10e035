package org.anchornetwork.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.anchornetwork.testsupport.LocalInfrastructure;
import org.eclipse.microprofile.config.ConfigProvider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Stands in for the services: spend-service and pledge-service are small HTTP servers that echo what reached them
 * (method, raw path and query, Authorization, X-Request-Id, every header, body length and SHA-256);
 * framework-service points at a closed port, as a service that is down. A path containing {@code /slow} answers
 * after 3 s, longer than the gateway's response timeout in these tests. {@code GET /__seen} lists the request ids a
 * fake has received (headers arrived), {@code GET /__completed} those whose whole body arrived too.
 * Also checks, before Quarkus starts, that the local Keycloak answers: the tests use real tokens.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    public static final String SPEND_URL = "anchor.test.spend-service-url";
    public static final String PLEDGE_URL = "anchor.test.pledge-service-url";
    static final long SLOW_MILLIS = 3000;

    private final List<HttpServer> servers = new ArrayList<>();
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        LocalInfrastructure.requireReachable("Keycloak (the gateway tests use real tokens from it)",
                LocalInfrastructure.addressOfUrl(LocalInfrastructure.realmUrl()));
        executor = Executors.newCachedThreadPool();
        String spend = startEcho("spend-service");
        String pledge = startEcho("pledge-service");
        return Map.of(
                "anchor.gateway.framework-service-url", "http://127.0.0.1:" + closedPort(),
                "anchor.gateway.spend-service-url", spend,
                "anchor.gateway.pledge-service-url", pledge,
                "anchor.gateway.response-timeout", "1s",
                SPEND_URL, spend,
                PLEDGE_URL, pledge);
    }

    @Override
    public void stop() {
        servers.forEach(server -> server.stop(0));
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private String startEcho(String service) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Queue<String> seen = new ConcurrentLinkedQueue<>();
            Queue<String> completed = new ConcurrentLinkedQueue<>();
            server.createContext("/", exchange -> {
                try (exchange) {
                    if (exchange.getRequestURI().getRawPath().equals("/__seen")) {
                        respond(exchange, 200, "text/plain", String.join("\n", seen), null);
                        return;
                    }
                    if (exchange.getRequestURI().getRawPath().equals("/__completed")) {
                        respond(exchange, 200, "text/plain", String.join("\n", completed), null);
                        return;
                    }
                    echo(service, exchange, seen, completed);
                } catch (Exception e) {
                    respond(exchange, 500, "text/plain", e.toString(), null);
                }
            });
            server.setExecutor(executor);
            server.start();
            servers.add(server);
            return "http://127.0.0.1:" + server.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the fake " + service, e);
        }
    }

    private static void echo(String service, HttpExchange exchange, Queue<String> seen, Queue<String> completed)
            throws Exception {
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        if (requestId != null) {
            seen.add(requestId);
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long length = 0;
        try (InputStream body = exchange.getRequestBody()) {
            byte[] chunk = new byte[8192];
            for (int read; (read = body.read(chunk)) != -1; length += read) {
                sha256.update(chunk, 0, read);
            }
        }
        if (requestId != null) {
            completed.add(requestId);
        }
        if (exchange.getRequestURI().getRawPath().contains("/slow")) {
            Thread.sleep(SLOW_MILLIS);
        }
        JsonObject echo = new JsonObject()
                .put("service", service)
                .put("method", exchange.getRequestMethod())
                .put("path", exchange.getRequestURI().getRawPath())
                .put("query", exchange.getRequestURI().getRawQuery())
                .put("authorization", exchange.getRequestHeaders().getFirst("Authorization"))
                .put("requestId", requestId)
                .put("requestIdHeaders", exchange.getRequestHeaders().getOrDefault("X-Request-Id", List.of()).size())
                .put("headers", headers(exchange))
                .put("bodyLength", length)
                .put("bodySha256", HexFormat.of().formatHex(sha256.digest()));
        // Like the real services, echo the request id back: the caller must still see it once.
        respond(exchange, 200, "application/json", echo.encode(), requestId);
    }

    /** Every header as it arrived, names in lower case (the JDK server capitalises them its own way). */
    private static JsonObject headers(HttpExchange exchange) {
        JsonObject headers = new JsonObject();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new JsonArray(values)));
        return headers;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body, String requestId)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (requestId != null) {
            exchange.getResponseHeaders().set("X-Request-Id", requestId);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A port nothing listens on (free a moment ago). */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request ids whose headers reached the fake behind {@code urlKey} (SPEND_URL or PLEDGE_URL). */
    static String seenBy(String urlKey) {
        return get(urlKey, "/__seen");
    }

    /** The request ids whose whole body reached the fake behind {@code urlKey}. */
    static String completedBy(String urlKey) {
        return get(urlKey, "/__completed");
    }

    private static String get(String urlKey, String path) {
        String url = ConfigProvider.getConfig().getValue(urlKey, String.class);
        try {
            return HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
