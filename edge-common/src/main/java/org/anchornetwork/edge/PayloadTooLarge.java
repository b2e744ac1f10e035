package org.anchornetwork.edge;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * The 413 problem for a body over its route's limit, and what happens to the rest of that body. The caller is
 * usually still sending it when the answer is ready: closing the connection at once would make most clients see a
 * reset instead of the 413, and reading all of it would let anyone keep the server busy. So, on HTTP/1.x, the answer
 * says {@code Connection: close}, what still arrives is discarded, and the connection closes when the body ends or
 * after {@link #LINGER_MILLIS}, whichever comes first (nginx calls this a lingering close).
 */
public final class PayloadTooLarge {

    public static final int STATUS = 413;
    public static final String SLUG = "payload-too-large";
    static final long LINGER_MILLIS = 5000;

    private PayloadTooLarge() {
    }

    public static String detail(long limit) {
        return "The request body is larger than this path accepts: at most " + describe(limit);
    }

    /** "1 MB (1048576 bytes)": what a caller needs to split or shrink the body. */
    public static String describe(long bytes) {
        if (bytes > 0 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB (" + bytes + " bytes)";
        }
        if (bytes > 0 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }

    /** Answers 413 from a route handler, before the body was read. */
    public static void send(HttpServerRequest request, long limit, Vertx vertx) {
        refuseBody(request, STATUS, SLUG, detail(limit), vertx);
    }

    /** Answers a problem to a request whose body will not be read, then closes as described above. */
    public static void refuseBody(HttpServerRequest request, int status, String slug, String detail, Vertx vertx) {
        if (closesConnection(request)) {
            request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        Problems.send(request, status, slug, detail);
        discardRestThenClose(request, vertx);
    }

    /**
     * Lets the caller finish sending (the data is dropped) for a little while, then closes the connection.
     * HTTP/2 has no connection-wide close to do: flow control already bounds what the stream can send.
     */
    public static void discardRestThenClose(HttpServerRequest request, Vertx vertx) {
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

    public static boolean closesConnection(HttpServerRequest request) {
        return request.version() != HttpVersion.HTTP_2;
    }
}
