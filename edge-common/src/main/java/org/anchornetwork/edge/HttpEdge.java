package org.anchornetwork.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * What every component (the gateway and each service) mounts first on Quarkus's router: request ids
 * ({@value #REQUEST_ID_ORDER}), the request line and header limits ({@value #REQUEST_LIMITS_ORDER}), and problems for
 * whatever the HTTP layer answers itself ({@link HttpLayerProblems}). Quarkus's CORS (-300), authentication (-200)
 * and path permissions (-100) come after.
 */
@ApplicationScoped
public class HttpEdge {

    public static final int REQUEST_ID_ORDER = -1000;
    public static final int REQUEST_LIMITS_ORDER = -990;
    /**
     * The failure handler for what nobody more particular answered; a component's own failure handlers take
     * {@code Integer.MIN_VALUE} and hand the rest on with {@code context.next()}.
     */
    public static final int FAILURE_ORDER = Integer.MIN_VALUE + 1;

    private final int maxRequestLine;
    private final long maxHeaderBytes;

    public HttpEdge(@ConfigProperty(name = "anchor.http.limits.max-request-line") int maxRequestLine,
            @ConfigProperty(name = "anchor.http.limits.max-header-size") MemorySize maxHeaderSize) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderBytes = maxHeaderSize.asLongValue();
    }

    void mount(@Observes Router router) {
        router.route().order(REQUEST_ID_ORDER).handler(new RequestIds());
        router.route().order(REQUEST_LIMITS_ORDER).handler(new RequestLimits(maxRequestLine, maxHeaderBytes));
        router.route().order(FAILURE_ORDER).failureHandler(HttpLayerProblems::failure);
        router.errorHandler(404, HttpLayerProblems::notFound);
        router.errorHandler(405, HttpLayerProblems::methodNotAllowed);
    }
}
