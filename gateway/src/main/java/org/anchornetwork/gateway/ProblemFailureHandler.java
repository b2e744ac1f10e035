package org.anchornetwork.gateway;

import java.util.Map;
import java.util.concurrent.CompletionException;

import org.anchornetwork.edge.HttpLayerProblems;
import org.anchornetwork.edge.Problems;

import io.quarkus.logging.Log;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns authentication and authorisation failures into RFC 9457 problems. With proactive authentication Quarkus
 * fails the routing context with {@link AuthenticationFailedException} (token present but invalid, expired, for
 * another audience...) after setting 401 and {@code WWW-Authenticate}; {@link ApiAuthenticatedPolicy} fails it with
 * {@link UnauthorizedException} (no token); the path permissions with {@link ForbiddenException}. Mounted first
 * among failure handlers; every other failure goes on to {@link HttpLayerProblems}, so Quarkus's own error page never
 * answers.
 */
public final class ProblemFailureHandler implements Handler<RoutingContext> {

    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final String DEFAULT_CHALLENGE = "Bearer";

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        Throwable failure = rootCause(context.failure());
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            unauthorized(context, request.headers().contains(HttpHeaders.AUTHORIZATION)
                    ? "The access token was refused: it is malformed, expired, not signed by the network's identity provider or not meant for anchor-network-api"
                    : "This request needs an access token from the network's identity provider (Authorization: Bearer <token>)");
        } else if (failure instanceof OIDCException) {
            // The token could not be checked at all: the identity provider is down or unreachable.
            Log.warnf("Cannot check a token for %s %s: %s", request.method(), request.path(), failure.getMessage());
            resumeUnreadBody(request);
            Problems.send(request, 503, "identity-provider-unavailable",
                    "The network's identity provider cannot be reached to check the access token; retry later");
        } else if (failure instanceof ForbiddenException) {
            resumeUnreadBody(request);
            Problems.send(request, 403, "forbidden", "The caller's token does not allow this request");
        } else {
            // Failures of the HTTP layer itself (a bare status, a request without Host) and anything unexpected.
            context.next();
        }
    }

    private static void unauthorized(RoutingContext context, String detail) {
        HttpServerRequest request = context.request();
        resumeUnreadBody(request);
        if (context.response().headers().contains(WWW_AUTHENTICATE)) {
            // Quarkus has already set 401 and its challenge header (authentication failure path).
            Problems.send(request, 401, "unauthorized", detail);
            return;
        }
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            context.response().putHeader(WWW_AUTHENTICATE, DEFAULT_CHALLENGE);
            Problems.send(request, 401, "unauthorized", detail);
            return;
        }
        authenticator.getChallenge(context).subscribe().with(challenge -> {
            applyChallenge(context, challenge);
            Problems.send(request, 401, "unauthorized", detail);
        }, error -> {
            Log.debugf(error, "No authentication challenge for %s", request.path());
            context.response().putHeader(WWW_AUTHENTICATE, DEFAULT_CHALLENGE);
            Problems.send(request, 401, "unauthorized", detail);
        });
    }

    private static void applyChallenge(RoutingContext context, ChallengeData challenge) {
        if (challenge != null && challenge.getHeaders() != null) {
            for (Map.Entry<CharSequence, String> header : challenge.getHeaders().entrySet()) {
                context.response().headers().set(header.getKey(), header.getValue());
            }
        }
        if (!context.response().headers().contains(WWW_AUTHENTICATE)) {
            context.response().putHeader(WWW_AUTHENTICATE, DEFAULT_CHALLENGE);
        }
    }

    /** Reads and drops a body nobody will read, so that the connection can carry the next request. */
    private static void resumeUnreadBody(HttpServerRequest request) {
        if (!request.isEnded()) {
            request.resume();
        }
    }

    static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
