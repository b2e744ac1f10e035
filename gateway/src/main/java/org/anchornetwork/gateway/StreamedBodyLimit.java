package org.anchornetwork.gateway;

import org.anchornetwork.edge.DeclaredBodySize;
import org.anchornetwork.edge.PayloadTooLarge;
import org.anchornetwork.edge.Problems;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
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
            return Future.succeededFuture(payloadTooLarge(request, limit));
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

    /** The 413 as the proxy's response, once the forwarding of a streamed body has been cut off. */
    private static ProxyResponse payloadTooLarge(ProxyRequest proxyRequest, long limit) {
        HttpServerRequest request = proxyRequest.proxiedRequest();
        // release() resumes the caller's body; the limited stream drops what still arrives.
        ProxyResponse response = proxyRequest.release().response();
        response.headers().clear();
        if (PayloadTooLarge.closesConnection(request)) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        return response.setStatusCode(PayloadTooLarge.STATUS)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .setBody(Body.body(Problems.body(request, PayloadTooLarge.STATUS, PayloadTooLarge.SLUG,
                        PayloadTooLarge.detail(limit))));
    }
}
