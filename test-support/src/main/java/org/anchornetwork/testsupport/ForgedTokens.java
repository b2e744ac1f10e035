package org.anchornetwork.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Forged access tokens for attack tests. Each forgery starts from the real claims of a fresh real token of a demo client
 * (from the local Keycloak, {@link KeycloakTokens}) and changes exactly one thing, so that a refusal can only be due to
 * that change. {@link Attack#VALID_CONTROL} changes nothing that matters (new jti, fresh iat/exp) and is signed like the
 * real tokens: the network must accept it, which proves the forging itself is right.
 * <p>
 * Properly signed forgeries are possible because the local realm {@code anchor-network} signs with a FIXED, deliberately
 * public, fake RSA key (deploy/local/keycloak/anchor-network-realm.json, component
 * {@code fixed-local-rsa-FAKE-KEY-local-only}); its private key is the classpath resource {@value #LOCAL_KEY_RESOURCE}.
 * It exists for local tests only.
 */
public final class ForgedTokens {

    /** Classpath resource with the local realm's fake RS256 private key (PKCS#8 PEM). Local tests only. */
    public static final String LOCAL_KEY_RESOURCE = "local-realm-signing-key.pem";

    /** One way of attacking token validation; {@link #token(DemoClient)} gives the token to send. */
    public enum Attack {
        /** No Authorization header at all ({@link #token} is null). */
        MISSING("no token", base -> null),
        MALFORMED_NOT_A_JWT("malformed: not.a.jwt", base -> "not.a.jwt"),
        MALFORMED_RANDOM_BASE64("malformed: random base64", base -> randomBase64Url(48)),
        MALFORMED_EMPTY_BEARER("malformed: empty bearer", base -> ""),
        MALFORMED_SIGNATURE_STRIPPED("malformed: real token without its signature", ForgedTokens::signatureStripped),
        EXPIRED("expired (exp 10 min ago)", ForgedTokens::expired),
        NOT_YET_VALID("not yet valid (nbf, iat in 10 min)", ForgedTokens::notYetValid),
        NO_EXPIRY("no exp claim", base -> signedWithLocalKey(base, claims -> claims.remove("exp"))),
        IAT_IN_THE_FUTURE("iat 10 min in the future, no nbf", ForgedTokens::issuedInTheFuture),
        IAT_TOO_OLD("iat 1 h ago (older than the token lifespan), exp still ahead", ForgedTokens::issuedTooLongAgo),
        NO_ISSUED_AT("no iat claim", base -> signedWithLocalKey(base, claims -> claims.remove("iat"))),
        TYP_ID("typ ID (an ID token)", base -> signedWithLocalKey(base, claims -> claims.put("typ", "ID"))),
        TYP_REFRESH("typ Refresh (a refresh token)", base -> signedWithLocalKey(base, claims -> claims.put("typ", "Refresh"))),
        NO_TYP("no typ claim", base -> signedWithLocalKey(base, claims -> claims.remove("typ"))),
        WRONG_ISSUER("wrong issuer (realm evil), signed with the realm key", ForgedTokens::wrongIssuer),
        NO_ISSUER("no iss claim", base -> signedWithLocalKey(base, claims -> claims.remove("iss"))),
        WRONG_AUDIENCE("wrong audience (someone-else)", ForgedTokens::wrongAudience),
        NO_AUDIENCE("no aud claim", base -> signedWithLocalKey(base, claims -> claims.remove("aud"))),
        ALG_NONE("alg none, empty signature", ForgedTokens::algNone),
        HS256_PUBLIC_KEY_PEM("HS256 keyed with the realm public key (PEM)", ForgedTokens::hs256WithPublicKeyPem),
        HS256_PUBLIC_KEY_DER("HS256 keyed with the realm public key (DER)", ForgedTokens::hs256WithPublicKeyDer),
        TAMPERED_ORG_ID("tampered payload: org_id changed, signature kept", ForgedTokens::tamperedOrgId),
        TAMPERED_ROLE("tampered payload: role network-admin added, signature kept", ForgedTokens::tamperedRole),
        UNKNOWN_KEY_SAME_KID("signed by an unknown RSA key with the realm key's kid", ForgedTokens::unknownKeySameKid),
        EMBEDDED_JWK("signed by an unknown RSA key given in the jwk header", ForgedTokens::embeddedJwk),
        /** The control: must be ACCEPTED. */
        VALID_CONTROL("valid forged control", ForgedTokens::valid);

        private final String description;
        private final Function<DemoClient, String> forge;

        Attack(String description, Function<DemoClient, String> forge) {
            this.description = description;
            this.forge = forge;
        }

        /** The token to send as {@code Authorization: Bearer <token>}, based on a real token of {@code base}; null: send no header. */
        public String token(DemoClient base) {
            return forge.apply(base);
        }

        public String description() {
            return description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static volatile RSAPrivateCrtKey localKey;
    private static volatile KeyPair strangerKeys;

    private ForgedTokens() {
    }

    // ------------------------------------------------------------------------------------------- the forgeries

    /** The control: the real claims with a new jti, iat now and exp in 5 minutes, signed with the realm's key and kid. */
    public static String valid(DemoClient base) {
        return signedWithLocalKey(base, claims -> {
        });
    }

    /** exp 10 minutes ago, iat 15 minutes ago. */
    public static String expired(DemoClient base) {
        long now = Instant.now().getEpochSecond();
        return signedWithLocalKey(base, claims -> {
            claims.put("iat", now - 900);
            claims.put("exp", now - 600);
        });
    }

    /** nbf and iat 10 minutes in the future, exp in 15 minutes. */
    public static String notYetValid(DemoClient base) {
        long now = Instant.now().getEpochSecond();
        return signedWithLocalKey(base, claims -> {
            claims.put("iat", now + 600);
            claims.put("nbf", now + 600);
            claims.put("exp", now + 900);
        });
    }

    /**
     * iat 10 minutes in the future (beyond any clock skew), exp 15 minutes ahead, no nbf: a token minted ahead of time,
     * otherwise valid.
     */
    public static String issuedInTheFuture(DemoClient base) {
        long now = Instant.now().getEpochSecond();
        return signedWithLocalKey(base, claims -> {
            claims.put("iat", now + 600);
            claims.put("exp", now + 900);
            claims.remove("nbf");
        });
    }

    /** iat an hour ago, far beyond the realm's 15-minute access token lifespan, but exp still 5 minutes ahead. */
    public static String issuedTooLongAgo(DemoClient base) {
        long now = Instant.now().getEpochSecond();
        return signedWithLocalKey(base, claims -> {
            claims.put("iat", now - 3600);
            claims.put("exp", now + 300);
        });
    }

    /** iss of a realm named evil on the same Keycloak, signed with the real realm key. */
    public static String wrongIssuer(DemoClient base) {
        return signedWithLocalKey(base, claims -> claims.put("iss",
                LocalInfrastructure.realmUrl().replaceFirst("/realms/[^/]+/?$", "/realms/evil")));
    }

    /** aud "someone-else" instead of anchor-network-api. */
    public static String wrongAudience(DemoClient base) {
        return signedWithLocalKey(base, claims -> claims.put("aud", "someone-else"));
    }

    /** Header {"alg":"none"}, the control's claims, empty signature. */
    public static String algNone(DemoClient base) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setPayload(controlClaims(base, claims -> {
        }).toString());
        return serialise(jws);
    }

    /** The key-confusion attack: HS256 with the realm's public key, as PEM text, for the HMAC secret; the realm's kid. */
    public static String hs256WithPublicKeyPem(DemoClient base) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(realmPublicKey(base).getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return hs256(base, pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** The key-confusion attack with the public key's DER bytes (X.509 SubjectPublicKeyInfo) as the HMAC secret. */
    public static String hs256WithPublicKeyDer(DemoClient base) {
        return hs256(base, realmPublicKey(base).getEncoded());
    }

    /** The real token with org_id changed in its payload (GB-NHS-RXP, or GB-LAE-DAL for the trust) and its signature kept. */
    public static String tamperedOrgId(DemoClient base) {
        return tampered(base, claims -> claims.put("org_id",
                "GB-NHS-RXP".equals(claims.path("org_id").asText()) ? "GB-LAE-DAL" : "GB-NHS-RXP"));
    }

    /** The real token with realm role network-admin added to its payload and its signature kept. */
    public static String tamperedRole(DemoClient base) {
        return tampered(base, claims -> {
            ObjectNode access = claims.has("realm_access") ? (ObjectNode) claims.get("realm_access") : claims.putObject("realm_access");
            ArrayNode roles = access.has("roles") ? (ArrayNode) access.get("roles") : access.putArray("roles");
            roles.add("network-admin");
        });
    }

    /** The control's claims signed by a freshly generated RSA key the realm never heard of, under the realm key's kid. */
    public static String unknownKeySameKid(DemoClient base) {
        return sign(controlClaims(base, claims -> {
        }), AlgorithmIdentifiers.RSA_USING_SHA256, strangerKeys().getPrivate(), realmKid(base));
    }

    /** The control's claims signed by an unknown RSA key whose public half travels in the token's own jwk header. */
    public static String embeddedJwk(DemoClient base) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            jws.setJwkHeader(PublicJsonWebKey.Factory.newPublicJwk(strangerKeys().getPublic()));
            jws.setKey(strangerKeys().getPrivate());
            jws.setPayload(controlClaims(base, claims -> {
            }).toString());
            return serialise(jws);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real token of {@code base} without its signature: "header.payload." */
    public static String signatureStripped(DemoClient base) {
        String real = KeycloakTokens.accessToken(base);
        return real.substring(0, real.lastIndexOf('.') + 1);
    }

    // -------------------------------------------------------------------------------------------- building blocks

    /**
     * The control's claims changed by {@code change}, signed RS256 with the local realm's fake key under the kid of the
     * real token (checked to be that key).
     */
    public static String signedWithLocalKey(DemoClient base, Consumer<ObjectNode> change) {
        return sign(controlClaims(base, change), AlgorithmIdentifiers.RSA_USING_SHA256, localKey(), realmKid(base));
    }

    /**
     * The claims of a fresh real token of {@code base} with a new jti ("forged-..."), iat now and exp in 5 minutes, then
     * changed by {@code change}.
     */
    public static ObjectNode controlClaims(DemoClient base, Consumer<ObjectNode> change) {
        ObjectNode claims = claimsOf(KeycloakTokens.accessToken(base));
        long now = Instant.now().getEpochSecond();
        claims.put("jti", "forged-" + UUID.randomUUID());
        claims.put("iat", now);
        claims.put("exp", now + 300);
        change.accept(claims);
        return claims;
    }

    /** The decoded payload of a compact JWT (no signature check). */
    public static ObjectNode claimsOf(String token) {
        return decodeSegment(token.split("\\.")[1]);
    }

    /** The decoded header of a compact JWT. */
    public static ObjectNode headerOf(String token) {
        return decodeSegment(token.split("\\.")[0]);
    }

    /** Signs {@code claims} with {@code algorithm} and {@code key}; header typ JWT and, if not null, {@code kid}. */
    public static String sign(ObjectNode claims, String algorithm, Key key, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        jws.setPayload(claims.toString());
        return serialise(jws);
    }

    /** The local realm's fake private key from {@value #LOCAL_KEY_RESOURCE}. */
    public static RSAPrivateCrtKey localKey() {
        RSAPrivateCrtKey key = localKey;
        if (key == null) {
            try (InputStream in = ForgedTokens.class.getClassLoader().getResourceAsStream(LOCAL_KEY_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(LOCAL_KEY_RESOURCE + " is not on the classpath");
                }
                String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + "-----BEGIN PRIVATE KEY-----".length(),
                        pem.indexOf("-----END PRIVATE KEY-----")).replaceAll("\\s", "");
                key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
                localKey = key;
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read " + LOCAL_KEY_RESOURCE, e);
            }
        }
        return key;
    }

    /** The realm's public signing key as anyone can read it: from its JWKS, under the kid of the real token of {@code base}. */
    public static RSAPublicKey realmPublicKey(DemoClient base) {
        return jwksKey(realmKid(base));
    }

    /**
     * The kid of the real token of {@code base}, after checking that the realm's JWKS publishes the local fake key under
     * it: otherwise Keycloak runs an older realm and forgeries would prove nothing.
     */
    public static String realmKid(DemoClient base) {
        String kid = headerOf(KeycloakTokens.accessToken(base)).path("kid").asText(null);
        RSAPublicKey published = jwksKey(kid);
        if (published == null || !localKey().getModulus().equals(published.getModulus())) {
            throw new IllegalStateException("Keycloak does not sign realm tokens with the fixed local key of "
                    + LOCAL_KEY_RESOURCE + " (token kid " + kid + "). Restart it so it imports the realm file again: "
                    + "deploy/local/infra.sh down keycloak && deploy/local/infra.sh up keycloak");
        }
        return kid;
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static String hs256(DemoClient base, byte[] secret) {
        return sign(controlClaims(base, claims -> {
        }), AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(secret), realmKid(base));
    }

    private static String tampered(DemoClient base, Consumer<ObjectNode> change) {
        String real = KeycloakTokens.accessToken(base);
        String[] parts = real.split("\\.");
        ObjectNode claims = decodeSegment(parts[1]);
        change.accept(claims);
        return parts[0] + "." + B64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static RSAPublicKey jwksKey(String kid) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(LocalInfrastructure.realmUrl() + "/protocol/openid-connect/certs"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            for (JsonWebKey jwk : new JsonWebKeySet(response.body()).getJsonWebKeys()) {
                if (jwk instanceof RsaJsonWebKey rsa && kid != null && kid.equals(jwk.getKeyId())) {
                    return rsa.getRsaPublicKey();
                }
            }
            return null;
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("Cannot read the realm's JWKS at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair strangerKeys() {
        KeyPair keys = strangerKeys;
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
                strangerKeys = keys;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    private static ObjectNode decodeSegment(String segment) {
        try {
            JsonNode node = JSON.readTree(B64URL_DECODER.decode(segment));
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON JWT segment: " + segment, e);
        }
    }

    private static String randomBase64Url(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return B64URL.encodeToString(random);
    }

    private static String serialise(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

}
