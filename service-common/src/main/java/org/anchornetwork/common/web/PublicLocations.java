package org.anchornetwork.common.web;

import java.net.URI;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every {@code Location} a service answers points at the network's public address ({@code anchor.public-base-url},
 * the gateway's URL), never at the service itself. JAX-RS makes a relative Location absolute with the request's own
 * scheme and {@code Host}: behind the gateway that is the service's internal address, and called directly it is
 * whatever Host the caller sent. So the path and query of such a Location are kept and the origin replaced; a
 * Location that already names another origin is left alone. No forwarded header is read (decision 0014).
 */
public class PublicLocations {

    private final String publicBaseUrl;

    public PublicLocations(@ConfigProperty(name = "anchor.public-base-url") String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    @ServerResponseFilter
    public void publicLocation(ContainerRequestContext request, ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location == null) {
            return;
        }
        URI own = request.getUriInfo().getRequestUri();
        URI rewritten = rewrite(URI.create(location.toString()), own);
        if (rewritten != null) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, rewritten);
        }
    }

    /** The public form of {@code location}, or null when it names an origin other than the request's own. */
    URI rewrite(URI location, URI requestUri) {
        boolean ownOrigin = !location.isAbsolute() || (sameText(location.getScheme(), requestUri.getScheme())
                && sameText(location.getRawAuthority(), requestUri.getRawAuthority()));
        if (!ownOrigin) {
            return null;
        }
        String path = location.getRawPath() == null || location.getRawPath().isEmpty() ? "/" : location.getRawPath();
        String query = location.getRawQuery() == null ? "" : "?" + location.getRawQuery();
        return URI.create(publicBaseUrl + (path.startsWith("/") ? path : "/" + path) + query);
    }

    private static boolean sameText(String one, String other) {
        return one == null ? other == null : one.equalsIgnoreCase(other);
    }
}
