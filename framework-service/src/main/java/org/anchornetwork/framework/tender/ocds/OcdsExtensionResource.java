package org.anchornetwork.framework.tender.ocds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code socialValue} OCDS extension that tender release packages declare, published where their
 * {@code extensions} array says (OCDS extension conventions: the metadata, the release schema patch, the
 * documentation). Public: OCDS tools fetch it to validate and read the packages.
 */
@Path(OcdsExport.EXTENSION_PATH)
@PermitAll
@Tag(name = "OCDS extension", description = "The social value extension of the tenders' OCDS release packages")
public class OcdsExtensionResource {

    private static final String FOLDER = "ocds/social-value/";

    private final ObjectMapper mapper;
    private final OcdsExport export;

    public OcdsExtensionResource(ObjectMapper mapper, OcdsExport export) {
        this.mapper = mapper;
        this.export = export;
    }

    @GET
    @Path("/extension.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The extension's metadata (extension.json)", description = "Name, description, documentation, "
            + "compatibility (OCDS 1.1) and its schema, as OCDS extension conventions have it. No token needed.")
    public JsonNode metadata() throws IOException {
        ObjectNode metadata = (ObjectNode) mapper.readTree(text("extension.json"));
        metadata.putObject("documentationUrl").put("en", export.extensionDocumentUrl("README.md"));
        return metadata;
    }

    @GET
    @Path("/release-schema.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The extension's release schema patch (release-schema.json)", description = "A JSON Merge Patch "
            + "of the OCDS 1.1 release schema: the socialValue objects of Tender, Award and Contract. No token needed.")
    public JsonNode releaseSchema() throws IOException {
        return mapper.readTree(text("release-schema.json"));
    }

    @GET
    @Path("/README.md")
    @Produces("text/markdown; charset=UTF-8")
    @Operation(summary = "The extension's documentation (README.md)", description = "No token needed.")
    public String documentation() {
        return text("README.md");
    }

    private static String text(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("The service is packaged without " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
