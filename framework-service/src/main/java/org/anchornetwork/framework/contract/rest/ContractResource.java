package org.anchornetwork.framework.contract.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.CursorPage;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.common.web.Responses;
import org.anchornetwork.framework.contract.Contract;
import org.anchornetwork.framework.contract.ContractKpi;
import org.anchornetwork.framework.contract.DeliveryReport;
import org.anchornetwork.framework.contract.service.DeliveryService;
import org.anchornetwork.framework.contract.service.DeliveryTotals;
import org.anchornetwork.framework.contract.service.OverdueCheck;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Parameters;

@Path("/api/v1/contracts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contracts", description = "Contracts awarded from tenders, with their social value KPIs. The anchor and its "
        + "portal see the anchor's; a supplier its own; the network admin all.")
public class ContractResource {

    private final CallerOrganisation caller;
    private final DeliveryService deliveries;
    private final DeliveryTotals totals;
    private final OverdueCheck overdue;
    private final Constraints constraints;

    public ContractResource(CallerOrganisation caller, DeliveryService deliveries, DeliveryTotals totals, OverdueCheck overdue,
            Constraints constraints) {
        this.constraints = constraints;
        this.caller = caller;
        this.deliveries = deliveries;
        this.totals = totals;
        this.overdue = overdue;
    }

    @Schema(name = "DeliveryLineInput")
    public record DeliveryLineRequest(@Schema(example = "FRD1") String measureCode,
            @Schema(description = "In the measure's unit, 0 to 1,000,000,000 with at most 4 decimal places", example = "1.5")
            BigDecimal quantity,
            @Schema(example = "[\"https://supplier.example/sv/q1-payroll.pdf\"]") List<String> evidenceLinks) {
    }

    @Schema(name = "DeliveryInput", description = "What the contract delivered in one financial quarter", example = """
            {"period":"2027-28-Q1","lines":[{"measureCode":"FRD1","quantity":1.5,
             "evidenceLinks":["https://supplier.example/sv/q1-payroll.pdf"]}],"note":"Two local apprentices started"}""")
    public record DeliveryRequest(@jakarta.validation.constraints.NotNull String period,
            @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Size(max = 200)
            List<@jakarta.validation.constraints.NotNull DeliveryLineRequest> lines,
            @jakarta.validation.constraints.Size(max = 2000) String note) {
    }

    @Schema(name = "DeliveryReport")
    public record DeliveryView(UUID id, UUID contractId, @Schema(example = "2027-28-Q1") String period,
            List<DeliveryReport.Line> lines, BigDecimal deliveredValue, String note, String reportedByOrgId,
            OffsetDateTime reportedAt) {

        static DeliveryView of(DeliveryReport report) {
            return new DeliveryView(report.id, report.contractId, report.period, report.lines, report.deliveredValue, report.note,
                    report.reportedByOrgId, report.reportedAt);
        }
    }

    @Schema(name = "ContractKpi", description = "A committed measure, valued with the proxy value pinned at award")
    public record KpiView(@Schema(example = "FRD1") String measureCode, String measureTitle, @Schema(example = "JOBS") String theme,
            @Schema(example = "fte-years") String unit, @Schema(example = "4.5") BigDecimal committedQuantity,
            @Schema(example = "30000.00") BigDecimal proxyValue, @Schema(example = "135000.00") BigDecimal committedValue,
            LocalDate dueOn, String timescale) {
    }

    @Schema(name = "Contract")
    public record ContractView(UUID id, UUID tenderId, UUID bidId, @Schema(example = "GB-LAE-DAL") String anchorOrgId,
            @Schema(example = "GB-COH-10000002") String supplierOrgId, String supplierName, String frameworkId,
            int frameworkVersion, BigDecimal contractValue, LocalDate startsOn, LocalDate endsOn, OffsetDateTime awardedAt,
            @Schema(description = "Sum of the KPIs' committed value in GBP") BigDecimal committedSocialValue, List<KpiView> kpis) {
    }

    public static ContractView viewOf(Contract contract) {
        List<KpiView> kpis = ContractKpi.ofContract(contract.id).stream().map(kpi -> new KpiView(kpi.measureCode,
                kpi.measureTitle, kpi.theme, kpi.unit, kpi.committedQuantity, kpi.proxyValue, kpi.committedValue, kpi.dueOn,
                kpi.timescale)).toList();
        BigDecimal committed = kpis.stream().map(KpiView::committedValue).filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new ContractView(contract.id, contract.tenderId, contract.bidId, contract.anchorOrgId, contract.supplierOrgId,
                contract.supplierName, contract.frameworkId, contract.frameworkVersion, contract.contractValue,
                contract.startsOn, contract.endsOn, contract.awardedAt, committed, kpis);
    }

    @GET
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "List contracts", description = "An anchor's own, a portal's anchors', a supplier's own; all for "
            + "the network admin. Cursor pages.")
    public CursorPage<ContractView> list(@Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit) {
        int pageSize = Cursors.limit(limit);
        StringBuilder query = new StringBuilder("id > :after");
        Parameters parameters = Parameters.with("after", Cursors.uuidAfter(cursor));
        scope(query, parameters);
        List<Contract> rows = Contract.<Contract>find(query + " order by id", parameters).page(0, pageSize + 1).list();
        return CursorPage.of(rows.stream().map(ContractResource::viewOf).toList(), pageSize, view -> view.id().toString());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "Read a contract", description = "404 for a contract the caller may not see.")
    public ContractView get(@PathParam("id") UUID id) {
        return viewOf(visible(id));
    }

    @POST
    @Path("/{id}/deliveries")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPPLIER, Roles.ANCHOR, Roles.PORTAL })
    @Transactional
    @Operation(summary = "Report delivery for a quarter", description = "The supplier (its own contracts only), the anchor or "
            + "its portal. One report per financial quarter of the contract: quantities of the contract's KPI measures and "
            + "links to evidence, valued with the proxy values pinned at award. Sending the same report again changes "
            + "nothing (200); a changed report for the quarter replaces it (200, a correction); framework.delivery-reported.v1 "
            + "is published for every change.")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "200", description = "Replaced the quarter's report, or was already recorded")
    @APIResponse(responseCode = "404", description = "Not a contract the caller reports on")
    @APIResponse(responseCode = "422", description = "Invalid; every error is listed and nothing is stored")
    public Response report(@PathParam("id") UUID id, @NotNull DeliveryRequest request) {
        Contract contract = visible(id);
        List<DeliveryService.LineInput> lines = request.lines() == null ? null : request.lines().stream()
                .map(line -> line == null ? null
                        : new DeliveryService.LineInput(line.measureCode(), line.quantity(), line.evidenceLinks()))
                .toList();
        DeliveryService.Reported reported = deliveries.report(contract, request.period(), lines,
                request.note() == null || request.note().isBlank() ? null : request.note().strip(), caller.orgId(),
                constraints.of(request));
        DeliveryView view = DeliveryView.of(reported.report());
        return Responses.createdOrOk(reported.created(), "/api/v1/contracts/" + id + "/deliveries", view);
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "A contract's delivery reports", description = "One per quarter reported, oldest first.")
    public List<DeliveryView> deliveries(@PathParam("id") UUID id) {
        return DeliveryReport.ofContract(visible(id).id).stream().map(DeliveryView::of).toList();
    }

    @GET
    @Path("/{id}/performance")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "Committed against delivered", description = "Per KPI: committed and delivered quantity and GBP, "
            + "share delivered; totals; and the quarters flagged overdue that still have no report.")
    public DeliveryTotals.Performance performance(@PathParam("id") UUID id) {
        Contract contract = visible(id);
        return totals.performance(contract, overdue.overdueNow(contract));
    }

    @GET
    @Path("/delivery-totals")
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL, Roles.SUPPLIER, Roles.NETWORK_ADMIN })
    @Operation(summary = "Committed against delivered, summed", description = "by=contract, supplier, anchor or theme (the "
            + "default), over the contracts the caller sees (an anchor's, a portal's anchors', a supplier's own, all for "
            + "the network admin). scope=network with by=theme gives every member the network's totals by theme.")
    public List<DeliveryTotals.Row> deliveryTotals(@QueryParam("by") String by, @QueryParam("scope") String scope) {
        DeliveryTotals.By grouping = DeliveryTotals.By.parse(by);
        boolean network = "network".equalsIgnoreCase(scope == null ? "" : scope.strip());
        if (scope != null && !scope.isBlank() && !network && !"own".equalsIgnoreCase(scope.strip())) {
            throw ApiProblemException.invalidParameter("scope", "own (default) or network");
        }
        if (network && grouping != DeliveryTotals.By.THEME) {
            throw ApiProblemException.invalidParameter("scope", "network totals are by theme only; other groupings are for "
                    + "the contracts the caller sees");
        }
        java.util.Map<String, Object> parameters = new java.util.HashMap<>();
        String condition = network || caller.hasRole(Roles.NETWORK_ADMIN) ? "true" : nativeScope(parameters);
        return totals.totals(grouping, condition, parameters);
    }

    private Contract visible(UUID id) {
        StringBuilder query = new StringBuilder("id = :id");
        Parameters parameters = Parameters.with("id", id);
        scope(query, parameters);
        Contract contract = Contract.<Contract>find(query.toString(), parameters).firstResult();
        if (contract == null) {
            throw ApiProblemException.notFound("Contract", id.toString());
        }
        return contract;
    }

    /** The same rule as {@link #scope}, as SQL on alias c for the totals. */
    private String nativeScope(java.util.Map<String, Object> parameters) {
        if (caller.hasRole(Roles.ANCHOR)) {
            parameters.put("org", caller.orgId());
            return "c.anchor_org_id = :org";
        }
        if (caller.hasRole(Roles.PORTAL)) {
            parameters.put("anchors", caller.actsFor().isEmpty() ? List.of("-") : List.copyOf(caller.actsFor()));
            return "c.anchor_org_id in (:anchors)";
        }
        parameters.put("org", caller.orgId());
        return "c.supplier_org_id = :org";
    }

    /** Narrows a query to the contracts the caller may see. */
    private void scope(StringBuilder query, Parameters parameters) {
        if (caller.hasRole(Roles.NETWORK_ADMIN)) {
            return;
        }
        if (caller.hasRole(Roles.ANCHOR)) {
            query.append(" and anchorOrgId = :org");
            parameters.and("org", caller.orgId());
        } else if (caller.hasRole(Roles.PORTAL)) {
            query.append(" and anchorOrgId in :anchors");
            parameters.and("anchors", caller.actsFor().isEmpty() ? List.of("-") : List.copyOf(caller.actsFor()));
        } else {
            query.append(" and supplierOrgId = :org");
            parameters.and("org", caller.orgId());
        }
    }
}
