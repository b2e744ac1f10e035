package org.anchornetwork.gateway;

import java.util.List;

/**
 * How large a request body may be on a path: small on ordinary API routes (JSON documents), large only on the
 * upload routes that take spreadsheets and exports.
 *
 * @param ordinary    bytes allowed on every path that is not an upload route
 * @param upload      bytes allowed on upload routes
 * @param uploadPaths exact paths, or prefixes when they end with {@code *}
 */
record BodyLimits(long ordinary, long upload, List<String> uploadPaths) {

    BodyLimits {
        uploadPaths = List.copyOf(uploadPaths);
    }

    static BodyLimits from(GatewayConfig.BodyLimit config) {
        return new BodyLimits(config.maxSize().asLongValue(), config.uploadMaxSize().asLongValue(), config.uploadPaths());
    }

    /**
     * The limit for a raw request path. The raw path is the one forwarded, so an odd spelling of an upload path
     * ({@code //}, dot segments) gets the ordinary, smaller limit, never the larger one.
     */
    long limitFor(String rawPath) {
        return isUpload(rawPath) ? upload : ordinary;
    }

    boolean isUpload(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        for (String pattern : uploadPaths) {
            boolean prefix = pattern.endsWith("*");
            String fixed = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (prefix ? rawPath.startsWith(fixed) : rawPath.equals(fixed)) {
                return true;
            }
        }
        return false;
    }
}
