package org.anchornetwork.gateway;

import java.net.URI;
import java.util.List;

/**
 * One service behind the gateway.
 *
 * @param name        the service's name, used in problems and logs (never its address)
 * @param openApiName the name of its document in the Swagger UI, served at {@code /openapi/<openApiName>}
 * @param baseUrl     where it listens
 * @param paths       the path prefixes it owns, forwarded without rewriting
 */
public record Upstream(String name, String openApiName, URI baseUrl, List<String> paths) {

    public Upstream {
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null
                || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
            throw new IllegalArgumentException("The URL of " + name + " must look like http://host:port, not " + baseUrl);
        }
        paths = List.copyOf(paths);
    }

    public static List<Upstream> from(GatewayConfig config) {
        return List.of(
                new Upstream("framework-service", "framework", URI.create(config.frameworkServiceUrl()),
                        config.frameworkServicePaths()),
                new Upstream("spend-service", "spend", URI.create(config.spendServiceUrl()), config.spendServicePaths()),
                new Upstream("pledge-service", "pledge", URI.create(config.pledgeServiceUrl()),
                        config.pledgeServicePaths()));
    }

    public boolean tls() {
        return "https".equals(baseUrl.getScheme());
    }

    public int port() {
        return baseUrl.getPort() > 0 ? baseUrl.getPort() : tls() ? 443 : 80;
    }

    public String host() {
        return baseUrl.getHost();
    }
}
