package org.anchornetwork.pledge.charter.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.pledge.charter.Charter;
import org.anchornetwork.pledge.charter.CharterPledge;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/charters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Charters", description = "The network's charters and their pledges; public")
@PermitAll
public class CharterResource {

    @Schema(description = "A charter organisations sign")
    public record CharterView(
            @Schema(example = "fairer-richer-darlington") String id,
            @Schema(example = "1") int version,
            @Schema(example = "Fairer, Richer Darlington") String title,
            String description,
            @Schema(example = "2019-11-11") LocalDate publishedOn) {

        static CharterView of(Charter charter) {
            return new CharterView(charter.id, charter.version, charter.title, charter.description, charter.publishedOn);
        }
    }

    @Schema(description = "A pledge of a charter")
    public record PledgeView(
            @Schema(example = "keep-your-money-local") String code,
            @Schema(example = "Keep your money local") String title,
            String description) {
    }

    @GET
    @Operation(summary = "List charters", description = "Every charter of the network. No token needed.")
    public List<CharterView> list() {
        return Charter.<Charter>listAll().stream().map(CharterView::of).toList();
    }

    @GET
    @Path("/{charterId}")
    @Operation(summary = "Read a charter", description = "No token needed. 404 when the charter does not exist.")
    public CharterView get(@PathParam("charterId") String charterId) {
        return CharterView.of(find(charterId));
    }

    @GET
    @Path("/{charterId}/pledges")
    @Operation(summary = "List a charter's pledges", description = "The pledges an organisation can take, in the charter's order. No token needed.")
    public List<PledgeView> pledges(@PathParam("charterId") String charterId) {
        find(charterId);
        return CharterPledge.ofCharter(charterId).stream()
                .map(pledge -> new PledgeView(pledge.code, pledge.title, pledge.description))
                .toList();
    }

    public static Charter find(String charterId) {
        Charter charter = Charter.findById(charterId);
        if (charter == null) {
            throw ApiProblemException.notFound("Charter", charterId);
        }
        return charter;
    }
}
