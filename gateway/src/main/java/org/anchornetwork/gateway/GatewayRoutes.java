package org.anchornetwork.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;

/**
 * The gateway's routing table, mounted on Quarkus's own Vert.x router so that Quarkus's authentication and path
 * permissions (orders -200 and -100) run first:
 * <ol>
 * <li>every request gets an id ({@link RequestIds}, before authentication);</li>
 * <li>{@code /api/v1/...} prefixes go to their service unchanged (method, path, query, headers including
 * {@code Authorization}, body streamed);</li>
 * <li>{@code /openapi/<name>} serves each service's OpenAPI document for the Swagger UI;</li>
 * <li>anything else under {@code /api/} is a 404 problem, and every failure a problem ({@link ProblemFailureHandler}).</li>
 * </ol>
 */
@ApplicationScoped
public class GatewayRoutes {

    /** Before CORS (-300) and authentication (-200): see SecurityHandlerPriorities. */
    static final int REQUEST_ID_ORDER = -1000;

    private final Vertx vertx;
    private final GatewayConfig config;
    private final List<HttpClient> clients = new ArrayList<>();

    public GatewayRoutes(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    void init(@Observes Router router) {
        router.route().order(REQUEST_ID_ORDER).handler(new RequestIds());
        router.route().order(Integer.MIN_VALUE).failureHandler(new ProblemFailureHandler());

        for (Upstream upstream : Upstream.from(config)) {
            HttpClient client = client(upstream);
            clients.add(client);

            HttpProxy api = HttpProxy.reverseProxy(client)
                    .origin(context -> origin(context, upstream))
                    .addInterceptor(new UpstreamProblems(upstream));
            Handler<RoutingContext> forward = guarded(ProxyHandler.create(api));
            for (String prefix : upstream.paths()) {
                String path = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
                router.route(path).handler(forward);
                router.route(path + "/*").handler(forward);
            }

            HttpProxy document = HttpProxy.reverseProxy(client)
                    .origin(context -> origin(context, upstream))
                    .addInterceptor(new UpstreamProblems(upstream))
                    .addInterceptor(new OpenApiDocuments());
            router.get("/openapi/" + upstream.openApiName()).handler(ProxyHandler.create(document));

            Log.infof("Routing %s to %s at %s", upstream.paths(), upstream.name(), upstream.baseUrl());
        }

        router.route("/api/*").handler(context -> Problems.send(context.request(), 404, "not-found",
                "No service of the network answers " + context.request().path()));
    }

    void close(@Observes ShutdownEvent shutdown) {
        clients.forEach(HttpClient::close);
    }

    private HttpClient client(Upstream upstream) {
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
        return vertx.createHttpClient(options, pool);
    }

    private Future<HttpClientRequest> origin(ProxyContext context, Upstream upstream) {
        return context.client().request(new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(upstream.port(), upstream.host()))
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.tls())
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.responseTimeout().toMillis()));
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
