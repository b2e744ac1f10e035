package org.anchornetwork.spend.category.rest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.spend.analysis.service.AnalysisDefinitions;
import org.anchornetwork.spend.category.CategoryRule;
import org.anchornetwork.spend.category.SpendCategory;
import org.anchornetwork.spend.rollup.service.CubeMaintenance;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;

/**
 * The network's spend categories and the rules that put anchors' expense types in them. The network admin replaces
 * the whole set at once; the spend of every expense type whose category changes moves in the cubes at once.
 */
@Path("/api/v1/spend/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Spend analysis")
public class CategoryResource {

    private final CubeMaintenance cubes;
    private final AnalysisDefinitions definitions;
    private final Constraints constraints;

    public CategoryResource(CubeMaintenance cubes, AnalysisDefinitions definitions, Constraints constraints) {
        this.constraints = constraints;
        this.cubes = cubes;
        this.definitions = definitions;
    }

    @Schema(name = "SpendCategory")
    public record CategoryView(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}", message = "lower case letters, digits and hyphens, at most 40") String code,
            @NotBlank @Size(max = 200) String label,
            @Schema(description = "Whether procurement can move this spend; analyses may leave the rest out of the denominator")
            @NotNull Boolean influenceable) {
    }

    @Schema(name = "CategoryRule")
    public record RuleView(
            @Schema(description = "Matches the whole expense type, ignoring case; * stands for any characters", example = "*electric*")
            @NotBlank @Size(max = 200) String pattern,
            @NotNull String category) {
    }

    @Schema(name = "SpendCategories", description = "Categories, and the rules in the order they are tried", example = """
            {"categories":[{"code":"construction","label":"Construction, repairs and highways","influenceable":true},
             {"code":"energy-utilities","label":"Energy and utilities","influenceable":false},
             {"code":"uncategorised","label":"Not categorised by any rule","influenceable":true}],
             "rules":[{"pattern":"*electric*","category":"energy-utilities"},{"pattern":"*repair*","category":"construction"}]}""")
    public record CategoriesView(@NotNull @Size(min = 1, max = 200) List<@NotNull @Valid CategoryView> categories,
            @NotNull @Size(max = 2000) List<@NotNull @Valid RuleView> rules) {
    }

    @Schema(name = "ExpenseTypeCategory")
    public record ExpenseTypeView(@Schema(description = "As anchors write it; empty when a payment gives none") String expenseType,
            String category, boolean influenceable) {
    }

    @GET
    @PermitAll
    @Operation(summary = "The network's spend categories and category rules", description = "Public: analyses name "
            + "their categories and which are left out of an influenceable-spend denominator.")
    public CategoriesView get() {
        return current();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.NETWORK_ADMIN)
    @Transactional
    @Operation(summary = "Replace the categories and rules", description = "Network admins only. The whole set at once: "
            + "rules are tried in the order given, the first whose pattern matches an expense type gives its category, and "
            + "expense types no rule matches are 'uncategorised' (which must stay in the set). Every expense type already "
            + "seen is categorised again, and its spend moves in the analyses in the same transaction.")
    @APIResponse(responseCode = "200", description = "The set now in force")
    @APIResponse(responseCode = "422", description = "A duplicate code, a rule naming an unknown category, or 'uncategorised' missing")
    public CategoriesView replace(@NotNull CategoriesView request) {
        // Every error of every kind at once: the set's constraints and its rules.
        List<ProblemError> errors = constraints.of(request);
        Set<String> codes = new HashSet<>();
        List<CategoryView> categories = request.categories() == null ? List.of() : request.categories();
        for (int i = 0; i < categories.size(); i++) {
            String code = categories.get(i) == null ? null : categories.get(i).code();
            if (code != null && !codes.add(code)) {
                errors.add(ProblemError.at("/categories/" + i + "/code", "duplicate", "each category code once"));
            }
        }
        if (request.categories() != null && !codes.contains(SpendCategory.UNCATEGORISED)) {
            errors.add(ProblemError.at("/categories", "required", "the set keeps the category '" + SpendCategory.UNCATEGORISED
                    + "' for expense types no rule matches"));
        }
        List<RuleView> rules = request.rules() == null ? List.of() : request.rules();
        for (int i = 0; i < rules.size(); i++) {
            String category = rules.get(i) == null ? null : rules.get(i).category();
            if (category != null && !codes.contains(category)) {
                errors.add(ProblemError.at("/rules/" + i + "/category", "unknown-category", "not one of the categories given"));
            }
        }
        ApiProblemException.throwIfAny(errors, "the categories");
        cubes.changing();
        CategoryRule.deleteAll();
        SpendCategory.deleteAll();
        SpendCategory.flush();
        int position = 0;
        for (CategoryView view : request.categories()) {
            SpendCategory category = new SpendCategory();
            category.code = view.code();
            category.label = view.label().strip();
            category.influenceable = view.influenceable();
            category.position = ++position;
            category.persist();
        }
        SpendCategory.flush();
        position = 0;
        for (RuleView view : request.rules()) {
            CategoryRule rule = new CategoryRule();
            rule.position = ++position;
            rule.pattern = view.pattern().strip();
            rule.categoryCode = view.category();
            rule.persist();
        }
        cubes.reconcileAll();
        definitions.changed();
        return current();
    }

    @GET
    @Path("/expense-types")
    @RolesAllowed({ Roles.ANCHOR, Roles.NETWORK_ADMIN })
    @Operation(summary = "Every expense type anchors have used, with its category", description = "For checking the "
            + "rules: which category each expense type (as anchors write it) falls in now.")
    public List<ExpenseTypeView> expenseTypes() {
        List<?> rows = SpendCategory.getEntityManager().createNativeQuery(
                "select expense_type, category_code, influenceable from expense_category order by expense_type").getResultList();
        return rows.stream().map(row -> {
            Object[] cells = (Object[]) row;
            return new ExpenseTypeView((String) cells[0], (String) cells[1], (Boolean) cells[2]);
        }).toList();
    }

    private static CategoriesView current() {
        List<CategoryView> categories = SpendCategory.<SpendCategory>listAll(Sort.by("position")).stream()
                .map(c -> new CategoryView(c.code, c.label, c.influenceable)).toList();
        List<RuleView> rules = CategoryRule.<CategoryRule>listAll(Sort.by("position")).stream()
                .map(r -> new RuleView(r.pattern, r.categoryCode)).toList();
        return new CategoriesView(categories, rules);
    }
}
