package org.anchornetwork.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which route a path belongs to: an {@code /api/v1/...} prefix or an {@code /openapi/<name>} document, and the
 * service behind it. The router does the actual routing; this names the route in the access log, also for
 * requests the gateway answered itself (a 401 on {@code /api/v1/payments/...} is still on route {@code /api/v1/payments}).
 */
final class RouteTable {

    record Route(String prefix, Upstream upstream) {
    }

    private final List<Route> routes = new ArrayList<>();

    RouteTable(List<Upstream> upstreams) {
        for (Upstream upstream : upstreams) {
            for (String prefix : upstream.paths()) {
                routes.add(new Route(withoutTrailingSlash(prefix), upstream));
            }
            routes.add(new Route(OpenApiDocuments.ROUTE_PREFIX + upstream.openApiName(), upstream));
        }
        // Longest first, so that a prefix inside another one wins.
        routes.sort(Comparator.comparingInt((Route route) -> route.prefix().length()).reversed());
    }

    /** The route of a path, or null when no service owns it. */
    Route match(String path) {
        if (path == null) {
            return null;
        }
        for (Route route : routes) {
            String prefix = route.prefix();
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return route;
            }
        }
        return null;
    }

    static String withoutTrailingSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
