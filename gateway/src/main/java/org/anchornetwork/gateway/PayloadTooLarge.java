package org.anchornetwork.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The 413 problem for a body over its route's limit, and what happens to the rest of that body. The caller is
 * usually still sending it when the answer is ready: closing the connection at once would make most clients see a
 * reset instead of the 413, and reading all of it would let anyone keep the gateway busy. So, on HTTP/1.x, the
 * gateway says {@code Connection: close}, discards what still arrives, and closes when the body ends or after
 * {@link #LINGER_MILLIS}, whichever comes first (nginx calls this a lingering close).
 */
final class PayloadTooLarge {

    static final int STATUS = 413;
    static final String SLUG = "payload-too-large";
    static final long LINGER_MILLIS = 5000;

    private PayloadTooLarge() {
    }

    static String detail(long limit) {
        return "The request body is larger than this path accepts: at most " + BodyLimits.describe(limit);
    }

    /** Answers 413 from a route handler, before anything was forwarded. */
    static void send(HttpServerRequest request, long limit, Vertx vertx) {
        refuseBody(request, STATUS, SLUG, detail(limit), vertx);
    }

    /** Answers a problem to a request whose body will not be read, then closes as described above. */
    static void refuseBody(HttpServerRequest request, int status, String slug, String detail, Vertx vertx) {
        if (closesConnection(request)) {
            request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        Problems.send(request, status, slug, detail);
        discardRestThenClose(request, vertx);
    }

    /** The 413 as the proxy's response, once the forwarding of a streamed body has been cut off. */
    static ProxyResponse response(ProxyRequest proxyRequest, long limit) {
        HttpServerRequest request = proxyRequest.proxiedRequest();
        // release() resumes the caller's body; the limited stream drops what still arrives.
        ProxyResponse response = proxyRequest.release().response();
        response.headers().clear();
        if (closesConnection(request)) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        return response.setStatusCode(STATUS)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .setBody(Body.body(Problems.body(request, STATUS, SLUG, detail(limit))));
    }

    /**
     * Lets the caller finish sending (the data is dropped) for a little while, then closes the connection.
     * HTTP/2 has no connection-wide close to do: flow control already bounds what the stream can send.
     */
    static void discardRestThenClose(HttpServerRequest request, Vertx vertx) {
        if (!closesConnection(request)) {
            if (!request.isEnded()) {
                request.handler(null);
                request.resume();
            }
            return;
        }
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long timer = vertx.setTimer(LINGER_MILLIS, id -> connection.close());
        request.handler(null);
        request.exceptionHandler(failure -> vertx.cancelTimer(timer));
        request.endHandler(ended -> {
            vertx.cancelTimer(timer);
            connection.close();
        });
        request.resume();
    }

    private static boolean closesConnection(HttpServerRequest request) {
        return request.version() != HttpVersion.HTTP_2;
    }
}
