package org.anchornetwork.edge;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * RFC 9457 problem details written at the HTTP layer (by the gateway, and by a service before its REST layer), in the
 * same shape as the services' own problems (DESIGN §5): {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, {@code requestId}.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://anchor-network.org/problems/";

    private Problems() {
    }

    /** The problem body for a request; {@code slug} names the problem type under {@link #TYPE_BASE}. */
    public static Buffer body(HttpServerRequest request, int status, String slug, String detail) {
        JsonObject problem = new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title(status))
                .put("status", status)
                .put("detail", detail)
                .put("instance", request.path());
        String requestId = request.getHeader(RequestIds.HEADER);
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        return problem.toBuffer();
    }

    /** Ends the response with a problem, keeping any header (such as WWW-Authenticate) already set. */
    public static void send(HttpServerRequest request, int status, String slug, String detail) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        Buffer body = body(request, status, slug, detail);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }

    public static String title(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    /** The problem type's name for a bare status: "not-found", "method-not-allowed", ... */
    public static String slug(int status) {
        return status == 400 ? "malformed-request" : title(status).toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
