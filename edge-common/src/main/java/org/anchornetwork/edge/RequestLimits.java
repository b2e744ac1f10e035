package org.anchornetwork.edge;

import java.util.Map;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The limits on a request line and on header fields, answered as problems: 414 {@code uri-too-long} and 431
 * {@code request-header-fields-too-large}. Vert.x answers requests over its own codec limits with an empty body, and
 * Quarkus offers no hook to change that answer; so its limits are set well above these (edge-common's
 * microprofile-config.properties: {@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size})
 * and this handler, first on the router, holds requests to the real ones. Only a request beyond the codec's far
 * limits still gets the bare answer.
 */
public final class RequestLimits implements Handler<RoutingContext> {

    /** What HTTP/1.1 adds to each header's name and value on the wire: ": " and CRLF. */
    private static final int HEADER_OVERHEAD = 4;
    /** What the request line adds to the method and target: two spaces, "HTTP/1.1". */
    private static final int REQUEST_LINE_OVERHEAD = 10;

    private final int maxRequestLine;
    private final long maxHeaderBytes;

    public RequestLimits(int maxRequestLine, long maxHeaderBytes) {
        if (maxRequestLine < 64 || maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("Request limits below 64 bytes of request line or 1 KB of headers");
        }
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (requestLineLength(request) > maxRequestLine) {
            PayloadTooLarge.refuseBody(request, 414, "uri-too-long", "The request line (method, path and query) is "
                    + "longer than " + maxRequestLine + " bytes; send long criteria in a request body instead",
                    context.vertx());
            return;
        }
        if (headerBytes(request) > maxHeaderBytes) {
            PayloadTooLarge.refuseBody(request, 431, "request-header-fields-too-large", "The request's header fields "
                    + "are larger than " + PayloadTooLarge.describe(maxHeaderBytes) + " in all", context.vertx());
            return;
        }
        context.next();
    }

    static int requestLineLength(HttpServerRequest request) {
        return request.method().name().length() + request.uri().length() + REQUEST_LINE_OVERHEAD;
    }

    static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + HEADER_OVERHEAD;
        }
        return bytes;
    }
}
