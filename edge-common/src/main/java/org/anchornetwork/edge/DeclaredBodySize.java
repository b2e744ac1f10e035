package org.anchornetwork.edge;

import java.util.function.ToLongFunction;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a body whose Content-Length is over its path's limit with a 413 problem, before anything reads it (and, at
 * the gateway, before authentication and forwarding). Bodies without a Content-Length (chunked) are counted as they
 * are read instead: by the gateway's proxy, or by a service's REST layer.
 */
public final class DeclaredBodySize implements Handler<RoutingContext> {

    private final ToLongFunction<String> limitForPath;
    private final Vertx vertx;

    /** {@code limitForPath}: the largest body, in bytes, for a raw request path. */
    public DeclaredBodySize(ToLongFunction<String> limitForPath, Vertx vertx) {
        this.limitForPath = limitForPath;
        this.vertx = vertx;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long limit = limitForPath.applyAsLong(request.path());
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                PayloadTooLarge.refuseBody(request, 400, "malformed-request", "Content-Length must be a number of bytes",
                        vertx);
                return;
            }
            if (length > limit) {
                PayloadTooLarge.send(request, limit, vertx);
                return;
            }
        }
        context.next();
    }
}
