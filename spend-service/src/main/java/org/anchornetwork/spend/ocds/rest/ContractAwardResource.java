package org.anchornetwork.spend.ocds.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.CursorPage;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.spend.ocds.AwardContract;
import org.anchornetwork.spend.ocds.ContractAward;
import org.anchornetwork.spend.ocds.ContractAwardSupplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/contract-awards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
@Tag(name = "Contract awards", description = "Awards and contracts of an anchor, as portals sent them in OCDS "
        + "release packages. An anchor reads its own; a portal those of an anchor it acts for.")
public class ContractAwardResource {

    private final CallerOrganisation caller;

    public ContractAwardResource(CallerOrganisation caller) {
        this.caller = caller;
    }

    @Schema(name = "ContractAward", description = "An award of a contracting process (ocid), with its suppliers and contracts",
            example = """
            {"id":"3f8a0c5e-8a7b-4c1e-9d0a-2b6c4e8f1a22","anchorOrgId":"GB-LAE-DAL","ocid":"ocds-b5fd17-76485a2b-4074-427a-8782-2a6c3f9a2cb4",
            "releaseId":"afad0545-0926-4b13-beeb-0d828b3b95eb-819844","awardId":"ocds-b5fd17-76485a2b-4074-427a-8782-2a6c3f9a2cb4-1",
            "title":null,"status":"active","awardDate":"2021-07-09","valueAmount":3380.86,"currency":"GBP",
            "buyer":{"partyId":"GB-CFS-44290","name":"University Of Worcester"},"contractStart":"2021-07-19","contractEnd":"2025-08-04",
            "suppliers":[{"partyId":"GB-CFS-307531","name":"Hennessy Flooring Ltd","identifierScheme":null,"identifierId":null,
            "legalName":"Hennessy Flooring Ltd","streetAddress":"30 Lismore Drive, Birmingham, West Midlands, United Kingdom, B17 0TP",
            "locality":null,"postalCode":null,"countryName":null}],"contracts":[],
            "batchId":"5d0f2b7e-1c1a-4c8e-8f43-6c1b8f0d2e11","createdAt":"2026-11-25T10:15:01Z"}""")
    public record ContractAwardView(UUID id, String anchorOrgId, String ocid,
            @Schema(description = "The release the award was first stored from") String releaseId, String awardId,
            String title, @Schema(description = "OCDS awardStatus: pending, active, cancelled, unsuccessful") String status,
            @Schema(description = "The award's date, as the publisher's local calendar date") LocalDate awardDate,
            BigDecimal valueAmount, @Schema(description = "ISO 4217, as published (not only GBP)") String currency,
            Buyer buyer, LocalDate contractStart, LocalDate contractEnd, List<SupplierView> suppliers,
            List<ContractView> contracts, UUID batchId, OffsetDateTime createdAt) {
    }

    @Schema(description = "The release's buyer: its party id and name")
    public record Buyer(String partyId, String name) {
    }

    @Schema(name = "ContractAwardSupplier", description = "A supplier as the release's parties describe it; postalCode "
            + "upper case with single spaces")
    public record SupplierView(String partyId, String name, String identifierScheme, String identifierId, String legalName,
            String streetAddress, String locality, String postalCode, String countryName) {

        static SupplierView of(ContractAwardSupplier s) {
            return new SupplierView(s.key.partyId(), s.name, s.identifierScheme, s.identifierId, s.legalName, s.streetAddress,
                    s.locality, s.postalCode, s.countryName);
        }
    }

    @Schema(name = "AwardContract", description = "A contract signed on the award")
    public record ContractView(String contractId, String title, String status, BigDecimal valueAmount, String currency,
            LocalDate periodStart, LocalDate periodEnd, LocalDate dateSigned) {

        static ContractView of(AwardContract c) {
            return new ContractView(c.contractId, c.title, c.status, c.valueAmount, c.currency, c.periodStart, c.periodEnd,
                    c.dateSigned);
        }
    }

    @GET
    @Operation(summary = "List an anchor's contract awards", description = "Newest stored first, in cursor pages.")
    @APIResponse(responseCode = "403", description = "The caller may not read that anchor's awards")
    public CursorPage<ContractAwardView> list(
            @Parameter(description = "The anchor: required from a portal (one it acts for); an anchor may leave it out") @QueryParam("anchorOrgId") String anchorOrgId,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        String anchor = caller.writingFor(anchorOrgId, "anchorOrgId");
        int pageSize = Cursors.limit(limit);
        String position = Cursors.decode(cursor);
        List<ContractAward> rows;
        if (position == null) {
            rows = ContractAward.<ContractAward>find("anchorOrgId = ?1 order by createdAt desc, id desc", anchor)
                    .page(0, pageSize + 1).list();
        } else {
            After after = After.parse(position);
            rows = ContractAward.<ContractAward>find("anchorOrgId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) "
                    + "order by createdAt desc, id desc", anchor, after.createdAt(), after.id()).page(0, pageSize + 1).list();
        }
        return CursorPage.of(views(rows), pageSize, view -> view.createdAt() + "|" + view.id());
    }

    /** Where a page ends: the last award's time stored and id. */
    private record After(OffsetDateTime createdAt, UUID id) {
        static After parse(String position) {
            int bar = position.indexOf('|');
            try {
                return new After(OffsetDateTime.parse(position.substring(0, bar)), UUID.fromString(position.substring(bar + 1)));
            } catch (DateTimeParseException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw Cursors.notIssued();
            }
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one contract award", description = "404 when it does not exist or belongs to another anchor.")
    @APIResponse(responseCode = "404", description = "No such award for this anchor")
    public ContractAwardView get(@PathParam("id") String id,
            @Parameter(description = "The anchor: required from a portal (one it acts for); an anchor may leave it out") @QueryParam("anchorOrgId") String anchorOrgId) {
        String anchor = caller.writingFor(anchorOrgId, "anchorOrgId");
        UUID awardId;
        try {
            awardId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.notFound("Contract award", id);
        }
        ContractAward award = ContractAward.find("id = ?1 and anchorOrgId = ?2", awardId, anchor).firstResult();
        if (award == null) {
            throw ApiProblemException.notFound("Contract award", id);
        }
        return views(List.of(award)).get(0);
    }

    /** Views of a page of awards, with their suppliers and contracts read in one query each. */
    private static List<ContractAwardView> views(List<ContractAward> awards) {
        if (awards.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = awards.stream().map(award -> award.id).toList();
        Map<UUID, List<SupplierView>> suppliers = ContractAwardSupplier.<ContractAwardSupplier>list(
                "key.awardId in ?1 order by key.partyId", ids).stream()
                .collect(Collectors.groupingBy(s -> s.key.awardId(), Collectors.mapping(SupplierView::of, Collectors.toList())));
        Map<UUID, List<ContractView>> contracts = AwardContract.<AwardContract>list("awardId in ?1 order by contractId", ids)
                .stream().collect(Collectors.groupingBy(c -> c.awardId, Collectors.mapping(ContractView::of, Collectors.toList())));
        return awards.stream().map(a -> new ContractAwardView(a.id, a.anchorOrgId, a.ocid, a.releaseId, a.awardId, a.title,
                a.status, a.awardDate, a.valueAmount, a.currency, new Buyer(a.buyerPartyId, a.buyerName), a.contractStart,
                a.contractEnd, suppliers.getOrDefault(a.id, List.of()), contracts.getOrDefault(a.id, List.of()), a.batchId,
                a.createdAt)).toList();
    }
}
