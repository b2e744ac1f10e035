package org.anchornetwork.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a body whose Content-Length is over its route's limit with a 413 problem, before authentication and
 * before anything is forwarded. Bodies without a Content-Length (chunked) are counted as they stream through the
 * proxy instead ({@link StreamedBodyLimit}).
 */
final class DeclaredBodySize implements Handler<RoutingContext> {

    private final BodyLimits limits;
    private final Vertx vertx;

    DeclaredBodySize(BodyLimits limits, Vertx vertx) {
        this.limits = limits;
        this.vertx = vertx;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long limit = limits.limitFor(request.path());
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
