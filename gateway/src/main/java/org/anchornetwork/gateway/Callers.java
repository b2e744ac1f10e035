package org.anchornetwork.gateway;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling, as far as the gateway needs to know: the client (the token's {@code azp}, or {@code client_id})
 * and its organisation ({@code org_id}), read from the token Quarkus has validated; the peer's address otherwise.
 * Nothing else from the token is ever read here. {@link VerifiedTokenCache} reads both once per token and attaches
 * them to the identity.
 */
final class Callers {

    private Callers() {
    }

    /** The caller's identity when the request carried a valid token (authentication is proactive, so known early). */
    private static SecurityIdentity identity(RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken) {
                return identity;
            }
        }
        return null;
    }

    /** The OAuth2 client that obtained the token, or null for anonymous callers. */
    static String clientId(RoutingContext context) {
        SecurityIdentity identity = identity(context);
        if (identity == null) {
            return null;
        }
        String client = identity.getAttribute(VerifiedTokenCache.CLIENT_ATTRIBUTE);
        return client != null ? client : clientId((JsonWebToken) identity.getPrincipal());
    }

    static String organisation(RoutingContext context) {
        SecurityIdentity identity = identity(context);
        if (identity == null) {
            return null;
        }
        String organisation = identity.getAttribute(VerifiedTokenCache.ORGANISATION_ATTRIBUTE);
        if (organisation == null) {
            return claim((JsonWebToken) identity.getPrincipal(), "org_id");
        }
        return organisation.isEmpty() ? null : organisation;
    }

    static String clientId(JsonWebToken token) {
        String client = claim(token, "azp");
        if (client == null) {
            client = claim(token, "client_id");
        }
        // A token without either still belongs to someone: its subject keeps callers apart.
        return client != null ? client : "sub:" + token.getSubject();
    }

    /** The TCP peer (never X-Forwarded-For, which callers can write; quarkus.http.proxy forwarding stays off). */
    static String remoteAddress(RoutingContext context) {
        SocketAddress peer = context.request().remoteAddress();
        return peer == null ? "unknown" : peer.hostAddress() != null ? peer.hostAddress() : peer.toString();
    }

    static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return null;
        }
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? null : text;
    }
}
