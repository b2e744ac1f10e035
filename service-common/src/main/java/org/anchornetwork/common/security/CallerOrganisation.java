package org.anchornetwork.common.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
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
        String orgId = orgIdOrNull();
        if (orgId == null) {
            throw ApiProblemException.forbidden("The access token names no organisation (claim org_id)");
        }
        return orgId;
    }

    /** The caller's organisation id, or null for an anonymous caller or a token without one. */
    public String orgIdOrNull() {
        Object claim = identity.isAnonymous() ? null : token.getClaim(ORG_ID_CLAIM);
        String orgId = claim == null ? null : claim.toString().replace("\"", "");
        return orgId == null || orgId.isBlank() ? null : orgId;
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

    /**
     * The organisation a write is for. A portal names an organisation in its {@code acts_for} claim (422 when it names
     * none, 403 when it does not act for it); any other caller writes only for its own organisation, so naming
     * another is a 403. The named organisation never changes who the caller is: only the token decides.
     *
     * @param requested the organisation the request names, or null
     * @param pointer   where the request names it, for the 422
     */
    public String writingFor(String requested, String pointer) {
        boolean named = requested != null && !requested.isBlank();
        if (hasRole(Roles.PORTAL) && !hasRole(Roles.ANCHOR)) {
            if (!named) {
                throw ApiProblemException.invalid("A portal names the organisation it acts for",
                        List.of(ProblemError.at(pointer, "required", "name one of the organisations this portal acts for")));
            }
            if (!actsFor().contains(requested)) {
                throw ApiProblemException.forbidden("This portal does not act for " + requested);
            }
            return requested;
        }
        String own = orgId();
        if (named && !requested.equals(own)) {
            throw ApiProblemException.forbidden("The caller writes only for its own organisation");
        }
        return own;
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }
}
