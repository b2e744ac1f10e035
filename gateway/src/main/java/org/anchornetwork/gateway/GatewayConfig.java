package org.anchornetwork.gateway;

import java.time.Duration;
import java.util.List;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the gateway sends each path prefix, how it talks to the services, and the edge rules it applies on the way
 * (untrusted headers, body sizes, rate limits). The URLs are overridable with FRAMEWORK_SERVICE_URL,
 * SPEND_SERVICE_URL and PLEDGE_SERVICE_URL (see application.properties); any key with the usual environment
 * variable form, e.g. ANCHOR_GATEWAY_RATE_LIMIT_CLIENT_BURST.
 */
@ConfigMapping(prefix = "anchor.gateway")
public interface GatewayConfig {

    /** Base URL (scheme, host, port) of framework-service; any path in it is ignored: paths are never rewritten. */
    @WithDefault("http://localhost:8081")
    String frameworkServiceUrl();

    /** Path prefixes owned by framework-service (its OCDS extension, public, under /api/v1/ocds-extensions). */
    @WithDefault("/api/v1/frameworks,/api/v1/tenders,/api/v1/contracts,/api/v1/ocds-extensions")
    List<String> frameworkServicePaths();

    @WithDefault("http://localhost:8082")
    String spendServiceUrl();

    @WithDefault("/api/v1/payments,/api/v1/suppliers,/api/v1/geography,/api/v1/ocds,/api/v1/contract-awards,/api/v1/spend")
    List<String> spendServicePaths();

    @WithDefault("http://localhost:8083")
    String pledgeServiceUrl();

    @WithDefault("/api/v1/charters")
    List<String> pledgeServicePaths();

    /** Kept-alive HTTP/1.1 connections per service and per event loop (UpstreamClients). */
    @WithDefault("25")
    int poolSize();

    /** Requests allowed to wait for a pooled connection (per service and event loop) before the gateway answers 503. */
    @WithDefault("1000")
    int maxWaitQueueSize();

    /** TCP connect timeout, and the longest wait for a pooled connection; then 504. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest silence from a service once the request is sent (no response bytes); then 504. */
    @WithDefault("60s")
    Duration responseTimeout();

    /**
     * Inbound headers (case-insensitive) that could claim an identity or an origin a service might trust. They are
     * dropped before a request is forwarded; the gateway then sets X-Forwarded-For/-Proto/-Host itself.
     * {@code Authorization} is never dropped, whatever this says: the services validate the token again.
     */
    @WithDefault("Forwarded,X-Real-IP,X-Client-IP,True-Client-IP,CF-Connecting-IP,Fastly-Client-IP,X-Cluster-Client-IP,"
            + "X-User,X-User-Id,X-Username,X-Email,X-Roles,X-Role,X-Groups,X-Scopes,X-Principal,X-Subject,X-Impersonate,"
            + "X-Org-Id,X-Organisation-Id,X-Organization-Id,X-Tenant-Id,X-Acts-For,X-Client-Id,X-Client-Cert,"
            + "X-SSL-Client-Cert,SSL-Client-Cert,X-Authorization,X-Access-Token,X-Id-Token,X-Api-Key,"
            + "X-HTTP-Method-Override,X-HTTP-Method,X-Method-Override,X-Original-URL,X-Rewrite-URL")
    List<String> untrustedHeaders();

    /** Prefixes (case-insensitive) of further untrusted headers: forwarding, identity-carrying and auth-proxy headers. */
    @WithDefault("X-Forwarded-,X-Auth-,X-Authenticated-,X-Remote-,X-Original-,X-User-,X-Org-,X-Organisation-,"
            + "X-Organization-,X-Anchor-,X-Amzn-Oidc-,X-Goog-Authenticated-,X-MS-Client-Principal")
    List<String> untrustedHeaderPrefixes();

    /** Request body sizes: enforced by the gateway per path, before anything reaches a service. */
    BodyLimit bodyLimit();

    /** Token buckets per caller, checked after authentication, and per address for token verifications, before it. */
    RateLimit rateLimit();

    /** Validated bearer tokens remembered until they expire ({@link VerifiedTokenCache}). */
    TokenCache tokenCache();

    interface TokenCache {

        @WithDefault("true")
        boolean enabled();

        /** Tokens remembered at most; beyond that the least used are validated again on their next request. */
        @WithDefault("10000")
        long maxSize();

        /** Longest a token is remembered, even when its exp is later. */
        @WithDefault("5M")
        Duration maxAge();
    }

    interface BodyLimit {

        /** Largest body on ordinary routes; larger ones are a 413 problem. */
        @WithDefault("1M")
        MemorySize maxSize();

        /** Largest body on upload routes (also the value of quarkus.http.limits.max-body-size). */
        @WithDefault("250M")
        MemorySize uploadMaxSize();

        /** Upload routes: exact paths, or prefixes when they end with {@code *}. */
        @WithDefault("/api/v1/payments/uploads*,/api/v1/spend-files*,/api/v1/ocds/*")
        List<String> uploadPaths();
    }

    interface RateLimit {

        @WithDefault("true")
        boolean enabled();

        /** Callers with a token, one bucket per client (the token's azp). */
        Client client();

        /** Callers without a token, one bucket per remote address. */
        Anonymous anonymous();

        /**
         * Before authentication, one bucket per remote address for the requests whose bearer token is not one already
         * verified ({@link TokenVerificationLimit}): new, changed, expired or forged tokens.
         */
        TokenVerification tokenVerification();

        /** Buckets kept at most; beyond that the least recently used are dropped (memory stays bounded). */
        @WithDefault("100000")
        long maxTrackedCallers();

        interface Client {
            @WithDefault("50")
            double requestsPerSecond();

            @WithDefault("100")
            int burst();
        }

        interface Anonymous {
            @WithDefault("20")
            double requestsPerSecond();

            @WithDefault("40")
            int burst();
        }

        interface TokenVerification {
            @WithDefault("20")
            double requestsPerSecond();

            @WithDefault("100")
            int burst();
        }
    }
}
