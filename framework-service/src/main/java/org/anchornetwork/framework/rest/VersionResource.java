package org.anchornetwork.framework.rest;

import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.number.NumberParameters;
import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.framework.Framework;
import org.anchornetwork.framework.service.VersionService;
import org.anchornetwork.framework.valuation.Valuation;
import org.anchornetwork.framework.version.Crosswalk;
import org.anchornetwork.framework.version.FrameworkVersion;
import org.anchornetwork.framework.version.MeasuresCsv;
import org.anchornetwork.framework.version.VersionDiff;
import org.anchornetwork.framework.version.VersionDocument;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;

@Path("/api/v1/frameworks/{id}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Framework versions", description = """
        A framework's versions: themes, outcomes, measures (with optional proxy values) and targets. A version is \
        imported as a draft, changes only while a draft, is frozen when published and can be retired. Anyone reads \
        published and retired versions; only network admins see drafts and write.""")
public class VersionResource {

    private final VersionService versions;
    private final CallerOrganisation caller;

    public VersionResource(VersionService versions, CallerOrganisation caller) {
        this.versions = versions;
        this.caller = caller;
    }

    @Schema(description = "A framework version without its content")
    public record VersionSummary(String frameworkId, int number, FrameworkVersion.Status status,
            java.time.LocalDate effectiveFrom, java.time.LocalDate effectiveTo, VersionDocument.VersionRef basedOn,
            int themes, int outcomes, int measures, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            OffsetDateTime publishedAt, OffsetDateTime retiredAt) {

        static VersionSummary of(FrameworkVersion version) {
            VersionDocument document = version.document;
            return new VersionSummary(version.frameworkId, version.number, version.status, document.effectiveFrom(),
                    document.effectiveTo(), document.basedOn(), document.themesOrEmpty().size(),
                    document.outcomesOrEmpty().size(), document.measuresOrEmpty().size(), version.createdAt,
                    version.updatedAt, version.publishedAt, version.retiredAt);
        }
    }

    @Schema(description = "A framework version. Its document is the export: POST it to import the same version.")
    public record VersionView(String frameworkId, int number, FrameworkVersion.Status status, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, OffsetDateTime publishedAt, OffsetDateTime retiredAt, VersionDocument document) {

        static VersionView of(FrameworkVersion version) {
            return new VersionView(version.frameworkId, version.number, version.status, version.createdAt,
                    version.updatedAt, version.publishedAt, version.retiredAt, version.document);
        }
    }

    @GET
    @PermitAll
    @Operation(summary = "List a framework's versions", description = """
            No token needed for published and retired versions; network admins also see drafts. Oldest first.""")
    @APIResponse(responseCode = "404", description = "No such framework")
    public List<VersionSummary> list(@PathParam("id") String frameworkId) {
        requireFramework(frameworkId);
        boolean admin = caller.hasRole(Roles.NETWORK_ADMIN);
        return FrameworkVersion.of(frameworkId).stream()
                .filter(version -> admin || version.isPublic())
                .map(VersionSummary::of)
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Operation(summary = "Import a version as a new draft", description = """
            Network admins only. The body is a whole version document (the 'document' of a version read with GET). \
            It becomes the framework's next version, numbered from 1, as a draft. Every rule is checked at once: a 422 \
            lists every error with a JSON pointer (duplicate codes, an outcome without a theme, a measure without an \
            outcome, unknown units, mapsTo codes missing from the basedOn version, negative values or more than 2 \
            decimal places...), and nothing is stored.""")
    @APIResponse(responseCode = "201", description = "Imported; Location names the new version")
    @APIResponse(responseCode = "404", description = "No such framework")
    @APIResponse(responseCode = "422", description = "The document breaks rules; every error is listed")
    public Response importDraft(@PathParam("id") String frameworkId, @NotNull VersionDocument document) {
        return created(versions.createDraft(frameworkId, document));
    }

    @GET
    @Path("/{number}")
    @PermitAll
    @Operation(summary = "Read (export) a version", description = """
            No token needed for published and retired versions; drafts are visible to network admins only (404 for \
            anyone else). The document field is the whole version, ready to import elsewhere.""")
    @APIResponse(responseCode = "404", description = "No such version (or a draft, for anyone but network admins)")
    public VersionView get(@PathParam("id") String frameworkId,
            @Parameter(description = "Version number, from 1") @PathParam("number") String number) {
        return VersionView.of(readable(frameworkId, number));
    }

    @PUT
    @Path("/{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Operation(summary = "Replace a draft's content", description = """
            Network admins only. Replaces the whole document of a draft, with the same checks as an import. A \
            published or retired version never changes: 409.""")
    @APIResponse(responseCode = "409", description = "The version is published or retired")
    @APIResponse(responseCode = "422", description = "The document breaks rules; every error is listed")
    public VersionView replaceDraft(@PathParam("id") String frameworkId, @PathParam("number") String number,
            @NotNull VersionDocument document) {
        return VersionView.of(versions.replaceDraft(frameworkId, versionNumber(frameworkId, number), document));
    }

    @POST
    @Path("/{number}/publish")
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Operation(summary = "Publish a draft", description = """
            Network admins only. Freezes the version and publishes framework.version-published.v1 with its whole \
            measure catalogue. 409 when it is not a draft.""")
    @APIResponse(responseCode = "409", description = "Already published or retired")
    public VersionView publish(@PathParam("id") String frameworkId, @PathParam("number") String number) {
        return VersionView.of(versions.publish(frameworkId, versionNumber(frameworkId, number)));
    }

    @POST
    @Path("/{number}/retire")
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Operation(summary = "Retire a published version", description = """
            Network admins only. New tenders should no longer use it; it stays readable, and contracts valued with it \
            keep it. Publishes framework.version-retired.v1. 409 unless it is published.""")
    @APIResponse(responseCode = "409", description = "Not a published version")
    public VersionView retire(@PathParam("id") String frameworkId, @PathParam("number") String number) {
        return VersionView.of(versions.retire(frameworkId, versionNumber(frameworkId, number)));
    }

    @POST
    @Path("/{number}/valuations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Value commitments", description = """
            Any member of the network (a token). Values each commitment (measure code and quantity) with the \
            version's proxy values, totals them by theme and outcome and, with a contract value, gives social value \
            as a percentage of it; a version based on a national one also gets totals in the national themes \
            (through each measure's first mapsTo code). Rounding: each line is quantity × proxy value rounded to the \
            penny, half up; totals add the rounded lines; the percentage is rounded to 2 decimal places, half up. A \
            measure without a proxy value is listed with its quantity, valued: false, and adds nothing. Nothing is \
            stored. Published and retired versions only.""")
    @APIResponse(responseCode = "200", description = "The valuation")
    @APIResponse(responseCode = "404", description = "No such published or retired version")
    @APIResponse(responseCode = "422", description = "Unknown measure codes or bad quantities; every error is listed")
    public Valuation.Result value(@PathParam("id") String frameworkId, @PathParam("number") String number,
            @NotNull Valuation.Request request) {
        return versions.value(frameworkId, versionNumber(frameworkId, number), request);
    }

    @POST
    @Consumes(MeasuresCsv.MEDIA_TYPE)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Operation(summary = "Import measures from a spreadsheet as a new draft", description = """
            Network admins only. Send the CSV file as the body with Content-Type text/csv (the charset it names, e.g. \
            text/csv; charset=windows-1252, held to strictly; without one UTF-8, bytes that are not UTF-8 read as \
            Windows-1252; a byte order mark is skipped). One row per measure; the first row names the columns: theme, theme_title, outcome, \
            outcome_title, code, title, unit (required) and description, proxy_value, price_base_year, \
            counting_guidance, evidence_required, maps_to, additional_to (lists separated by ';'). Dates and the \
            national version it is based on come as query parameters. A 422 lists every error with its row and \
            column (row 1 is the header), and nothing is stored. Example: \
            curl -X POST -H 'Content-Type: text/csv' --data-binary @measures.csv \
            '.../versions?basedOnFramework=stand-in-national-toms&basedOnVersion=1&effectiveFrom=2026-04-01'""")
    @APIResponse(responseCode = "201", description = "Imported; Location names the new version")
    @APIResponse(responseCode = "422", description = "Errors, each with row and column; nothing was stored")
    public Response importCsv(@PathParam("id") String frameworkId,
            @Parameter(description = "First day the version applies, e.g. 2026-04-01") @QueryParam("effectiveFrom") String effectiveFrom,
            @Parameter(description = "Last day it applies") @QueryParam("effectiveTo") String effectiveTo,
            @Parameter(description = "Id of the national framework it is based on") @QueryParam("basedOnFramework") String basedOnFramework,
            @Parameter(description = "Its published version number") @QueryParam("basedOnVersion") String basedOnVersion,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        VersionDocument.VersionRef basedOn = basedOnFramework == null && basedOnVersion == null ? null
                : new VersionDocument.VersionRef(basedOnFramework,
                        NumberParameters.wholeNumber("basedOnVersion", basedOnVersion, 1, Integer.MAX_VALUE));
        MeasuresCsv.Read read = MeasuresCsv.read(body, contentType, basedOn, Cursors.date("effectiveFrom", effectiveFrom, null),
                Cursors.date("effectiveTo", effectiveTo, null));
        return created(versions.importCsv(frameworkId, read));
    }

    @GET
    @Path("/{number}/measures")
    @PermitAll
    @Produces({ MediaType.APPLICATION_JSON, MeasuresCsv.MEDIA_TYPE })
    @Operation(summary = "A version's measures, as JSON or as a spreadsheet", description = """
            The same visibility as the version. JSON by default; CSV (the import's columns, so the file can be edited \
            and imported as a new draft) with Accept: text/csv or format=csv. Cells a spreadsheet would run as a \
            formula get a leading apostrophe, which the import removes.""")
    public Response measures(@PathParam("id") String frameworkId, @PathParam("number") String number,
            @Parameter(description = "csv for a spreadsheet; json (default)") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        FrameworkVersion version = readable(frameworkId, number);
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> type.isCompatible(MediaType.valueOf(MeasuresCsv.MEDIA_TYPE)) && !type.isWildcardType()));
        if (!csv) {
            return Response.ok(version.document.measuresOrEmpty(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        StringWriter out = new StringWriter();
        MeasuresCsv.write(version.document, out);
        return Response.ok(out.toString(), MeasuresCsv.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + frameworkId + "-v" + version.number + "-measures.csv\"")
                .build();
    }

    @POST
    @Path("/{number}/drafts")
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Operation(summary = "Start a new draft from a published version", description = """
            Network admins only. Copies a published or retired version into the framework's next version, a draft, \
            to be changed (PUT) and published as the next edition.""")
    @APIResponse(responseCode = "201", description = "The new draft; Location names it")
    @APIResponse(responseCode = "404", description = "No such published or retired version")
    public Response draftFrom(@PathParam("id") String frameworkId, @PathParam("number") String number) {
        return created(versions.draftFrom(frameworkId, versionNumber(frameworkId, number)));
    }

    @GET
    @Path("/{number}/diff")
    @PermitAll
    @Operation(summary = "What changed since another version", description = """
            Themes, outcomes and measures added, removed and changed (field by field, proxy values included) from \
            version 'from' to this one. Both must be visible to the caller (drafts: network admins only).""")
    public VersionDiff.Result diff(@PathParam("id") String frameworkId, @PathParam("number") String number,
            @Parameter(description = "The earlier version number", required = true) @QueryParam("from") String from) {
        Integer earlierNumber = NumberParameters.wholeNumber("from", from, 1, Integer.MAX_VALUE);
        if (earlierNumber == null) {
            throw ApiProblemException.invalidParameter("from", "the earlier version's number, from 1");
        }
        FrameworkVersion to = readable(frameworkId, number);
        FrameworkVersion earlier = readable(frameworkId, earlierNumber.toString());
        return VersionDiff.between(frameworkId, earlier.number, earlier.document, to.number, to.document);
    }

    @GET
    @Path("/{number}/crosswalk")
    @PermitAll
    @Operation(summary = "Local measures and their national equivalents, both ways", description = """
            For a version based on a national framework version: each local measure with the national measures it \
            maps to (mapsTo), and each national measure with the local measures that map to it (empty when none \
            does).""")
    public Crosswalk.Result crosswalk(@PathParam("id") String frameworkId, @PathParam("number") String number) {
        FrameworkVersion version = readable(frameworkId, number);
        VersionDocument.VersionRef basedOn = version.document.basedOn();
        VersionDocument national = basedOn == null ? null : VersionService.publishedDocument(basedOn).orElse(null);
        return Crosswalk.of(frameworkId, version.number, version.document, national == null ? null : basedOn, national);
    }

    /** A version the caller may read: published or retired, or any for network admins; otherwise 404. */
    private FrameworkVersion readable(String frameworkId, String number) {
        return FrameworkVersion.find(frameworkId, versionNumber(frameworkId, number))
                .filter(found -> found.isPublic() || caller.hasRole(Roles.NETWORK_ADMIN))
                .orElseThrow(() -> ApiProblemException.notFound("Framework version", frameworkId + "/" + number));
    }



    private static void requireFramework(String frameworkId) {
        if (Framework.findById(frameworkId) == null) {
            throw ApiProblemException.notFound("Framework", frameworkId);
        }
    }

    /** Version numbers in paths are whole numbers from 1; anything else names no version. */
    private static int versionNumber(String frameworkId, String number) {
        if (!isVersionNumber(number)) {
            throw ApiProblemException.notFound("Framework version", frameworkId + "/" + number);
        }
        return Integer.parseInt(number);
    }

    private static boolean isVersionNumber(String value) {
        return value != null && value.matches("[1-9][0-9]{0,8}");
    }

    /** 201 with the new version, and its address in Location. */
    private static Response created(FrameworkVersion version) {
        return Response.created(URI.create("/api/v1/frameworks/" + version.frameworkId + "/versions/" + version.number))
                .entity(VersionView.of(version)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
