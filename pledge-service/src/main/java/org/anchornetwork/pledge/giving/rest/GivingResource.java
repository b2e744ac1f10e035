package org.anchornetwork.pledge.giving.rest;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.pledge.charter.rest.CharterResource;
import org.anchornetwork.pledge.giving.service.GivingImport;
import org.anchornetwork.pledge.giving.service.GrantRecord;
import org.anchornetwork.pledge.giving.service.ThreeSixtyGivingReader;
import org.anchornetwork.pledge.signatory.Signatory;
import org.anchornetwork.pledge.signatory.service.SignatoryAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/charters/{charterId}/signatories/{organisationId}/giving")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Giving", description = "\"Give locally\": a signatory's grants and donations as 360Giving data, placed in "
        + "the network's tiers and counted as progress")
public class GivingResource {

    private final GivingImport importer;
    private final SignatoryAccess access;

    public GivingResource(GivingImport importer, SignatoryAccess access) {
        this.importer = importer;
        this.access = access;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Roles.ANCHOR, Roles.SIGNATORY })
    @Operation(summary = "Import grants as 360Giving data", description = "Only the organisation itself, and only grants it "
            + "made: each grant's funding organisation (fundingOrganization[0].id, Funding Org:Identifier) must be the "
            + "organisation's id or an identifier it registered (PUT .../signatories/{organisationId}/identifiers); any "
            + "other funder is a refused row. Send a 360Giving "
            + "JSON package ({\"grants\":[...]}, Content-Type application/json) or the standard spreadsheet's grants sheet "
            + "as CSV (text/csv, the charset it names, else UTF-8 with Windows-1252 read where bytes are not UTF-8; the "
            + "standard column titles: Identifier, Title, Currency, Amount Awarded, Award "
            + "Date, Recipient Org:Identifier, Recipient Org:Name, Recipient Org:Postal Code, Beneficiary Location:"
            + "Geographic Code, Funding Org:Identifier, ...). Each grant is placed by its beneficiary location's area code, else by the "
            + "recipient's postcode, using spend-service's geography; grants are kept under their identifier, so sending "
            + "the same file again stores nothing twice. Every commitment with a local-donations-gbp target gets the year's "
            + "local total as progress. All or nothing: any invalid grant is a 422 listing every error (JSON pointer, "
            + "or row and column for CSV) and nothing is stored.")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, example = """
                    {"grants":[{"id":"360G-quakercoffee-2026-001","title":"Hot meals for the winter","currency":"GBP",
                     "amountAwarded":1500,"awardDate":"2026-11-02",
                     "recipientOrganization":[{"id":"GB-CHC-1234567","name":"Darlington Food Bank","postalCode":"DL1 5QT"}],
                     "fundingOrganization":[{"id":"GB-COH-10000003","name":"Quaker Coffee Co"}],
                     "beneficiaryLocation":[{"name":"Darlington","geoCode":"E06000005","geoCodeType":"LA"}]}]}"""),
            @Content(mediaType = "text/csv", example = """
                    Identifier,Title,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Recipient Org:Postal Code,Funding Org:Identifier,Funding Org:Name
                    360G-quakercoffee-2026-001,Hot meals for the winter,GBP,1500,2026-11-02,GB-CHC-1234567,Darlington Food Bank,DL1 5QT,GB-COH-10000003,Quaker Coffee Co""") })
    @APIResponse(responseCode = "200", description = "Imported: counts, totals per financial year and tier, and the progress recorded")
    @APIResponse(responseCode = "400", description = "The JSON cannot be read (malformed, control characters in text)")
    @APIResponse(responseCode = "403", description = "Another organisation's record")
    @APIResponse(responseCode = "422", description = "Invalid grants (grants of other funders among them); every error is "
            + "listed and nothing is stored. A CSV file that is not CSV text or lacks a required column is refused as a whole")
    @APIResponse(responseCode = "503", description = "spend-service's geography could not be reached; nothing was stored")
    public GivingImport.Summary importGrants(@PathParam("charterId") String charterId,
            @PathParam("organisationId") String organisationId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        Signatory signatory = access.ownForWrite(charterId, organisationId);
        if (signatory.leftOn != null && !signatory.leftOn.isAfter(java.time.LocalDate.now())) {
            throw ApiProblemException.conflict("signatory-left", organisationId + " left the charter on " + signatory.leftOn);
        }
        Set<String> ownIdentifiers = signatory.fundingIdentifiers();
        List<GrantRecord> grants = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")
                ? ThreeSixtyGivingReader.readCsv(body, contentType, ownIdentifiers)
                : ThreeSixtyGivingReader.readJson(body, ownIdentifiers);
        return importer.importGrants(signatory, grants);
    }

    @GET
    @PermitAll
    @Operation(summary = "A signatory's giving, per financial year", description = "Totals of the grants it imported: "
            + "how many, how much, how much located in each tier, and how much could not be placed. Organisations' "
            + "totals only, no recipients. No token needed.")
    public List<GivingImport.YearTotals> years(@PathParam("charterId") String charterId,
            @PathParam("organisationId") String organisationId) {
        CharterResource.find(charterId);
        return GivingImport.yearTotals(SignatoryAccess.existing(charterId, organisationId));
    }
}
