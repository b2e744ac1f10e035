package org.anchornetwork.spend.ingest.rest;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.web.Responses;
import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.spend.ingest.csv.MappingDefinition;
import org.anchornetwork.spend.ingest.service.ColumnMappings;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/payments/column-mappings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
@Tag(name = "Spend file uploads")
public class ColumnMappingResource {

    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,59}";

    private final ColumnMappings mappings;
    private final CallerOrganisation caller;

    public ColumnMappingResource(ColumnMappings mappings, CallerOrganisation caller) {
        this.mappings = mappings;
        this.caller = caller;
    }

    @Schema(name = "ColumnMapping", description = "A saved column mapping of an anchor")
    public record MappingView(String name, String anchorOrgId, MappingDefinition definition, OffsetDateTime updatedAt) {
    }

    @GET
    @Operation(summary = "List the anchor's saved column mappings", description = "A portal names the anchor (one it acts for).")
    public List<MappingView> list(@Parameter(description = "The anchor; required from a portal") @QueryParam("anchorOrgId") String anchorOrgId) {
        String anchor = caller.writingFor(anchorOrgId, "anchorOrgId");
        return mappings.list(anchor).stream().map(named -> new MappingView(named.name(), anchor, named.definition(), named.updatedAt())).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Read a saved column mapping")
    @APIResponse(responseCode = "404", description = "The anchor has no mapping of that name")
    public MappingView get(@PathParam("name") String name, @QueryParam("anchorOrgId") String anchorOrgId) {
        String anchor = caller.writingFor(anchorOrgId, "anchorOrgId");
        return mappings.findNamed(anchor, name).map(named -> new MappingView(named.name(), anchor, named.definition(), named.updatedAt()))
                .orElseThrow(() -> ApiProblemException.notFound("Column mapping", name));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a column mapping under a name", description = """
            Names the columns of the anchor's spend files that are not recognised from their headers (the mapping \
            of an upload's preview is a good start). Upload with ?mapping={name}. The name is lower case letters, \
            digits and hyphens. Example body: {"columns":{"supplierName":"Supplier ID(T)","department":"Nstrg(T)"},\
            "periodKind":"FINANCIAL_YEAR_PERIOD"}""")
    @APIResponse(responseCode = "201", description = "Saved as a new mapping")
    @APIResponse(responseCode = "200", description = "Replaced the mapping of that name")
    @APIResponse(responseCode = "422", description = "An unknown payment field or an empty header; every error is listed")
    public Response save(@PathParam("name") String name, @QueryParam("anchorOrgId") String anchorOrgId,
            @NotNull MappingDefinition definition) {
        String anchor = caller.writingFor(anchorOrgId, "anchorOrgId");
        List<ProblemError> errors = new java.util.ArrayList<>();
        if (!name.matches(NAME_PATTERN)) {
            errors.add(ProblemError.at("name", "invalid-name", "lower case letters, digits and hyphens, at most 60, e.g. "
                    + "gateshead-monthly"));
        }
        errors.addAll(definition.problems(""));
        ApiProblemException.throwIfAny(errors, "the mapping");
        boolean created = mappings.save(anchor, name, definition);
        MappingView view = mappings.findNamed(anchor, name)
                .map(named -> new MappingView(named.name(), anchor, named.definition(), named.updatedAt())).orElseThrow();
        return Responses.createdOrOk(created, jakarta.ws.rs.core.UriBuilder.fromPath("/api/v1/payments/column-mappings/{name}")
                .queryParam("anchorOrgId", anchor).build(name).toString(), view);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a saved column mapping")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "The anchor has no mapping of that name")
    public Response delete(@PathParam("name") String name, @QueryParam("anchorOrgId") String anchorOrgId) {
        String anchor = caller.writingFor(anchorOrgId, "anchorOrgId");
        if (!mappings.delete(anchor, name)) {
            throw ApiProblemException.notFound("Column mapping", name);
        }
        return Response.noContent().build();
    }
}
