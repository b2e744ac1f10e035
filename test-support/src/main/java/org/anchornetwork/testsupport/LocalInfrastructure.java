package org.anchornetwork.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Where the infrastructure started by {@code deploy/local/infra.sh up} listens. Every address can be
 * overridden with the environment variable named beside it.
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {
    }

    /** KAFKA_BOOTSTRAP_SERVERS, default localhost:9092. */
    public static String kafkaBootstrapServers() {
        return env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    }

    /** ANCHOR_OIDC_URL, default http://localhost:8180/realms/anchor-network. */
    public static String realmUrl() {
        return env("ANCHOR_OIDC_URL", "http://localhost:8180/realms/anchor-network");
    }

    /** ANCHOR_GATEWAY_URL, default http://localhost:8080. */
    public static String gatewayUrl() {
        return env("ANCHOR_GATEWAY_URL", "http://localhost:8080");
    }

    /**
     * The local Keycloak's second realm {@code other-realm} (deploy/local/keycloak/other-realm-realm.json), whose tokens
     * the network must refuse: ANCHOR_OTHER_OIDC_URL, default the realm URL with its last segment replaced by
     * {@code other-realm}.
     */
    public static String otherRealmUrl() {
        return env("ANCHOR_OTHER_OIDC_URL", realmUrl().replaceFirst("/realms/[^/]+/?$", "/realms/other-realm"));
    }

    /** The framework-service itself, not through the gateway: FRAMEWORK_SERVICE_URL, default http://localhost:8081. */
    public static String frameworkServiceUrl() {
        return env("FRAMEWORK_SERVICE_URL", "http://localhost:8081");
    }

    /** The spend-service itself, not through the gateway: SPEND_SERVICE_URL, default http://localhost:8082. */
    public static String spendServiceUrl() {
        return env("SPEND_SERVICE_URL", "http://localhost:8082");
    }

    /** The pledge-service itself, not through the gateway: PLEDGE_SERVICE_URL, default http://localhost:8083. */
    public static String pledgeServiceUrl() {
        return env("PLEDGE_SERVICE_URL", "http://localhost:8083");
    }

    /** ANCHOR_DB_HOST and ANCHOR_DB_PORT, default 127.0.0.1:5432. */
    public static InetSocketAddress database() {
        return new InetSocketAddress(env("ANCHOR_DB_HOST", "127.0.0.1"), Integer.parseInt(env("ANCHOR_DB_PORT", "5432")));
    }

    /** Fails fast, naming the component and the command that starts it, when something does not answer. */
    public static void requireReachable(String component, InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2000);
        } catch (IOException e) {
            throw new IllegalStateException(component + " is not reachable at " + address.getHostString() + ":"
                    + address.getPort() + ". Start the local infrastructure with: deploy/local/infra.sh up", e);
        }
    }

    public static InetSocketAddress addressOf(String hostPort) {
        String first = hostPort.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    public static InetSocketAddress addressOfUrl(String url) {
        URI uri = URI.create(url);
        return new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
