package org.anchornetwork.spend.lm3.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.web.Responses;
import org.anchornetwork.common.number.StoredNumber;
import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.spend.analysis.service.AnalysisDefinitions;
import org.anchornetwork.spend.analysis.service.AnalysisReader;
import org.anchornetwork.spend.analysis.service.YearAndTier;
import org.anchornetwork.spend.geography.service.TierEpochs;
import org.anchornetwork.spend.lm3.Lm3DefaultRates;
import org.anchornetwork.spend.lm3.Lm3SupplierSurvey;
import org.anchornetwork.spend.lm3.Lm3Workforce;
import org.anchornetwork.spend.lm3.service.Lm3Calculator;
import org.anchornetwork.spend.supplier.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;

/**
 * LM3 (NEF's Local Multiplier 3) per anchor and for the network, and the survey answers and default rates it rests
 * on. Network members read it and record surveys; an anchor records its own workforce; the admin sets the defaults.
 */
@Path("/api/v1/spend/lm3")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ANCHOR, Roles.NETWORK_ADMIN })
@Tag(name = "Local Multiplier 3", description = "NEF's LM3: how much of the anchors' spend stays and circulates locally")
public class Lm3Resource {

    private final Lm3Calculator calculator;
    private final AnalysisDefinitions definitions;
    private final AnalysisReader reader;
    private final CallerOrganisation caller;
    private final Constraints constraints;

    public Lm3Resource(Lm3Calculator calculator, AnalysisDefinitions definitions, AnalysisReader reader,
            CallerOrganisation caller, Constraints constraints) {
        this.constraints = constraints;
        this.calculator = calculator;
        this.definitions = definitions;
        this.reader = reader;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "LM3 per anchor and for the network", description = "For one financial year and tier (the "
            + "latest year with spend and the narrowest tier when not given). mode=surveyed counts survey answers only "
            + "and reports how much local spend they cover; mode=modelled uses the network's default re-spend rates where "
            + "surveys are missing, and says so (modelled: true).")
    public Lm3Calculator.Result lm3(@Parameter(example = "2025-26") @QueryParam("financialYear") String financialYear,
            @Parameter(example = "darlington") @QueryParam("tier") String tier,
            @Parameter(description = "surveyed (default) or modelled") @QueryParam("mode") String mode) {
        AnalysisDefinitions.Snapshot known = definitions.current();
        return calculator.compute(YearAndTier.resolve(financialYear, tier, known, reader), mode(mode), known, caller.orgId());
    }

    @Schema(name = "Lm3SupplierSurveyAnswers", example = """
            {"staffLocalShare":42.5,"supplierLocalShare":18.0,"respondedOn":"2026-05-20","note":"Telephone survey, finance director"}""")
    public record SurveyAnswers(
            @Schema(description = "% of the supplier's income paid to staff living in the local area")
            @NotNull @StoredNumber(precision = 5, scale = 2, min = "0", max = "100") BigDecimal staffLocalShare,
            @Schema(description = "% of the supplier's income spent with local suppliers")
            @NotNull @StoredNumber(precision = 5, scale = 2, min = "0", max = "100") BigDecimal supplierLocalShare,
            LocalDate respondedOn, @Size(max = 1000) String note) {
    }

    @Schema(name = "Lm3SupplierSurvey")
    public record SurveyView(UUID supplierId, String supplierName, String financialYear, BigDecimal staffLocalShare,
            BigDecimal supplierLocalShare, @Schema(description = "staffLocalShare + supplierLocalShare") BigDecimal respendShare,
            LocalDate respondedOn, String note, String recordedByOrgId, OffsetDateTime recordedAt) {

        static SurveyView of(Lm3SupplierSurvey survey, String supplierName) {
            return new SurveyView(survey.key.supplierId(), supplierName, TierEpochs.financialYearName(survey.key.financialYear()),
                    survey.staffLocalShare, survey.supplierLocalShare, survey.staffLocalShare.add(survey.supplierLocalShare),
                    survey.respondedOn, survey.note, survey.recordedByOrgId, survey.recordedAt);
        }
    }

    @GET
    @Path("/surveys")
    @Operation(summary = "Supplier re-spend surveys recorded for a financial year")
    public List<SurveyView> surveys(@Parameter(example = "2025-26", required = true) @QueryParam("financialYear") String financialYear) {
        LocalDate year = YearAndTier.financialYearStart(financialYear);
        return Lm3SupplierSurvey.<Lm3SupplierSurvey>list("key.financialYear = ?1", Sort.by("key.supplierId"), year).stream()
                .map(s -> SurveyView.of(s, Supplier.<Supplier>findByIdOptional(s.key.supplierId()).map(x -> x.name).orElse(null)))
                .toList();
    }

    @PUT
    @Path("/surveys/{supplier}/{financialYear}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Record a supplier's re-spend survey answers for a financial year", description = "Any network "
            + "member. The supplier is its registry id or its organisation id. Answers for the same supplier and year "
            + "replace the earlier ones.")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "200", description = "Replaced earlier answers")
    @APIResponse(responseCode = "404", description = "No such supplier")
    @APIResponse(responseCode = "422", description = "Shares outside 0-100, or adding up to more than 100")
    public Response recordSurvey(@PathParam("supplier") String supplier, @PathParam("financialYear") String financialYear,
            @NotNull SurveyAnswers answers) {
        LocalDate year = YearAndTier.financialYearStart(financialYear);
        List<ProblemError> errors = constraints.of(answers);
        if (errors.isEmpty() && answers.staffLocalShare().add(answers.supplierLocalShare()).compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.add(ProblemError.at("/supplierLocalShare", "over-100", "staffLocalShare + supplierLocalShare must be at most 100"));
        }
        ApiProblemException.throwIfAny(errors, "the survey answers");
        Supplier found = findSupplier(supplier);
        Lm3SupplierSurvey survey = Lm3SupplierSurvey.findById(new Lm3SupplierSurvey.Key(found.id, year));
        boolean created = survey == null;
        if (created) {
            survey = new Lm3SupplierSurvey();
            survey.key = new Lm3SupplierSurvey.Key(found.id, year);
        }
        survey.staffLocalShare = answers.staffLocalShare().setScale(2);
        survey.supplierLocalShare = answers.supplierLocalShare().setScale(2);
        survey.respondedOn = answers.respondedOn();
        survey.note = answers.note() == null ? null : answers.note().strip();
        survey.recordedByOrgId = caller.orgId();
        survey.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
        survey.persist();
        // The surveys of the year, this one among them, are where it is read.
        return Responses.createdOrOk(created, "/api/v1/spend/lm3/surveys?financialYear=" + TierEpochs.financialYearName(year),
                SurveyView.of(survey, found.name));
    }

    @Schema(name = "Lm3Workforce", example = """
            {"payroll":48250000.00,"localResidentShare":71.0,"staffLocalRespendShare":54.5}""")
    public record Workforce(
            @Schema(description = "GBP, 0 or more, at most 2 decimal places")
            @NotNull @StoredNumber(precision = 18, scale = 2, min = "0") BigDecimal payroll,
            @Schema(description = "% of the payroll paid to staff living in the local area")
            @NotNull @StoredNumber(precision = 5, scale = 2, min = "0", max = "100") BigDecimal localResidentShare,
            @Schema(description = "From the staff survey: % of their pay local staff spend locally; leave out when not surveyed")
            @StoredNumber(precision = 5, scale = 2, min = "0", max = "100") BigDecimal staffLocalRespendShare) {
    }

    @PUT
    @Path("/workforce/{financialYear}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANCHOR)
    @Transactional
    @Operation(summary = "Record the caller's own workforce for a financial year", description = "Anchors, for themselves "
            + "only: payroll joins R1, pay to staff living locally R2, and what those staff re-spend locally R3.")
    public Workforce recordWorkforce(@PathParam("financialYear") String financialYear, @NotNull @Valid Workforce workforce) {
        LocalDate year = YearAndTier.financialYearStart(financialYear);
        Lm3Workforce.Key key = new Lm3Workforce.Key(caller.orgId(), year);
        Lm3Workforce row = Lm3Workforce.findById(key);
        if (row == null) {
            row = new Lm3Workforce();
            row.key = key;
        }
        row.payroll = workforce.payroll().setScale(2);
        row.localResidentShare = workforce.localResidentShare().setScale(2);
        row.staffLocalRespendShare = workforce.staffLocalRespendShare() == null ? null
                : workforce.staffLocalRespendShare().setScale(2);
        row.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.persist();
        return new Workforce(row.payroll, row.localResidentShare, row.staffLocalRespendShare);
    }

    @Schema(name = "Lm3DefaultRates", example = """
            {"localSupplierRate":76.00,"nonLocalSupplierRate":36.00,"staffRate":50.00,
             "source":"NEF with Northumberland County Council (2005)"}""")
    public record DefaultRates(
            @NotNull @StoredNumber(precision = 5, scale = 2, min = "0", max = "100") BigDecimal localSupplierRate,
            @NotNull @StoredNumber(precision = 5, scale = 2, min = "0", max = "100") BigDecimal nonLocalSupplierRate,
            @NotNull @StoredNumber(precision = 5, scale = 2, min = "0", max = "100") BigDecimal staffRate,
            @NotBlank @Size(max = 500) String source) {
    }

    @GET
    @Path("/default-rates")
    @Operation(summary = "The default re-spend rates of the modelled mode")
    public DefaultRates defaultRates() {
        Lm3Calculator.Rates rates = calculator.defaultRates();
        return new DefaultRates(rates.localSupplierRate(), rates.nonLocalSupplierRate(), rates.staffRate(), rates.source());
    }

    @PUT
    @Path("/default-rates")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Transactional
    @Operation(summary = "Set the default re-spend rates", description = "Network admins only; say where they come from.")
    public DefaultRates setDefaultRates(@NotNull @Valid DefaultRates rates) {
        Lm3DefaultRates row = Lm3DefaultRates.findById(Lm3DefaultRates.ID);
        row.localSupplierRate = rates.localSupplierRate().setScale(2);
        row.nonLocalSupplierRate = rates.nonLocalSupplierRate().setScale(2);
        row.staffRate = rates.staffRate().setScale(2);
        row.source = rates.source().strip();
        row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return new DefaultRates(row.localSupplierRate, row.nonLocalSupplierRate, row.staffRate, row.source);
    }

    private static Lm3Calculator.Mode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            return Lm3Calculator.Mode.SURVEYED;
        }
        try {
            return Lm3Calculator.Mode.valueOf(mode.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalidParameter("mode", "surveyed or modelled");
        }
    }

    private static Supplier findSupplier(String idOrOrganisation) {
        Supplier found = null;
        try {
            found = Supplier.findById(UUID.fromString(idOrOrganisation));
        } catch (IllegalArgumentException notAUuid) {
            found = Supplier.find("organisationId", idOrOrganisation).firstResult();
        }
        if (found == null) {
            throw ApiProblemException.notFound("Supplier", idOrOrganisation);
        }
        return found;
    }
}
