package org.anchornetwork.gateway;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling, as far as the gateway needs to know: the client (the token's {@code azp}, or {@code client_id})
 * and its organisation ({@code org_id}), read from the token Quarkus has validated; the peer's address otherwise.
 * Nothing else from the token is ever read here.
 */
final class Callers {

    private Callers() {
    }

    /** The validated token, when the request carried one (authentication is proactive, so it is known early). */
    static JsonWebToken token(RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token) {
                return token;
            }
        }
        return null;
    }

    /** The OAuth2 client that obtained the token, or null for anonymous callers. */
    static String clientId(RoutingContext context) {
        JsonWebToken token = token(context);
        if (token == null) {
            return null;
        }
        String client = claim(token, "azp");
        if (client == null) {
            client = claim(token, "client_id");
        }
        // A token without either still belongs to someone: its subject keeps callers apart.
        return client != null ? client : "sub:" + token.getSubject();
    }

    static String organisation(RoutingContext context) {
        JsonWebToken token = token(context);
        return token == null ? null : claim(token, "org_id");
    }

    /** The TCP peer (never X-Forwarded-For, which callers can write; quarkus.http.proxy forwarding stays off). */
    static String remoteAddress(RoutingContext context) {
        SocketAddress peer = context.request().remoteAddress();
        return peer == null ? "unknown" : peer.hostAddress() != null ? peer.hostAddress() : peer.toString();
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return null;
        }
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? null : text;
    }
}
