package org.anchornetwork.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.anchornetwork.edge.RequestIds;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Drops inbound headers that could claim an identity or an origin (X-Forwarded-For, X-Org-Id, X-User, ...), so
 * that no service ever trusts what a caller wrote there, then says where the request came from as the gateway
 * itself saw it: X-Forwarded-For (the peer's address), X-Forwarded-Proto, X-Forwarded-Host. Identity travels only
 * in the token, and {@code Authorization} goes through untouched.
 * <p>
 * On the way back, drops the services' own CORS headers: the gateway's CORS policy is the only one a browser sees
 * (two Access-Control-Allow-Origin headers make browsers refuse the response).
 */
final class ForwardedHeaders implements ProxyInterceptor {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    /** Never dropped, whatever the configuration says. */
    private static final Set<String> ALWAYS_KEPT = Set.of("authorization", RequestIds.HEADER.toLowerCase(Locale.ROOT));
    private static final String CORS_PREFIX = "access-control-";

    private final Set<String> untrustedNames;
    private final List<String> untrustedPrefixes;

    ForwardedHeaders(List<String> untrustedNames, List<String> untrustedPrefixes) {
        this.untrustedNames = untrustedNames.stream().map(ForwardedHeaders::lower).collect(Collectors.toUnmodifiableSet());
        this.untrustedPrefixes = untrustedPrefixes.stream().map(ForwardedHeaders::lower).toList();
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        MultiMap headers = context.request().headers();
        dropUntrusted(headers);
        HttpServerRequest inbound = context.request().proxiedRequest();
        SocketAddress peer = inbound.remoteAddress();
        if (peer != null && peer.hostAddress() != null) {
            headers.set(X_FORWARDED_FOR, peer.hostAddress());
        }
        headers.set(X_FORWARDED_PROTO, inbound.scheme() != null ? inbound.scheme() : "http");
        HostAndPort authority = inbound.authority();
        if (authority != null) {
            headers.set(X_FORWARDED_HOST, authority.toString());
        }
        return context.sendRequest();
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        MultiMap headers = context.response().headers();
        List<String> cors = headers.names().stream().filter(name -> lower(name).startsWith(CORS_PREFIX)).toList();
        cors.forEach(headers::remove);
        return context.sendResponse();
    }

    void dropUntrusted(MultiMap headers) {
        List<String> untrusted = new ArrayList<>();
        for (String name : headers.names()) {
            if (untrusted(name)) {
                untrusted.add(name);
            }
        }
        untrusted.forEach(headers::remove);
    }

    boolean untrusted(String name) {
        String lower = lower(name);
        if (ALWAYS_KEPT.contains(lower)) {
            return false;
        }
        if (untrustedNames.contains(lower)) {
            return true;
        }
        for (String prefix : untrustedPrefixes) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
