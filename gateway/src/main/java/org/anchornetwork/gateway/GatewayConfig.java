package org.anchornetwork.gateway;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the gateway sends each path prefix, and how it talks to the services. The URLs are overridable with
 * FRAMEWORK_SERVICE_URL, SPEND_SERVICE_URL and PLEDGE_SERVICE_URL (see application.properties).
 */
@ConfigMapping(prefix = "anchor.gateway")
public interface GatewayConfig {

    /** Base URL (scheme, host, port) of framework-service; any path in it is ignored: paths are never rewritten. */
    @WithDefault("http://localhost:8081")
    String frameworkServiceUrl();

    /** Path prefixes owned by framework-service. */
    @WithDefault("/api/v1/frameworks")
    List<String> frameworkServicePaths();

    @WithDefault("http://localhost:8082")
    String spendServiceUrl();

    @WithDefault("/api/v1/payments,/api/v1/suppliers")
    List<String> spendServicePaths();

    @WithDefault("http://localhost:8083")
    String pledgeServiceUrl();

    @WithDefault("/api/v1/charters")
    List<String> pledgeServicePaths();

    /** Kept-alive HTTP/1.1 connections per service. */
    @WithDefault("50")
    int poolSize();

    /** Requests allowed to wait for a pooled connection before the gateway answers 503. */
    @WithDefault("1000")
    int maxWaitQueueSize();

    /** TCP connect timeout, and the longest wait for a pooled connection; then 504. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest silence from a service once the request is sent (no response bytes); then 504. */
    @WithDefault("60s")
    Duration responseTimeout();
}
