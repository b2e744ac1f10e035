package org.anchornetwork.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Counts the bytes of every body the proxy streams to a service and cuts it off past the route's limit, answering
 * 413. This is what limits chunked bodies, which declare no length; a declared Content-Length over the limit never
 * gets this far ({@link DeclaredBodySize}). Must come after {@link UpstreamProblems} among the interceptors, so that
 * the cut-off service request is answered as a 413, not as a service failure.
 */
final class StreamedBodyLimit implements ProxyInterceptor {

    private static final String CUT_OFF = "anchor.body-cut-off";

    private final BodyLimits limits;
    private final Vertx vertx;

    StreamedBodyLimit(BodyLimits limits, Vertx vertx) {
        this.limits = limits;
        this.vertx = vertx;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        Body body = request.getBody();
        if (body == null) {
            return context.sendRequest();
        }
        long limit = limits.limitFor(request.proxiedRequest().path());
        LimitedReadStream limited = new LimitedReadStream(body.stream(), limit);
        request.setBody(Body.body(limited, body.length()));
        return context.sendRequest().recover(failure -> {
            if (!limited.exceeded()) {
                return Future.failedFuture(failure);
            }
            context.set(CUT_OFF, Boolean.TRUE);
            return Future.succeededFuture(PayloadTooLarge.response(request, limit));
        });
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        Future<Void> sent = context.sendResponse();
        if (Boolean.TRUE.equals(context.get(CUT_OFF, Boolean.class))) {
            sent.onComplete(ignored -> PayloadTooLarge.discardRestThenClose(context.request().proxiedRequest(), vertx));
        }
        return sent;
    }
}
