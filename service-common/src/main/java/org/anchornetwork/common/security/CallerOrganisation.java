package org.anchornetwork.common.security;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;

import org.anchornetwork.common.problem.ApiProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, taken only from the validated access token: the {@code org_id} claim names the caller's
 * organisation and {@code acts_for} the anchors a portal may act for. Nothing in a request body, query or
 * header can change it (DESIGN.md §3).
 */
@RequestScoped
public class CallerOrganisation {
    public static final String ORG_ID_CLAIM = "org_id";
    public static final String ACTS_FOR_CLAIM = "acts_for";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CallerOrganisation(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The caller's organisation id; 403 when an authenticated token carries none. */
    public String orgId() {
        Object claim = identity.isAnonymous() ? null : token.getClaim(ORG_ID_CLAIM);
        String orgId = claim == null ? null : claim.toString().replace("\"", "");
        if (orgId == null || orgId.isBlank()) {
            throw ApiProblemException.forbidden("The access token names no organisation (claim org_id)");
        }
        return orgId;
    }

    /** Organisations a portal acts for; empty for every other caller. */
    public Set<String> actsFor() {
        if (identity.isAnonymous()) {
            return Set.of();
        }
        Object claim = token.getClaim(ACTS_FOR_CLAIM);
        if (claim instanceof Collection<?> values) {
            return values.stream().map(value -> value.toString().replace("\"", "")).collect(Collectors.toUnmodifiableSet());
        }
        return claim == null ? Set.of() : Set.of(claim.toString().replace("\"", ""));
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }
}
