package org.anchornetwork.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Serves {@code /openapi/<name>} from the service's {@code /q/openapi}, as JSON, for the gateway's Swagger UI. The
 * only place where the gateway rewrites a path.
 */
final class OpenApiDocuments implements ProxyInterceptor {

    static final String SERVICE_DOCUMENT = "/q/openapi?format=json";
    /** Where the gateway serves each service's document: this prefix and the service's document name. */
    static final String ROUTE_PREFIX = "/openapi/";

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        context.request().setMethod(HttpMethod.GET);
        context.request().setURI(SERVICE_DOCUMENT);
        context.request().headers().set(HttpHeaders.ACCEPT, "application/json");
        // The document is public; the caller's credentials have no business reaching a service for it.
        context.request().headers().remove(HttpHeaders.AUTHORIZATION);
        context.request().headers().remove(HttpHeaders.COOKIE);
        return context.sendRequest();
    }
}
