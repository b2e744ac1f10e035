package org.anchornetwork.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * What the gateway remembers of validated tokens, without a running gateway: only identities OIDC handed to the
 * augmentor are stored, only the same token string finds them, and never after the token's exp, nor after the
 * maximum token age OIDC enforces.
 * (GatewayTest and the system tests' token attacks cover the same through real Keycloak tokens.)
 */
class VerifiedTokenCacheTest {

    private static final long NOW = 1_800_000_000L;
    /** quarkus.oidc.token.age plus lifespan-grace: 15 minutes and 30 seconds. */
    private static final long MAX_TOKEN_AGE = 930;
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJhenAiOiJkYXJsaW5ndG9uLWNvdW5jaWwifQ.c2lnbmF0dXJl";

    private final VerifiedTokenCache cache = new VerifiedTokenCache(true, 100, Duration.ofMinutes(5), MAX_TOKEN_AGE);

    private static SecurityIdentity validatedByOidc(String token, long expiresAt) {
        return validatedByOidc(token, expiresAt, expiresAt - 300);
    }

    private static SecurityIdentity validatedByOidc(String token, long expiresAt, long issuedAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt));
        claims.setSubject("service-account-darlington-council");
        claims.setClaim("azp", "darlington-council");
        claims.setClaim("org_id", "GB-LAE-DAL");
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expiresAt));
        AccessTokenCredential credential = new AccessTokenCredential(token);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new OidcJwtCallerPrincipal(claims, credential))
                .addCredential(credential)
                .addRole("anchor")
                .addAttribute(RoutingContext.class.getName(), "the first request's context")
                .build();
    }

    private SecurityIdentity remember(String token, long expiresAt) {
        return cache.augment(validatedByOidc(token, expiresAt), null).await().indefinitely();
    }

    @Test
    void aValidatedTokenIsRecognisedByItsExactStringUntilItsExpiry() {
        long expiresAt = System.currentTimeMillis() / 1000 + 300;
        remember(TOKEN, expiresAt);

        SecurityIdentity known = cache.recognise("Bearer " + TOKEN, expiresAt - 1);
        assertNotNull(known);
        assertEquals("darlington-council", known.getAttribute(VerifiedTokenCache.CLIENT_ATTRIBUTE));
        assertEquals("GB-LAE-DAL", known.getAttribute(VerifiedTokenCache.ORGANISATION_ATTRIBUTE));
        assertEquals(java.util.Set.of("anchor"), known.getRoles());
        assertFalse(known.isAnonymous());
        assertNull(known.getAttribute(RoutingContext.class.getName()), "another request's context must not be shared");
        assertNotNull(cache.recognise("bearer " + TOKEN, expiresAt - 1), "the scheme is case-insensitive, as in OIDC");

        assertNull(cache.recognise("Bearer " + TOKEN, expiresAt), "expired at its exp");
        assertNull(cache.recognise("Bearer " + TOKEN.substring(0, TOKEN.length() - 1) + "x", expiresAt - 1));
        assertNull(cache.recognise("Bearer " + TOKEN + " ", expiresAt - 1));
        assertNull(cache.recognise("Basic " + TOKEN, expiresAt - 1));
        assertNull(cache.recognise(TOKEN, expiresAt - 1));
        assertNull(cache.recognise(null, expiresAt - 1));
    }

    @Test
    void aTokenWithALongerExpThanTheMaximumAgeIsForgottenWhenOidcWouldRefuseItsAge() {
        long issuedAt = System.currentTimeMillis() / 1000 - 60;
        long farExpiry = issuedAt + 24 * 3600;
        cache.augment(validatedByOidc(TOKEN, farExpiry, issuedAt), null).await().indefinitely();

        assertNotNull(cache.recognise("Bearer " + TOKEN, issuedAt + MAX_TOKEN_AGE - 1));
        assertNull(cache.recognise("Bearer " + TOKEN, issuedAt + MAX_TOKEN_AGE), "too old at iat + age + grace");
        assertEquals(issuedAt + MAX_TOKEN_AGE, cache.acceptedUntil(farExpiry, issuedAt));
        assertEquals(issuedAt + 300, cache.acceptedUntil(issuedAt + 300, issuedAt), "exp first when it comes first");
        assertEquals(farExpiry, new VerifiedTokenCache(true, 10, Duration.ofMinutes(5), 0).acceptedUntil(farExpiry, issuedAt),
                "no age configured: exp alone");
    }

    @Test
    void theAugmentedIdentityCarriesTheCallerForLaterHandlers() {
        SecurityIdentity augmented = remember(TOKEN, NOW + 300);
        assertEquals("darlington-council", augmented.getAttribute(VerifiedTokenCache.CLIENT_ATTRIBUTE));
        assertEquals("GB-LAE-DAL", augmented.getAttribute(VerifiedTokenCache.ORGANISATION_ATTRIBUTE));
        assertEquals("the first request's context", augmented.getAttribute(RoutingContext.class.getName()),
                "the request that was validated keeps its own context");
    }

    @Test
    void anAlreadyExpiredTokenIsNeverKept() {
        remember(TOKEN, System.currentTimeMillis() / 1000 - 1);
        assertEquals(0, cache.size());
        assertNull(cache.recognise("Bearer " + TOKEN, NOW));
    }

    @Test
    void anonymousIdentitiesAreNotKept() {
        SecurityIdentity anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        assertSame(anonymous, cache.augment(anonymous, null).await().indefinitely());
        assertEquals(0, cache.size());
    }

    @Test
    void aDisabledCacheRecognisesNothingButStillNamesTheCaller() {
        VerifiedTokenCache disabled = new VerifiedTokenCache(false, 100, Duration.ofMinutes(5), MAX_TOKEN_AGE);
        long expiresAt = System.currentTimeMillis() / 1000 + 300;
        SecurityIdentity augmented = disabled.augment(validatedByOidc(TOKEN, expiresAt), null).await().indefinitely();
        assertEquals("darlington-council", augmented.getAttribute(VerifiedTokenCache.CLIENT_ATTRIBUTE));
        assertNull(disabled.recognise("Bearer " + TOKEN, expiresAt - 1));
    }

    @Test
    void memoryStaysBoundedByMaxSize() {
        VerifiedTokenCache small = new VerifiedTokenCache(true, 10, Duration.ofMinutes(5), MAX_TOKEN_AGE);
        long expiresAt = System.currentTimeMillis() / 1000 + 300;
        for (int i = 0; i < 1000; i++) {
            small.augment(validatedByOidc(TOKEN + i, expiresAt), null).await().indefinitely();
        }
        assertEquals(10, small.size(), "least used tokens are dropped, to be validated again when they come back");
    }
}
