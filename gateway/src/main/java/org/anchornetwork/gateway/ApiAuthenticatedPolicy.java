package org.anchornetwork.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The built-in {@code authenticated} policy, except for how it says no. The built-in one answers an anonymous caller
 * by sending the authentication challenge and ending the response there, with an empty body and no chance to
 * change it. This one fails the request with {@link UnauthorizedException} instead, so that
 * {@link ProblemFailureHandler} answers 401 with the challenge header and a problem body.
 * Referenced from application.properties as {@code quarkus.http.auth.permission.<name>.policy=api-authenticated}.
 */
@ApplicationScoped
public class ApiAuthenticatedPolicy implements HttpSecurityPolicy {

    public static final String NAME = "api-authenticated";

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        return identity.onItem().transformToUni(caller -> caller == null || caller.isAnonymous()
                ? Uni.createFrom().failure(new UnauthorizedException())
                : CheckResult.permit());
    }

    @Override
    public String name() {
        return NAME;
    }
}
