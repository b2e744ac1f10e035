package org.anchornetwork.edge;

import io.quarkus.logging.Log;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Problems for what the HTTP layer decides before (or without) any application handler: a route that matches no path
 * (404) or no method (405), a request Vert.x refuses (an HTTP/1.1 request without {@code Host} is failed with 400), a
 * failure with a bare status code, and anything unexpected (a bare 500 that names nothing internal). Quarkus and
 * Vert.x Web would otherwise answer these with an HTML page or their own JSON.
 */
public final class HttpLayerProblems {

    private HttpLayerProblems() {
    }

    /** For {@code Router.errorHandler(404, ..)}: no route matched the path. */
    public static void notFound(RoutingContext context) {
        answer(context, 404, "not-found", "Nothing is served at " + context.request().path());
    }

    /** For {@code Router.errorHandler(405, ..)}: a route matched the path but not the method. */
    public static void methodNotAllowed(RoutingContext context) {
        answer(context, 405, "method-not-allowed",
                context.request().method().name() + " is not allowed on " + context.request().path());
    }

    /** A router failure handler for failures nobody more particular answered. */
    public static void failure(RoutingContext context) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        int status = context.statusCode();
        HttpServerRequest request = context.request();
        if (status >= 400 && status < 500) {
            answer(context, status, Problems.slug(status), status == 400 && request.authority() == null
                    ? "An HTTP/1.1 request needs a Host header"
                    : "The request was refused: " + Problems.title(status));
            return;
        }
        Throwable failure = context.failure();
        if (failure != null) {
            Log.errorf(failure, "Unexpected failure for %s %s", request.method(), request.path());
        }
        // A particular server status (503, 504...) is kept; anything else is the house's bare 500.
        boolean particular = status > 500 && status < 600;
        answer(context, particular ? status : 500, particular ? Problems.slug(status) : "internal",
                "The request could not be completed; quote the requestId when reporting it");
    }

    private static void answer(RoutingContext context, int status, String slug, String detail) {
        RequestIds.ensure(context);
        HttpServerRequest request = context.request();
        if (!request.isEnded()) {
            // Read and drop a body nobody will read, so that the connection can carry the next request.
            request.resume();
        }
        Problems.send(request, status, slug, detail);
    }
}
