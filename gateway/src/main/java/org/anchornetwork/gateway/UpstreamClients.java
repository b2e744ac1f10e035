package org.anchornetwork.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * Connections to one service, one pool per event loop. Vert.x opens a pooled connection on the event loop of the
 * request that needed it, but then lends it to requests from any loop, and every such loan hands the request's work
 * over to the connection's thread and the response back (two queued tasks and two thread wake-ups per request; half
 * the gateway's event-loop time under load on these 2-core machines). With a pool per loop, a request only ever uses
 * connections of its own loop, as nginx workers do.
 */
final class UpstreamClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    /** For the rare caller that is not on an event loop. */
    private final HttpClient shared;
    private final Map<Thread, HttpClient> byEventLoop = new ConcurrentHashMap<>();

    UpstreamClients(Vertx vertx, HttpClientOptions options, PoolOptions pool) {
        this.vertx = vertx;
        this.options = options;
        this.pool = pool;
        this.shared = vertx.createHttpClient(options, pool);
    }

    /** The pool of the calling event loop (created on first use). */
    HttpClient current() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        Thread loop = Thread.currentThread();
        HttpClient client = byEventLoop.get(loop);
        return client != null ? client : byEventLoop.computeIfAbsent(loop, ignored -> vertx.createHttpClient(options, pool));
    }

    HttpClient shared() {
        return shared;
    }

    Future<Void> close() {
        byEventLoop.values().forEach(HttpClient::close);
        return shared.close();
    }
}
