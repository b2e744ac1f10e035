package org.anchornetwork.framework.tender;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Checks release packages against the official OCDS 1.1.5 release package schema (unchanged copies in the test
 * resources) with the service's social value extension merged into the release schema, as OCDS tools apply an
 * extension: its release-schema.json as a JSON Merge Patch (RFC 7386). Nothing is fetched.
 */
final class OcdsValidation {

    private static final String PUBLISHED_BASE = "https://standard.open-contracting.org/schema/1__1__5/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OcdsValidation() {
    }

    /** Every way the package departs from the schema with the extension; empty when it validates. */
    static List<String> errors(String releasePackage) throws IOException {
        ObjectNode releaseSchema = (ObjectNode) JSON.readTree(resource("ocds/schema-1.1.5/release-schema.json"));
        mergePatch(releaseSchema, JSON.readTree(resource("ocds/social-value/release-schema.json")));
        String merged = JSON.writeValueAsString(releaseSchema);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemaLoader(loader -> loader.resourceLoaders(resources -> resources.resources(Map.of(
                        PUBLISHED_BASE + "release-package-schema.json", resource("ocds/schema-1.1.5/release-package-schema.json"),
                        PUBLISHED_BASE + "release-schema.json", merged)))));
        Schema schema = registry.getSchema(SchemaLocation.of(PUBLISHED_BASE + "release-package-schema.json"));
        return schema.validate(JSON.readTree(releasePackage)).stream().map(Object::toString).toList();
    }

    /** RFC 7386: objects merge member by member, null removes a member, anything else replaces. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (field.getValue().isNull()) {
                target.remove(field.getKey());
            } else if (field.getValue().isObject() && existing != null && existing.isObject()) {
                mergePatch((ObjectNode) existing, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    static String resource(String path) {
        try (InputStream in = OcdsValidation.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
