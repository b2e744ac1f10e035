package org.anchornetwork.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Remembers bearer tokens that Quarkus OIDC has fully validated (signature, issuer, audience, times), until they
 * expire, so that a client's next requests with the same token skip parsing and verifying it again. Partner systems
 * send the same token for its whole lifetime (15 minutes in the realm), so nearly every request is a repeat; on these
 * 2-core machines verification was about 40% of the gateway's CPU per request (bench/README.md).
 * <p>
 * Two roles, one store:
 * <ul>
 * <li>as an {@link HttpAuthenticationMechanism} tried before OIDC's (higher priority), it answers a request whose
 * bearer token is, character for character, one already validated and not yet expired; for anything else it answers
 * "not mine" (a null identity) and Quarkus goes on to OIDC, which validates, rejects or challenges as before;</li>
 * <li>as a {@link SecurityIdentityAugmentor}, it sees every identity OIDC has just built and keeps a copy keyed by
 * the raw token. Augmentors run only after a successful validation, so nothing unvalidated is ever stored.</li>
 * </ul>
 * Both also attach the caller's client and organisation ({@link Callers}), read once per token instead of from the
 * token's claims on every request.
 * <p>
 * A token is remembered until its {@code exp}, or until it reaches the maximum token age OIDC enforces
 * ({@code quarkus.oidc.token.age} plus {@code lifespan-grace}, counted from its {@code iat}) if that comes first, and
 * at most {@code max-age}: a remembered token is never accepted when OIDC would refuse it for its times.
 * <p>
 * What it changes: a token stays accepted until then even if the realm's
 * signing key is withdrawn meanwhile; local JWT validation never saw revocation anyway. The services behind the
 * gateway validate every token themselves, unaffected. Memory is bounded by {@code max-size} entries; only valid
 * tokens are stored, so invalid ones cannot fill it.
 */
@ApplicationScoped
public class VerifiedTokenCache implements HttpAuthenticationMechanism, SecurityIdentityAugmentor {

    /** Identity attributes holding what {@link Callers} needs, set once per validated token. */
    static final String CLIENT_ATTRIBUTE = "anchor.gateway.client";
    static final String ORGANISATION_ATTRIBUTE = "anchor.gateway.organisation";

    /** The identity attribute through which OIDC links an identity to the request it came with; never cached. */
    private static final String ROUTING_CONTEXT_ATTRIBUTE = RoutingContext.class.getName();
    private static final String BEARER = "Bearer ";

    private final boolean enabled;
    /** Seconds after its iat a token is refused by OIDC (token age plus grace); 0 when no age is configured. */
    private final long maxTokenAgeSeconds;
    private final Cache<String, Verified> tokens;

    @Inject
    public VerifiedTokenCache(GatewayConfig config,
            @ConfigProperty(name = "quarkus.oidc.token.age") Optional<Duration> tokenAge,
            @ConfigProperty(name = "quarkus.oidc.token.lifespan-grace") OptionalInt lifespanGrace) {
        this(config.tokenCache().enabled(), config.tokenCache().maxSize(), config.tokenCache().maxAge(),
                tokenAge.map(age -> age.toSeconds() + lifespanGrace.orElse(0)).orElse(0L));
    }

    VerifiedTokenCache(boolean enabled, long maxSize, Duration maxAge, long maxTokenAgeSeconds) {
        this.enabled = enabled;
        this.maxTokenAgeSeconds = maxTokenAgeSeconds;
        this.tokens = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(new UntilTokenExpiry(maxAge))
                .build();
    }

    /**
     * A validated token's identity and when the token stops being accepted (epoch seconds: its {@code exp}, or its
     * {@code iat} plus the maximum token age if sooner).
     */
    record Verified(SecurityIdentity identity, long expiresAtEpochSecond) {
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        SecurityIdentity known = recognise(context.request().getHeader(HttpHeaders.AUTHORIZATION),
                System.currentTimeMillis() / 1000);
        return known == null ? Uni.createFrom().nullItem() : Uni.createFrom().item(known);
    }

    /** The identity of an {@code Authorization} header's token validated before and unexpired at {@code now}, or null. */
    SecurityIdentity recognise(String authorization, long nowEpochSecond) {
        String token = enabled ? bearerToken(authorization) : null;
        Verified verified = token == null ? null : tokens.getIfPresent(token);
        // The cache's own expiry runs on a monotonic clock; the token's exp is checked on the wall clock, as OIDC does.
        return verified == null || verified.expiresAtEpochSecond() <= nowEpochSecond ? null : verified.identity();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        SecurityIdentity withCaller = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(CLIENT_ATTRIBUTE, Callers.clientId(jwt))
                .addAttribute(ORGANISATION_ATTRIBUTE, orEmpty(Callers.claim(jwt, "org_id")))
                .build();
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        long expiresAt = acceptedUntil(jwt.getExpirationTime(), jwt.getIssuedAtTime());
        if (enabled && credential != null && credential.getToken() != null && expiresAt > 0) {
            tokens.put(credential.getToken(), new Verified(withoutRequest(withCaller), expiresAt));
        }
        return Uni.createFrom().item(withCaller);
    }

    /** Epoch second from which OIDC would refuse a token with this {@code exp} and {@code iat}. */
    long acceptedUntil(long expiresAt, long issuedAt) {
        return maxTokenAgeSeconds > 0 && issuedAt > 0 ? Math.min(expiresAt, issuedAt + maxTokenAgeSeconds) : expiresAt;
    }

    /** The token as OIDC reads it: the {@code Authorization} header's value after the {@code Bearer} scheme. */
    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length());
    }

    /** Drops the first request's routing context, which later requests sharing the identity must not see. */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .setAnonymous(false);
        for (Map.Entry<String, Object> attribute : identity.getAttributes().entrySet()) {
            if (!ROUTING_CONTEXT_ATTRIBUTE.equals(attribute.getKey())) {
                copy.addAttribute(attribute.getKey(), attribute.getValue());
            }
        }
        return copy.build();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }

    /** Last of the augmentors, so that the identity kept is the finished one. */
    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    /** Before OIDC's mechanism (default priority 1000), so that a known token never reaches it. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    /** Challenges are OIDC's: "not mine" lets Quarkus ask the next mechanism. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    /** Needs no identity provider of its own: it only hands back identities OIDC's provider built. */
    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    /** Entries live until the token's exp, or max-age if sooner. */
    private static final class UntilTokenExpiry implements Expiry<String, Verified> {

        private final long maxAgeNanos;

        UntilTokenExpiry(Duration maxAge) {
            this.maxAgeNanos = maxAge.toNanos();
        }

        @Override
        public long expireAfterCreate(String token, Verified verified, long currentTime) {
            long untilExpiry = Duration.ofSeconds(verified.expiresAtEpochSecond())
                    .minusMillis(System.currentTimeMillis()).toNanos();
            return Math.max(0, Math.min(untilExpiry, maxAgeNanos));
        }

        @Override
        public long expireAfterUpdate(String token, Verified verified, long currentTime, long currentDuration) {
            return expireAfterCreate(token, verified, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Verified verified, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
