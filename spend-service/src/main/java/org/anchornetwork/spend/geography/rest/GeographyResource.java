package org.anchornetwork.spend.geography.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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

import org.anchornetwork.common.web.Responses;
import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.spend.analysis.service.AnalysisDefinitions;
import org.anchornetwork.spend.geography.LocalityTier;
import org.anchornetwork.spend.geography.service.Localities;
import org.anchornetwork.spend.geography.service.TierEpochs;
import org.anchornetwork.spend.rollup.service.CubeMaintenance;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/geography")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Geography", description = "Where suppliers are: postcodes to local authority districts (ONS), and the "
        + "network's named, versioned locality tiers. Public: no token needed to read.")
public class GeographyResource {

    private final Localities localities;
    private final TierEpochs tierEpochs;
    private final CubeMaintenance cubes;
    private final AnalysisDefinitions definitions;
    private final Constraints constraints;

    public GeographyResource(Localities localities, TierEpochs tierEpochs, CubeMaintenance cubes,
            AnalysisDefinitions definitions, Constraints constraints) {
        this.constraints = constraints;
        this.localities = localities;
        this.tierEpochs = tierEpochs;
        this.cubes = cubes;
        this.definitions = definitions;
    }

    @Schema(name = "LocalityTier", description = "One version of a locality tier")
    public record TierView(String name, int version, String label,
            @Schema(description = "GSS codes: districts (E06…, E07…, E08…, E09…), regions (E12…) or combined authorities (E47…)") List<String> areaCodes,
            LocalDate effectiveFrom, OffsetDateTime createdAt) {

        static TierView of(LocalityTier tier) {
            return new TierView(tier.key.name(), tier.key.version(), tier.label, List.of(tier.areaCodes), tier.effectiveFrom,
                    tier.createdAt);
        }
    }

    @GET
    @Path("/tiers")
    @PermitAll
    @Operation(summary = "List the locality tiers in force", description = "The version of each tier in force on the date "
            + "(today by default). Demo tiers: darlington (E06000005), tees-valley (the five Tees Valley authorities), "
            + "north-east (region E12000001).")
    public List<TierView> tiers(@Parameter(description = "yyyy-MM-dd; default today") @QueryParam("on") String on) {
        return localities.tiersInForce(Cursors.date("on", on, LocalDate.now())).stream().map(TierView::of).toList();
    }

    @GET
    @Path("/tiers/{name}/versions")
    @PermitAll
    @Operation(summary = "Every version of a tier", description = "Oldest first.")
    @APIResponse(responseCode = "404", description = "No tier of that name")
    public List<TierView> versions(@PathParam("name") String name) {
        List<LocalityTier> versions = LocalityTier.list("key.name = ?1 order by key.version", name);
        if (versions.isEmpty()) {
            throw ApiProblemException.notFound("Locality tier", name);
        }
        return versions.stream().map(TierView::of).toList();
    }

    @Schema(description = "A new version of a tier", example = """
            {"label":"Tees Valley and County Durham","areaCodes":["E06000001","E06000002","E06000003","E06000004","E06000005","E06000047"],
            "effectiveFrom":"2027-04-01"}""")
    public record NewTierVersion(@NotBlank @Size(max = 200) String label,
            @NotEmpty @Size(max = 500) List<@NotNull @Pattern(regexp = "[EWSN][0-9]{8}", message = "must be a GSS code such as E06000005") String> areaCodes,
            @NotNull LocalDate effectiveFrom) {
    }

    @POST
    @Path("/tiers/{name}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Transactional
    @Operation(summary = "Define a tier, or its next version", description = "Network admins only. A new name starts at "
            + "version 1. Earlier versions stay, so analyses that used them can say so. Area codes must be districts, "
            + "regions or combined authorities the loaded geography knows.")
    @APIResponse(responseCode = "201", description = "The new version")
    @APIResponse(responseCode = "422", description = "An unknown area code or a bad field; every error is listed")
    public Response define(@PathParam("name") String name, @NotNull NewTierVersion request) {
        // Every error at once: the name, the request's constraints and the area codes the geography does not know.
        List<ProblemError> errors = constraints.of(request);
        if (!name.matches("[a-z0-9][a-z0-9-]{0,39}") || name.equals(AnalysisDefinitions.OUTSIDE)
                || name.equals(AnalysisDefinitions.UNKNOWN)) {
            errors.add(0, ProblemError.at("name", "invalid-name",
                    "lower case letters, digits and hyphens, at most 40, e.g. tees-valley; not 'outside' or 'unknown', "
                            + "which analyses use for suppliers in no tier and of unknown location"));
        }
        List<String> areaCodes = request.areaCodes() == null ? List.of() : request.areaCodes();
        int index = 0;
        for (String code : areaCodes) {
            if (code == null || ProblemError.anyAt(errors, "/areaCodes/" + index)) {
                index++;
                continue;
            }
            long known = ((Number) LocalityTier.getEntityManager().createNativeQuery("""
                    select count(*) from local_authority
                    where lad_code = ?1 or region_code = ?1 or combined_authority_code = ?1""")
                    .setParameter(1, code).getSingleResult()).longValue();
            if (known == 0) {
                errors.add(ProblemError.at("/areaCodes/" + index, "unknown-area",
                        code + " is not a district, region or combined authority of the loaded geography"));
            }
            index++;
        }
        ApiProblemException.throwIfAny(errors, "the tier");
        cubes.changing();
        Set<String> codes = new LinkedHashSet<>(areaCodes);
        Integer latest = (Integer) LocalityTier.getEntityManager()
                .createQuery("select max(t.key.version) from LocalityTier t where t.key.name = ?1").setParameter(1, name)
                .getSingleResult();
        LocalityTier tier = new LocalityTier();
        tier.key = new LocalityTier.Key(name, latest == null ? 1 : latest + 1);
        tier.label = request.label().strip();
        tier.areaCodes = codes.toArray(String[]::new);
        tier.effectiveFrom = request.effectiveFrom();
        tier.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (!tierEpochs.assignBit(name)) {
            throw ApiProblemException.invalid("The network has " + TierEpochs.MAX_TIERS + " tiers, the most its analyses can hold",
                    List.of(ProblemError.at("name", "too-many-tiers", "define a new version of an existing tier instead")));
        }
        tier.persist();
        // Suppliers local to the tier (or no longer) move in the cubes from the financial years it applies to.
        cubes.reconcileAll();
        definitions.changed();
        return Responses.createdOrOk(true, jakarta.ws.rs.core.UriBuilder.fromPath("/api/v1/geography/tiers/{name}/versions")
                .build(name).toString(), TierView.of(tier));
    }

    @Schema(name = "PostcodeLocality", description = "Where a postcode is, and the tiers in force that contain it")
    public record LocalityView(String postcode, Localities.Source source, String ladCode, String ladName,
            String regionCode, String combinedAuthorityCode, List<String> tiers) {
    }

    @GET
    @Path("/postcodes/{postcode}")
    @PermitAll
    @Operation(summary = "Where a postcode is", description = "source POSTCODE: the full postcode is in the ONS lookup; "
            + "DISTRICT: it is not, but its whole postcode district lies in one authority; UNKNOWN: neither (a split "
            + "district such as DL2, or a postcode the lookup lacks).")
    @APIResponse(responseCode = "400", description = "Not a UK postcode")
    public LocalityView postcode(@PathParam("postcode") String postcode) {
        Localities.Locality locality = localities.of(postcode).orElseThrow(
                () -> ApiProblemException.badRequest("invalid-postcode", "'" + postcode + "' is not a UK postcode"));
        return new LocalityView(locality.postcode(), locality.source(), locality.ladCode(), locality.ladName(),
                locality.regionCode(), locality.combinedAuthorityCode(),
                Localities.tiersContaining(locality, localities.tiersInForce(LocalDate.now())));
    }

    @Schema(name = "DistrictLocality", description = "A local authority district, and the tiers in force that contain it")
    public record DistrictView(@Schema(example = "E06000005") String ladCode, @Schema(example = "Darlington") String ladName,
            @Schema(example = "E12000001") String regionCode, @Schema(example = "E47000006") String combinedAuthorityCode,
            @Schema(example = "[\"darlington\", \"north-east\", \"tees-valley\"]") List<String> tiers) {
    }

    @GET
    @Path("/districts/{ladCode}")
    @PermitAll
    @Operation(summary = "Where a local authority district is", description = "Its region and combined authority, and "
            + "the tiers in force that contain it; for data located by area (e.g. a 360Giving beneficiary location's "
            + "geoCode) rather than by postcode.")
    @APIResponse(responseCode = "404", description = "Not a district of the loaded geography")
    public DistrictView district(@PathParam("ladCode") String ladCode) {
        Localities.Locality locality = localities.ofDistrict(ladCode)
                .orElseThrow(() -> ApiProblemException.notFound("Local authority district", ladCode));
        return new DistrictView(locality.ladCode(), locality.ladName(), locality.regionCode(), locality.combinedAuthorityCode(),
                Localities.tiersContaining(locality, localities.tiersInForce(LocalDate.now())));
    }
}
