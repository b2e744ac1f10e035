package org.anchornetwork.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anchornetwork.edge.DeclaredBodySize;
import org.anchornetwork.edge.HttpEdge;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * A service's part of the HTTP edge, beside what {@link HttpEdge} mounts for every component: a declared
 * Content-Length over {@code quarkus.http.limits.max-body-size} is a 413 problem, answered before Quarkus's own check
 * (route order -2), which would end the response without a body. Chunked bodies are counted by the REST layer as it
 * reads them.
 */
@ApplicationScoped
public class ServiceEdge {

    /** After the request id and limits ({@link HttpEdge}), before Quarkus's body limit (-2). */
    static final int BODY_SIZE_ORDER = -980;

    private final long maxBodyBytes;
    private final Vertx vertx;

    public ServiceEdge(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize, Vertx vertx) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.vertx = vertx;
    }

    void mount(@Observes Router router) {
        router.route().order(BODY_SIZE_ORDER).handler(new DeclaredBodySize(path -> maxBodyBytes, vertx));
    }
}
