package org.anchornetwork.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anchornetwork.edge.DeclaredBodySize;
import org.anchornetwork.edge.HttpEdge;
import org.anchornetwork.edge.Problems;
import org.anchornetwork.edge.RequestIds;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;

/**
 * The gateway's routing table, mounted on Quarkus's own Vert.x router. In the order a request meets them (route
 * orders; Quarkus's CORS is -300, authentication -200, path permissions -100):
 * <ol>
 * <li>-1000 {@link RequestIds} ({@link HttpEdge}): every request gets an id; -999 {@link AccessLog}: one log line when
 * it ends; -990 request line and header limits ({@link HttpEdge});</li>
 * <li>-300 CORS (Quarkus): preflights end here, without a token;</li>
 * <li>-250 {@link DeclaredBodySize}: a Content-Length over the route's limit is a 413, before authentication;</li>
 * <li>-210 {@link TokenVerificationLimit}: per address, for tokens not yet known to be valid;</li>
 * <li>-200 authentication, then -140 {@link RateLimits} on {@code /api/} and {@code /openapi/} (per client, or per
 * address for anonymous callers), then -100 path permissions;</li>
 * <li>{@code /api/v1/...} prefixes go to their service unchanged (method, path, query, {@code Authorization},
 * streamed body), minus untrusted headers and plus X-Forwarded-* ({@link ForwardedHeaders}), with streamed bodies
 * counted ({@link StreamedBodyLimit});</li>
 * <li>{@code /openapi/<name>} serves each service's OpenAPI document for the Swagger UI;</li>
 * <li>anything else under {@code /api/} is a 404 problem, any other unknown path too ({@link HttpEdge}), and every
 * failure a problem ({@link ProblemFailureHandler}, then {@link HttpEdge}'s).</li>
 * </ol>
 */
@ApplicationScoped
public class GatewayRoutes {

    /** Right after the request id ({@link HttpEdge}, -1000), before the request limits, CORS and authentication. */
    static final int ACCESS_LOG_ORDER = -999;
    /** After CORS, so that a browser can read the 413; before authentication, which need not run for it. */
    static final int BODY_SIZE_ORDER = -250;
    /** Before authentication (-200), which would verify the token. */
    static final int TOKEN_VERIFICATION_LIMIT_ORDER = -210;
    /** After authentication (-200), so the caller is known; before the path permissions (-100). */
    static final int RATE_LIMIT_ORDER = -140;

    private final Vertx vertx;
    private final GatewayConfig config;
    private final VerifiedTokenCache verifiedTokens;
    private final List<UpstreamClients> clients = new ArrayList<>();

    public GatewayRoutes(Vertx vertx, GatewayConfig config, VerifiedTokenCache verifiedTokens) {
        this.vertx = vertx;
        this.config = config;
        this.verifiedTokens = verifiedTokens;
    }

    void init(@Observes Router router) {
        List<Upstream> upstreams = Upstream.from(config);
        BodyLimits bodyLimits = BodyLimits.from(config.bodyLimit());
        ForwardedHeaders forwardedHeaders = new ForwardedHeaders(config.untrustedHeaders(),
                config.untrustedHeaderPrefixes());

        router.route().order(ACCESS_LOG_ORDER).handler(new AccessLog(new RouteTable(upstreams)));
        router.route().order(Integer.MIN_VALUE).failureHandler(new ProblemFailureHandler());
        router.route().order(BODY_SIZE_ORDER).handler(new DeclaredBodySize(bodyLimits::limitFor, vertx));
        if (config.rateLimit().enabled()) {
            router.route().order(TOKEN_VERIFICATION_LIMIT_ORDER)
                    .handler(TokenVerificationLimit.from(config.rateLimit(), verifiedTokens));
            RateLimits rateLimits = RateLimits.from(config.rateLimit());
            router.route("/api/*").order(RATE_LIMIT_ORDER).handler(rateLimits);
            router.route(OpenApiDocuments.ROUTE_PREFIX + "*").order(RATE_LIMIT_ORDER).handler(rateLimits);
        }

        for (Upstream upstream : upstreams) {
            UpstreamClients client = clients(upstream);
            clients.add(client);

            // UpstreamProblems first: it sees the failures of the interceptors after it, except the body cut-off,
            // which StreamedBodyLimit turns into a 413 itself.
            HttpProxy api = HttpProxy.reverseProxy(client.shared())
                    .origin(context -> origin(client, upstream))
                    .addInterceptor(new UpstreamProblems(upstream))
                    .addInterceptor(forwardedHeaders)
                    .addInterceptor(new StreamedBodyLimit(bodyLimits, vertx));
            Handler<RoutingContext> forward = guarded(forwardingTo(upstream, ProxyHandler.create(api)));
            for (String prefix : upstream.paths()) {
                String path = RouteTable.withoutTrailingSlash(prefix);
                router.route(path).handler(forward);
                router.route(path + "/*").handler(forward);
            }

            HttpProxy document = HttpProxy.reverseProxy(client.shared())
                    .origin(context -> origin(client, upstream))
                    .addInterceptor(new UpstreamProblems(upstream))
                    .addInterceptor(forwardedHeaders)
                    .addInterceptor(new OpenApiDocuments());
            router.get(OpenApiDocuments.ROUTE_PREFIX + upstream.openApiName())
                    .handler(forwardingTo(upstream, ProxyHandler.create(document)));

            Log.infof("Routing %s to %s at %s", upstream.paths(), upstream.name(), upstream.baseUrl());
        }

        router.route("/api/*").handler(context -> Problems.send(context.request(), 404, "not-found",
                "No service of the network answers " + context.request().path()));
    }

    void close(@Observes ShutdownEvent shutdown) {
        clients.forEach(UpstreamClients::close);
    }

    private UpstreamClients clients(Upstream upstream) {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setPipelining(false)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSsl(upstream.tls())
                .setDefaultHost(upstream.host())
                .setDefaultPort(upstream.port());
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(config.poolSize())
                .setMaxWaitQueueSize(config.maxWaitQueueSize());
        return new UpstreamClients(vertx, options, pool);
    }

    private Future<HttpClientRequest> origin(UpstreamClients clients, Upstream upstream) {
        return clients.current().request(new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(upstream.port(), upstream.host()))
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.tls())
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.responseTimeout().toMillis()))
                // Failures reach the proxy through the response, where UpstreamProblems and StreamedBodyLimit answer
                // them. Without a handler, Vert.x would also log an ERROR for a body cut off on purpose.
                .map(request -> request.exceptionHandler(failure -> Log.debugf("%s request ended early: %s",
                        upstream.name(), failure.toString())));
    }

    /** Notes, for the access log, which service the request goes to. */
    private static Handler<RoutingContext> forwardingTo(Upstream upstream, Handler<RoutingContext> proxy) {
        return context -> {
            context.put(AccessLog.FORWARDED_TO, upstream.name());
            proxy.handle(context);
        };
    }

    /**
     * Refuses paths whose meaning depends on who normalises them ({@code ..}, {@code .}, encoded slashes or dots),
     * so the service always sees the path the gateway's permissions and routes were decided on.
     */
    private static Handler<RoutingContext> guarded(Handler<RoutingContext> proxy) {
        return context -> {
            if (ambiguous(context.request().path())) {
                Problems.send(context.request(), 400, "malformed-request",
                        "Paths with dot segments or encoded slashes are not accepted");
                return;
            }
            proxy.handle(context);
        };
    }

    static boolean ambiguous(String rawPath) {
        if (rawPath == null) {
            return true;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\")) {
            return true;
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
