package org.anchornetwork.spend.supplier.rest;

import java.time.LocalDate;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.web.CursorPage;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.spend.supplier.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;

@Path("/api/v1/suppliers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Suppliers", description = "Supplier organisations known to the network and whether they signed the charter. "
        + "Identities only: no spend figures. Any network member's token may read them.")
public class SupplierResource {

    @Schema(description = "A supplier organisation")
    public record SupplierView(
            @Schema(example = "GB-COH-10000003") String organisationId,
            @Schema(example = "Quaker Coffee Co") String name,
            @Schema(description = "True once the organisation signed the network's charter") boolean charterSignatory,
            @Schema(example = "fairer-richer-darlington") String signatoryCharterId,
            @Schema(example = "2026-11-25") LocalDate signatorySince) {

        static SupplierView of(Supplier supplier) {
            return new SupplierView(supplier.organisationId, supplier.name, supplier.charterSignatory,
                    supplier.signatoryCharterId, supplier.signatorySince);
        }
    }

    @GET
    @Operation(summary = "List suppliers", description = "Ordered by organisation id; charterSignatory=true lists only charter signatories.")
    public CursorPage<SupplierView> list(
            @Parameter(description = "Only charter signatories (true) or only non-signatories (false)") @QueryParam("charterSignatory") String charterSignatoryParameter,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        int pageSize = Cursors.limit(limit);
        String after = Cursors.decode(cursor);
        Boolean charterSignatory = switch (charterSignatoryParameter == null ? "" : charterSignatoryParameter) {
            case "" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiProblemException.badRequest("invalid-parameter", "charterSignatory must be true or false");
        };
        String query = "organisationId > ?1" + (charterSignatory == null ? "" : " and charterSignatory = ?2")
                + " order by organisationId";
        Object[] parameters = charterSignatory == null ? new Object[] { after == null ? "" : after }
                : new Object[] { after == null ? "" : after, charterSignatory };
        return CursorPage.of(Supplier.<Supplier>find(query, parameters).page(0, pageSize + 1).list().stream()
                .map(SupplierView::of).toList(), pageSize, SupplierView::organisationId);
    }

    @GET
    @Path("/{organisationId}")
    @Operation(summary = "Read a supplier", description = "404 when the network knows no such supplier.")
    public SupplierView get(@PathParam("organisationId") String organisationId) {
        Supplier supplier = Supplier.findById(organisationId);
        if (supplier == null) {
            throw ApiProblemException.notFound("Supplier", organisationId);
        }
        return SupplierView.of(supplier);
    }
}
