package org.anchornetwork.spend.anchor.rest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.OrgIds;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.spend.analysis.service.AnalysisDefinitions;
import org.anchornetwork.spend.anchor.Anchor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The anchors in the network's analyses: every organisation that has recorded spend, and those the admin describes. */
@Path("/api/v1/spend/anchors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ANCHOR, Roles.NETWORK_ADMIN })
@Tag(name = "Spend analysis")
public class AnchorResource {

    private final AnalysisDefinitions definitions;

    public AnchorResource(AnalysisDefinitions definitions) {
        this.definitions = definitions;
    }

    @Schema(name = "Anchor", example = """
            {"orgId":"GB-NHS-RXP","name":"County Durham and Darlington NHS Foundation Trust","anchorType":"NHS","described":true}""")
    public record AnchorView(String orgId, String name, Anchor.Type anchorType,
            @Schema(description = "False when the network admin has not described it: its type then comes from its id")
            boolean described) {
    }

    @Schema(name = "AnchorDescription")
    public record AnchorDescription(@NotBlank @Size(max = 300) String name, @NotNull Anchor.Type anchorType) {
    }

    @GET
    @Operation(summary = "The anchors the analyses cover, with their type", description = "Network members. Anchors "
            + "with spend that the network admin has not described have their id as their name and the type it implies.")
    public List<AnchorView> list() {
        return definitions.anchorsNow().stream().map(a -> new AnchorView(a.orgId(), a.name(), a.type(), a.described())).toList();
    }

    @PUT
    @Path("/{orgId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Transactional
    @Operation(summary = "Describe an anchor: its name and type", description = "Network admins only. The type is a "
            + "dimension of the analyses (anchorType).")
    public AnchorView describe(@PathParam("orgId") String orgId, @NotNull @Valid AnchorDescription description) {
        if (!orgId.matches(OrgIds.PATTERN)) {
            throw ApiProblemException.invalid("The organisation id is not valid", List.of(ProblemError.at("orgId",
                    "invalid-org-id", OrgIds.MESSAGE)));
        }
        Anchor anchor = Anchor.findById(orgId);
        if (anchor == null) {
            anchor = new Anchor();
            anchor.orgId = orgId;
        }
        anchor.name = description.name().strip();
        anchor.anchorType = description.anchorType();
        anchor.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        anchor.persist();
        definitions.changed();
        return new AnchorView(anchor.orgId, anchor.name, anchor.anchorType, true);
    }
}
