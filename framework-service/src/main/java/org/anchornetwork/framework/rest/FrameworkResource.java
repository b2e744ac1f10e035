package org.anchornetwork.framework.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.OrgIds;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.CursorPage;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.framework.Framework;
import org.anchornetwork.framework.service.FrameworkService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/frameworks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Frameworks", description = "Social value frameworks shared by the network. Anyone may read them; network admins create them.")
public class FrameworkResource {

    private final FrameworkService frameworks;
    private final CallerOrganisation caller;

    public FrameworkResource(FrameworkService frameworks, CallerOrganisation caller) {
        this.frameworks = frameworks;
        this.caller = caller;
    }

    @Schema(description = "A framework to create", example = """
            {"id":"darlington-social-value","name":"Darlington Social Value Framework","ownerOrgId":"GB-LAE-DAL",
             "family":"LOCAL","description":"Local outcomes and measures aligned to the national TOMs",
             "licence":"CC BY 4.0","provenance":"Adopted by Darlington Borough Council Cabinet, 11 Nov 2019"}""")
    public record CreateFrameworkRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a lower-case slug such as darlington-social-value")
            @Size(max = 80) String id,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = OrgIds.PATTERN, message = OrgIds.MESSAGE)
            String ownerOrgId,
            @NotNull Framework.Family family,
            @Size(max = 5000) String description,
            @Size(max = 500) @Schema(description = "Licence under which the framework may be shared") String licence,
            @Size(max = 5000) @Schema(description = "Where the framework comes from") String provenance) {
    }

    @Schema(description = "A framework")
    public record FrameworkView(String id, String name, String ownerOrgId, Framework.Family family, String description,
            String licence, String provenance, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static FrameworkView of(Framework framework) {
            return new FrameworkView(framework.id, framework.name, framework.ownerOrgId, framework.family,
                    framework.description, framework.licence, framework.provenance, framework.createdAt,
                    framework.updatedAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Operation(summary = "Create a framework", description = "Network admins only. Publishes framework.framework-created.v1.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new framework")
    @APIResponse(responseCode = "409", description = "A framework with this id exists")
    public Response create(@Valid @NotNull CreateFrameworkRequest request) {
        Framework framework = new Framework();
        framework.id = request.id();
        framework.name = request.name();
        framework.ownerOrgId = request.ownerOrgId();
        framework.family = request.family();
        framework.description = request.description();
        framework.licence = request.licence();
        framework.provenance = request.provenance();
        Framework created = frameworks.create(framework, caller.orgId());
        return Response.created(URI.create("/api/v1/frameworks/" + created.id)).entity(FrameworkView.of(created)).build();
    }

    @GET
    @PermitAll
    @Operation(summary = "List frameworks", description = "No token needed. Ordered by id; updatedSince returns frameworks changed at or after that instant.")
    public CursorPage<FrameworkView> list(
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "ISO 8601 instant, e.g. 2026-11-01T00:00:00Z") @QueryParam("updatedSince") String updatedSince) {
        int pageSize = Cursors.limit(limit);
        String after = Cursors.decode(cursor);
        OffsetDateTime since = Cursors.updatedSince(updatedSince);
        List<Framework> rows = Framework.<Framework>find("id > ?1 and updatedAt >= ?2 order by id",
                after == null ? "" : after, since).page(0, pageSize + 1).list();
        return CursorPage.of(rows.stream().map(FrameworkView::of).toList(), pageSize, FrameworkView::id);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Read a framework", description = "No token needed. 404 when it does not exist.")
    public FrameworkView get(@PathParam("id") String id) {
        Framework framework = Framework.findById(id);
        if (framework == null) {
            throw ApiProblemException.notFound("Framework", id);
        }
        return FrameworkView.of(framework);
    }
}
