package org.anchornetwork.framework.tender;

import java.nio.file.Path;
import java.util.List;

import org.anchornetwork.testsupport.SharedData;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** Checks release packages against the real OCDS 1.1.5 schema beside the checkout (skips the test where it is absent). */
final class OcdsValidation {

    private static final String PUBLISHED_BASE = "https://standard.open-contracting.org/schema/1__1__5/";

    private OcdsValidation() {
    }

    /** Every way the package departs from the schema; empty when it validates. */
    static List<String> errors(String releasePackage) throws Exception {
        Path folder = SharedData.file("ocds/schema-1.1.5");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources().getSchemaIdResolversBuilder()
                        .mapPrefix(PUBLISHED_BASE, folder.toUri().toString())));
        Schema schema = registry.getSchema(SchemaLocation.of(PUBLISHED_BASE + "release-package-schema.json"));
        return schema.validate(new ObjectMapper().readTree(releasePackage)).stream().map(Object::toString).toList();
    }
}
