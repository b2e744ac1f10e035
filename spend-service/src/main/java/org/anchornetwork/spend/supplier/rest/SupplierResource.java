package org.anchornetwork.spend.supplier.rest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.CursorPage;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.spend.geography.LocalityTier;
import org.anchornetwork.spend.geography.service.Localities;
import org.anchornetwork.spend.ingest.rest.IngestModes;
import org.anchornetwork.spend.ingest.IngestBatch;
import org.anchornetwork.spend.supplier.Supplier;
import org.anchornetwork.spend.supplier.SupplierNames;
import org.anchornetwork.spend.supplier.service.SupplierRegistry;
import org.anchornetwork.spend.supplier.service.VendorMaster;
import org.anchornetwork.spend.supplier.service.VendorMasterImport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;

@Path("/api/v1/suppliers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Suppliers", description = "One registry of the suppliers the network pays: identities, names and "
        + "aliases, sites and where they are, size, VCSE, SIC codes and charter status. Payments are matched to "
        + "suppliers by the anchor's reference, an identifier, else the normalised name.")
public class SupplierResource {

    private final CallerOrganisation caller;
    private final Localities localities;
    private final SupplierRegistry registry;
    private final VendorMasterImport vendorMasters;
    private final ObjectMapper json;

    public SupplierResource(CallerOrganisation caller, Localities localities, SupplierRegistry registry,
            VendorMasterImport vendorMasters, ObjectMapper json) {
        this.caller = caller;
        this.localities = localities;
        this.registry = registry;
        this.vendorMasters = vendorMasters;
        this.json = json;
    }

    @Schema(description = "A site of a supplier and where it is")
    public record SiteView(String postcode, SupplierRegistry.SiteKind kind, Localities.Source source, String ladCode,
            String ladName, List<String> tiers) {
    }

    @Schema(description = "A supplier of the network")
    public record SupplierView(UUID id,
            @Schema(example = "GB-COH-10000003") String organisationId,
            @Schema(example = "Quaker Coffee Co") String name,
            @Schema(description = "org-id.guide identifiers and VAT numbers (GB-VAT-…)") List<String> identifiers,
            @Schema(description = "Names and aliases payments are matched on, as written") List<String> names,
            List<SiteView> sites,
            @Schema(description = "Tiers in force the supplier is based or branched in") List<String> localTo,
            Supplier.SizeClass sizeClass, Boolean vcse, List<String> sicCodes,
            @Schema(description = "True once the organisation signed the network's charter") boolean charterSignatory,
            @Schema(example = "fairer-richer-darlington") String signatoryCharterId,
            @Schema(example = "2026-11-25") LocalDate signatorySince) {
    }

    private SupplierView view(Supplier supplier) {
        return view(supplier, localities.tiersInForce(LocalDate.now()));
    }

    /** The supplier with its sites placed in {@code tiers} (read once per request, not once per supplier). */
    private SupplierView view(Supplier supplier, List<LocalityTier> tiers) {
        List<String> identifiers = strings("select identifier from supplier_identity where supplier_id = ?1 order by identifier", supplier.id);
        List<String> names = strings("select name from supplier_name where supplier_id = ?1 order by kind, name", supplier.id);
        List<?> siteRows = Supplier.getEntityManager().createNativeQuery(
                "select postcode, kind from supplier_site where supplier_id = ?1 order by kind desc, postcode")
                .setParameter(1, supplier.id).getResultList();
        java.util.Set<String> localTo = new java.util.TreeSet<>();
        List<SiteView> sites = siteRows.stream().map(row -> {
            Object[] cells = (Object[]) row;
            Localities.Locality locality = localities.of((String) cells[0]).orElseThrow();
            List<String> in = Localities.tiersContaining(locality, tiers);
            localTo.addAll(in);
            return new SiteView(locality.postcode(), SupplierRegistry.SiteKind.valueOf((String) cells[1]), locality.source(),
                    locality.ladCode(), locality.ladName(), in);
        }).toList();
        return new SupplierView(supplier.id, supplier.organisationId, supplier.name, identifiers, names, sites,
                List.copyOf(localTo), supplier.sizeClass, supplier.vcse,
                supplier.sicCodes == null ? List.of() : List.of(supplier.sicCodes), supplier.charterSignatory,
                supplier.signatoryCharterId, supplier.signatorySince);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(String sql, UUID supplier) {
        return Supplier.getEntityManager().createNativeQuery(sql).setParameter(1, supplier).getResultList();
    }

    @GET
    @Operation(summary = "List suppliers", description = "Ordered by id; charterSignatory=true lists only charter signatories.")
    public CursorPage<SupplierView> list(
            @Parameter(description = "Only charter signatories (true) or only non-signatories (false)") @QueryParam("charterSignatory") String charterSignatoryParameter,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        int pageSize = Cursors.limit(limit);
        UUID afterId = Cursors.uuidAfter(cursor);
        Boolean charterSignatory = switch (charterSignatoryParameter == null ? "" : charterSignatoryParameter) {
            case "" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiProblemException.badRequest("invalid-parameter", "charterSignatory must be true or false");
        };
        String query = "id > ?1" + (charterSignatory == null ? "" : " and charterSignatory = ?2") + " order by id";
        Object[] parameters = charterSignatory == null ? new Object[] { afterId } : new Object[] { afterId, charterSignatory };
        List<LocalityTier> tiers = localities.tiersInForce(LocalDate.now());
        return CursorPage.of(Supplier.<Supplier>find(query, parameters).page(0, pageSize + 1).list().stream()
                .map(supplier -> view(supplier, tiers)).toList(), pageSize, view -> view.id().toString());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a supplier", description = "By the registry's id or by any of its identifiers "
            + "(e.g. GB-COH-10000003). 404 when the network knows no such supplier.")
    public SupplierView get(@PathParam("id") String id) {
        return view(supplier(id));
    }

    private Supplier supplier(String id) {
        Supplier supplier = null;
        try {
            supplier = Supplier.findById(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            List<?> byIdentifier = Supplier.getEntityManager()
                    .createNativeQuery("select supplier_id from supplier_identity where identifier = ?1").setParameter(1, id)
                    .getResultList();
            if (!byIdentifier.isEmpty()) {
                supplier = Supplier.findById(byIdentifier.get(0));
            }
        }
        if (supplier == null) {
            throw ApiProblemException.notFound("Supplier", id);
        }
        return supplier;
    }

    @Schema(description = "Outcome of a vendor master upload")
    public record VendorMasterResult(int received, int created, int updated, int rejected,
            @Schema(description = "Payments matched to a supplier thanks to this upload") int paymentsMatched,
            @Schema(description = "The first 100 errors") List<ProblemError> errors) {
    }

    @Schema(description = "A vendor master as JSON")
    public record VendorMasterRequest(@NotNull @Size(max = 100_000) List<VendorMaster.VendorRecord> suppliers) {
    }

    @POST
    @Path("/vendor-master")
    @Consumes({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
    @Operation(summary = "Upload the anchor's vendor master", description = """
            The anchor's supplier list from its finance system, as CSV (first row the header: Supplier Reference, \
            Supplier Name, Company Number, Charity Number, VAT Number, Postcode, Branch Postcodes, Size, VCSE, SIC \
            Codes; several values in a cell separated by ';'; the charset Content-Type names, else UTF-8 with \
            Windows-1252 read where bytes are not UTF-8) or as JSON {"suppliers":[…]}. Each record finds its \
            supplier by the anchor's reference, an identifier or its name, or becomes a new one, and gives it the \
            references, identifiers, postcodes and attributes it knows. Payments not yet matched are matched again. \
            All or nothing unless mode=accept-valid.""")
    @RequestBody(content = { @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/json", schema = @Schema(implementation = VendorMasterRequest.class)) })
    @APIResponse(responseCode = "200", description = "Applied")
    @APIResponse(responseCode = "422", description = "Invalid records (row and column, or pointer); nothing applied")
    public VendorMasterResult uploadVendorMaster(@QueryParam("anchorOrgId") String anchorOrgId,
            @Parameter(description = IngestModes.DESCRIPTION) @QueryParam("mode") String mode,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) throws java.io.IOException {
        String anchor = caller.writingFor(anchorOrgId, "anchorOrgId");
        boolean acceptValid = IngestModes.parse(mode) == IngestBatch.Mode.ACCEPT_VALID;
        List<VendorMaster.Checked> records;
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
            records = VendorMaster.readCsv(body, contentType);
        } else {
            VendorMasterRequest request = json.readValue(body, VendorMasterRequest.class);
            if (request == null || request.suppliers() == null) {
                throw ApiProblemException.invalid("The body needs a suppliers list",
                        List.of(ProblemError.at("/suppliers", "NotNull", "must not be null")));
            }
            records = VendorMaster.checkAll(request.suppliers());
        }
        VendorMasterImport.Result result = vendorMasters.apply(anchor, records, acceptValid);
        List<ProblemError> first = result.errors().subList(0, Math.min(100, result.errors().size()));
        if (result.rejected() > 0 && !acceptValid) {
            throw ApiProblemException.invalid(result.rejected() + " of " + result.received()
                    + " records are not valid, so nothing was applied; fix them or send with mode=accept-valid", first);
        }
        return new VendorMasterResult(result.received(), result.created(), result.updated(), result.rejected(),
                result.paymentsMatched(), first);
    }

    @Schema(description = "A supplier name on payments that matches no supplier")
    public record UnmatchedName(@Schema(description = "As written on the first such payment") String name,
            String normalisedName, long payments, BigDecimal amount, LocalDate lastPaid) {
    }

    @GET
    @Path("/unmatched-names")
    @RolesAllowed({ Roles.ANCHOR, Roles.NETWORK_ADMIN })
    @Operation(summary = "Supplier names on payments that match no supplier", description = "For review: alias each "
            + "to a supplier (POST /api/v1/suppliers/{id}/aliases) or give the anchor's vendor master. An anchor sees the "
            + "names on its own payments; the network admin sees all. Redacted payments are never listed. Largest amount first.")
    public List<UnmatchedName> unmatchedNames(@Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        boolean everyone = caller.hasRole(Roles.NETWORK_ADMIN);
        List<?> rows = Supplier.getEntityManager().createNativeQuery("""
                select min(supplier_name), supplier_name_normalised, count(*), sum(amount), max(payment_date) from payment
                where supplier_id is null and not redacted and supplier_name_normalised is not null
                    and (cast(?1 as varchar) is null or anchor_org_id = ?1)
                group by supplier_name_normalised order by sum(amount) desc, supplier_name_normalised limit ?2""")
                .setParameter(1, everyone ? null : caller.orgId()).setParameter(2, Cursors.limit(limit)).getResultList();
        return rows.stream().map(row -> {
            Object[] cells = (Object[]) row;
            return new UnmatchedName((String) cells[0], (String) cells[1], ((Number) cells[2]).longValue(),
                    (BigDecimal) cells[3], (LocalDate) cells[4]);
        }).toList();
    }

    @Schema(description = "Another name the supplier is known by", example = "{\"name\":\"DL Building Supplies T/A DLBS\"}")
    public record AliasRequest(@NotBlank @Size(max = 300) String name) {
    }

    @POST
    @Path("/{id}/aliases")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Transactional
    @Operation(summary = "Add an alias", description = "Network admins only. Payments with that (normalised) name and no "
            + "supplier are matched to this supplier at once. 409 when the name already belongs to another supplier "
            + "(merge them instead).")
    @APIResponse(responseCode = "200", description = "The supplier, with the alias")
    public SupplierView alias(@PathParam("id") String id, @NotNull @jakarta.validation.Valid AliasRequest request) {
        Supplier supplier = supplier(id);
        String normalised = SupplierNames.normalise(request.name());
        if (normalised == null) {
            throw ApiProblemException.invalid("The alias has no letters or digits",
                    List.of(ProblemError.at("/name", "invalid-name", "give a name with letters or digits")));
        }
        List<?> owner = Supplier.getEntityManager().createNativeQuery(
                "select supplier_id from supplier_name where normalised_name = ?1").setParameter(1, normalised).getResultList();
        if (!owner.isEmpty() && !owner.get(0).equals(supplier.id)) {
            throw ApiProblemException.conflict("name-taken", "'" + request.name() + "' is a name of supplier " + owner.get(0)
                    + "; merge the two suppliers instead");
        }
        registry.addName(supplier.id, request.name(), true);
        registry.rematchUnmatched();
        return view(supplier);
    }

    @Schema(description = "The supplier to fold into this one", example = "{\"supplierId\":\"6f1c0a52-3c4e-4f0e-9a4b-3f0f7d2f1a11\"}")
    public record MergeRequest(@NotNull UUID supplierId) {
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Transactional
    @Operation(summary = "Merge another supplier into this one", description = "Network admins only. For the same "
            + "supplier recorded twice: its identities, names, anchors' references, sites and payments move to this "
            + "one, and it is deleted.")
    @APIResponse(responseCode = "200", description = "The merged supplier")
    @APIResponse(responseCode = "404", description = "Either supplier does not exist")
    public SupplierView merge(@PathParam("id") String id, @NotNull @jakarta.validation.Valid MergeRequest request) {
        Supplier kept = supplier(id);
        Supplier other = supplier(request.supplierId().toString());
        if (kept.id.equals(other.id)) {
            throw ApiProblemException.invalid("A supplier cannot be merged into itself",
                    List.of(ProblemError.at("/supplierId", "same-supplier", "name another supplier")));
        }
        registry.merge(kept.id, other.id);
        Supplier.getEntityManager().flush();
        Supplier.getEntityManager().clear();
        return view(Supplier.findById(kept.id));
    }
}
