package org.anchornetwork.spend.ocds.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.spend.ocds.config.OcdsConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import io.quarkus.logging.Log;

/**
 * The official OCDS 1.1.5 release package schema (JSON Schema draft-04), loaded once, on first use, from the
 * configured base. The schema names its parts by the publisher's URLs ({@code id}, {@code $ref} to
 * release-schema.json); those are mapped to the base, so a local copy is read whole and nothing is fetched.
 */
@ApplicationScoped
public class OcdsSchema {

    static final String PACKAGE_SCHEMA = "release-package-schema.json";

    private final String base;
    private volatile Schema schema;

    public OcdsSchema(OcdsConfig config) {
        this.base = baseUri(config.schemaBase());
    }

    /** The base as a URI ending in '/': a URL as given, or a directory as a file: URI. */
    static String baseUri(String configured) {
        String trimmed = configured.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String uri = lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:") ? trimmed
                : Path.of(trimmed).toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** Every way the package departs from the schema; each error's instance location is a JSON pointer. */
    public List<Error> validate(JsonNode releasePackage) {
        return schema().validate(releasePackage);
    }

    /**
     * The schema, loaded on first use. A failure is not remembered, so the next request tries again (the network or
     * a mounted folder may come back); meanwhile callers get a 503 problem rather than data checked against nothing.
     */
    Schema schema() {
        Schema loaded = schema;
        if (loaded != null) {
            return loaded;
        }
        synchronized (this) {
            if (schema == null) {
                schema = load();
            }
            return schema;
        }
    }

    private Schema load() {
        try {
            // Reading URLs (file: and http(s):) must be switched on; the draft-04 meta-schema comes from the library.
            // "format" is not asserted (draft-04 leaves it optional): real publishers break it where nothing is
            // stored (Contracts Finder's document URL "http://Contract Finder"), and ReleaseReader checks the dates
            // that are stored.
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                    builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build())
                            .schemaLoader(loader -> loader.fetchRemoteResources().getSchemaIdResolversBuilder()
                                    .mapPrefix(OcdsConfig.PUBLISHED_BASE, base)));
            Schema loaded = registry.getSchema(SchemaLocation.of(OcdsConfig.PUBLISHED_BASE + PACKAGE_SCHEMA));
            // Resolve every $ref now, so a missing release-schema.json fails here and not in the middle of a request.
            loaded.initializeValidators();
            Log.infof("OCDS release package schema loaded from %s", base);
            return loaded;
        } catch (RuntimeException e) {
            Log.errorf(e, "The OCDS schema could not be loaded from %s", base);
            throw new ApiProblemException(503, "ocds-schema-unavailable", "OCDS schema unavailable",
                    "The OCDS 1.1.5 release package schema could not be loaded, so release packages cannot be "
                            + "checked now. Try again later (operators: the log names the base tried; see "
                            + "anchor.spend.ocds.schema-base).",
                    null);
        }
    }
}
