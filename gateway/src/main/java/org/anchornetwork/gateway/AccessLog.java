package org.anchornetwork.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.anchornetwork.edge.RequestIds;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * One log line per request, in category {@value #CATEGORY}, written when the response ends (or the connection
 * drops). Its fields travel as the record's MDC, so the JSON console formatter (prod) writes them as fields under
 * {@code mdc}: {@code requestId}, {@code client} (azp), {@code organisation} (org_id), {@code method}, {@code route},
 * {@code path} (no query string: queries may carry personal data), {@code status}, {@code latencyMs},
 * {@code upstream} (only when the request was forwarded), {@code bytes} (response body), {@code bytesIn} (request
 * body). Nothing else from the token is logged. Replaces Quarkus's own access log, so there is one line per request.
 */
final class AccessLog implements Handler<RoutingContext> {

    static final String CATEGORY = "anchor.access";
    /** Routing-context key: the service a request was forwarded to, set just before proxying. */
    static final String FORWARDED_TO = "anchor.forwarded-to";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final RouteTable routes;

    AccessLog(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public void handle(RoutingContext context) {
        long start = System.nanoTime();
        context.addEndHandler(ended -> log(context, start, ended.succeeded()));
        context.next();
    }

    private void log(RoutingContext context, long start, boolean completed) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        HttpServerRequest request = context.request();
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int status = request.response().getStatusCode();
        RouteTable.Route route = routes.match(request.path());
        String upstream = context.get(FORWARDED_TO);
        boolean aborted = !completed || status == UpstreamProblems.CLIENT_CLOSED_REQUEST;
        String message = request.method().name() + " " + request.path() + " " + status + " " + latencyMs + "ms"
                + (upstream != null ? " via " + upstream : "") + (aborted ? " (connection closed early)" : "");

        // Exactly these fields (null ones left out), not the thread's MDC: the end handler may run after the
        // request's own context has moved on.
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", request.getHeader(RequestIds.HEADER));
        fields.put("client", Callers.clientId(context));
        fields.put("organisation", Callers.organisation(context));
        fields.put("method", request.method().name());
        fields.put("route", route != null ? route.prefix() : null);
        fields.put("path", request.path());
        fields.put("status", Integer.toString(status));
        fields.put("latencyMs", Long.toString(latencyMs));
        fields.put("upstream", upstream);
        fields.put("bytes", Long.toString(request.response().bytesWritten()));
        fields.put("bytesIn", Long.toString(request.bytesRead()));
        fields.put("aborted", aborted ? "true" : null);

        ExtLogRecord record = new ExtLogRecord(Level.INFO, message, AccessLog.class.getName());
        record.setMdc(fields);
        LOG.logRaw(record);
    }
}
