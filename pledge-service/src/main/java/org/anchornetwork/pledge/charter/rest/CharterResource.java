package org.anchornetwork.pledge.charter.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

import org.anchornetwork.common.number.NumberParameters;
import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.pledge.charter.Charter;
import org.anchornetwork.pledge.charter.CharterPledge;
import org.anchornetwork.pledge.charter.CharterVersion;
import org.anchornetwork.pledge.charter.service.CharterEditor;
import org.anchornetwork.pledge.metric.PledgeMetric;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/charters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Charters", description = "The network's charters, their versions and pledges, and the metrics progress is "
        + "measured in. Public to read; the network admin manages them.")
public class CharterResource {

    private static final String CODE = "[a-z0-9][a-z0-9-]{1,79}";

    private final CharterEditor editor;
    private final Constraints constraints;

    public CharterResource(CharterEditor editor, Constraints constraints) {
        this.constraints = constraints;
        this.editor = editor;
    }

    @Schema(description = "A charter organisations sign")
    public record CharterView(
            @Schema(example = "fairer-richer-darlington") String id,
            @Schema(description = "The latest version", example = "1") int version,
            @Schema(example = "Fairer, Richer Darlington") String title,
            String description,
            @Schema(description = "When the latest version was published", example = "2019-11-11") LocalDate publishedOn) {

        static CharterView of(Charter charter) {
            return new CharterView(charter.id, charter.version, charter.title, charter.description, charter.publishedOn);
        }
    }

    @Schema(description = "A pledge of a charter")
    public record PledgeView(
            @Schema(example = "keep-your-money-local") String code,
            @Schema(example = "Keep your money local") String title,
            String description,
            @Schema(description = "The charter version that introduced the pledge", example = "1") int introducedInVersion) {

        static PledgeView of(CharterPledge pledge) {
            return new PledgeView(pledge.code, pledge.title, pledge.description, pledge.introducedInVersion);
        }
    }

    @Schema(description = "One version of a charter and the pledges it holds")
    public record VersionView(@Schema(example = "2") int version, @Schema(example = "2027-04-01") LocalDate publishedOn,
            @Schema(example = "Adds a pledge on good employment") String summary, List<PledgeView> pledges) {
    }

    @Schema(description = "A pledge to add, in the charter's words")
    public record NewPledge(
            @NotNull @Pattern(regexp = CODE, message = "lower case letters, digits and hyphens, e.g. good-employment") @Schema(example = "good-employment") String code,
            @NotBlank @Size(max = 200) @Schema(example = "Good employment") String title,
            @NotBlank @Size(max = 4000) @Schema(example = "Offer secure, fairly paid work with a voice for employees.") String description) {

        CharterEditor.PledgeText text() {
            return new CharterEditor.PledgeText(code, title, description);
        }
    }

    @Schema(description = "A new charter", example = """
            {"id":"good-food-darlington","title":"Good Food Darlington","description":"Food businesses pledge to buy local.",
             "publishedOn":"2027-01-10","pledges":[{"code":"buy-local-produce","title":"Buy local produce",
             "description":"Source food from Tees Valley growers."}]}""")
    public record NewCharter(
            @NotNull @Pattern(regexp = CODE, message = "lower case letters, digits and hyphens, e.g. good-food-darlington") String id,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String description,
            @NotNull LocalDate publishedOn,
            @NotEmpty @Size(max = 50) List<@Valid @NotNull NewPledge> pledges) {
    }

    @Schema(description = "The next version of a charter: every pledge of the current one, and these", example = """
            {"summary":"Adds a pledge on good employment","publishedOn":"2027-04-01",
             "addedPledges":[{"code":"good-employment","title":"Good employment",
             "description":"Offer secure, fairly paid work with a voice for employees."}]}""")
    public record NewVersion(
            @NotBlank @Size(max = 2000) String summary,
            @NotNull LocalDate publishedOn,
            @Size(max = 4000) @Schema(description = "A new description of the charter; unchanged when absent") String description,
            @NotEmpty @Size(max = 50) List<@Valid @NotNull NewPledge> addedPledges) {
    }

    @Schema(name = "PledgeMetric", description = "A measure of progress: its unit and where figures come from")
    public record MetricView(@Schema(example = "local-spend-share") String code,
            @Schema(example = "Local spend share") String title, PledgeMetric.Unit unit,
            @Schema(description = "SPEND_EVENTS: automatic for anchors from spend data; THREE_SIXTY_GIVING: from imported "
                    + "grants; FRAMEWORK_EVENTS: from contract delivery; MANUAL: reported. Every metric also takes "
                    + "manual reports.") PledgeMetric.Source source,
            @Schema(description = "Measured against a locality tier (targets name one, e.g. darlington)") boolean tiered,
            String description) {
    }

    @GET
    @PermitAll
    @Operation(summary = "List charters", description = "Every charter of the network. No token needed.")
    public List<CharterView> list() {
        return Charter.<Charter>list("order by id").stream().map(CharterView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Operation(summary = "Create a charter", description = "Network admin only. The charter starts at version 1 with its pledges.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "A charter with that id exists")
    @APIResponse(responseCode = "422", description = "A field is missing or invalid; every error is listed")
    public Response create(@NotNull NewCharter request) {
        Charter charter = editor.create(request.id(), request.title(), request.description(), request.publishedOn(),
                texts(request.pledges()), constraints.of(request));
        return Response.created(URI.create("/api/v1/charters/" + charter.id)).entity(CharterView.of(charter)).build();
    }

    @GET
    @Path("/{charterId}")
    @PermitAll
    @Operation(summary = "Read a charter", description = "Its latest version. No token needed. 404 when the charter does not exist.")
    public CharterView get(@PathParam("charterId") String charterId) {
        return CharterView.of(find(charterId));
    }

    @GET
    @Path("/{charterId}/pledges")
    @PermitAll
    @Operation(summary = "List a charter's pledges", description = "The pledges an organisation can take, in the charter's "
            + "order: those of the latest version, or of the version asked for. No token needed.")
    public List<PledgeView> pledges(@PathParam("charterId") String charterId,
            @Parameter(description = "A charter version; the latest by default", example = "1") @QueryParam("version") String asked) {
        Charter charter = find(charterId);
        Integer version = NumberParameters.wholeNumber("version", asked, 1, Integer.MAX_VALUE);
        if (version != null && version > charter.version) {
            throw ApiProblemException.notFound("Version of charter " + charterId, String.valueOf(version));
        }
        return CharterPledge.ofVersion(charterId, version == null ? charter.version : version).stream().map(PledgeView::of)
                .toList();
    }

    @GET
    @Path("/{charterId}/versions")
    @PermitAll
    @Operation(summary = "Every version of a charter", description = "Oldest first, each with the pledges it holds. No token needed.")
    public List<VersionView> versions(@PathParam("charterId") String charterId) {
        find(charterId);
        List<CharterPledge> pledges = CharterPledge.ofCharter(charterId);
        return CharterVersion.ofCharter(charterId).stream().map(version -> new VersionView(version.key.version(),
                version.publishedOn, version.summary, pledges.stream()
                        .filter(pledge -> pledge.introducedInVersion <= version.key.version()).map(PledgeView::of).toList()))
                .toList();
    }

    @POST
    @Path("/{charterId}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Operation(summary = "Publish the next version of a charter", description = "Network admin only. The new version keeps "
            + "every pledge, in the same words, and adds the pledges given; signatures of earlier versions stay valid, and "
            + "signing from now on signs the new version.")
    @APIResponse(responseCode = "201", description = "The new version")
    @APIResponse(responseCode = "422", description = "A pledge code already exists, or a field is invalid")
    public Response newVersion(@PathParam("charterId") String charterId, @NotNull NewVersion request) {
        Charter charter = editor.newVersion(charterId, request.summary(), request.publishedOn(), request.description(),
                texts(request.addedPledges()), constraints.of(request));
        CharterVersion version = CharterVersion.findById(new CharterVersion.Key(charterId, charter.version));
        return Response.created(URI.create("/api/v1/charters/" + charterId + "/versions"))
                .entity(new VersionView(charter.version, version.publishedOn, version.summary,
                        CharterPledge.ofVersion(charterId, charter.version).stream().map(PledgeView::of).toList()))
                .build();
    }

    @GET
    @Path("/{charterId}/metrics")
    @PermitAll
    @Operation(summary = "The metrics targets and progress use", description = "Each with its unit and source. No token needed.")
    public List<MetricView> metrics(@PathParam("charterId") String charterId) {
        find(charterId);
        return PledgeMetric.<PledgeMetric>list("order by position").stream()
                .map(m -> new MetricView(m.code, m.title, m.unit, m.source, m.tiered, m.description)).toList();
    }

    private static List<CharterEditor.PledgeText> texts(List<NewPledge> pledges) {
        return pledges == null ? null : pledges.stream().map(pledge -> pledge == null ? null : pledge.text()).toList();
    }

    public static Charter find(String charterId) {
        Charter charter = Charter.findById(charterId);
        if (charter == null) {
            throw ApiProblemException.notFound("Charter", charterId);
        }
        return charter;
    }
}
