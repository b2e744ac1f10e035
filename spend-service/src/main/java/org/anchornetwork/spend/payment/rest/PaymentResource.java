package org.anchornetwork.spend.payment.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
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
import org.anchornetwork.common.number.StoredNumber;
import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.OrgIds;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.common.web.CursorPage;
import org.anchornetwork.common.web.Cursors;
import org.anchornetwork.spend.payment.Payment;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.problem.ProblemMappers;
import org.anchornetwork.spend.ingest.IngestBatch;
import org.anchornetwork.spend.ingest.rest.BatchView;
import org.anchornetwork.spend.ingest.rest.IngestModes;
import org.anchornetwork.spend.ingest.service.IncomingPayment;
import org.anchornetwork.spend.ingest.service.PaymentIngest;
import org.anchornetwork.spend.ingest.service.RowKeys;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/payments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ANCHOR)
@Tag(name = "Payments", description = "An anchor's own payments to suppliers. Only the paying anchor reads them (the "
        + "caller's organisation, claim org_id of the token); portals may record them for the anchors they act for.")
public class PaymentResource {

    private final PaymentIngest ingest;
    private final CallerOrganisation caller;
    private final Validator validator;
    private final Constraints constraints;

    public PaymentResource(PaymentIngest ingest, CallerOrganisation caller, Validator validator, Constraints constraints) {
        this.constraints = constraints;
        this.ingest = ingest;
        this.caller = caller;
        this.validator = validator;
    }

    @Schema(description = "A payment as the anchor's finance system holds it, with the columns councils and NHS bodies "
            + "publish in their spend files")
    @SupplierNamedUnlessRedacted
    public record PaymentInput(
            @NotNull @Schema(example = "2026-10-14") LocalDate paymentDate,
            @NotNull @StoredNumber(precision = 14, scale = 2) @Schema(description = "GBP; negative for a credit note; at most "
                    + "999,999,999,999.99 either way, at most 2 decimal places", example = "1250.00") BigDecimal amount,
            @Schema(description = "Whether amount is net or gross of VAT (default UNKNOWN)", example = "NET") Payment.AmountBasis amountBasis,
            @StoredNumber(precision = 14, scale = 2) @Schema(description = "VAT in GBP, where given, as the amount", example = "250.00")
            BigDecimal vatAmount,
            @Size(max = 300) @Schema(description = "Required unless redacted; must be absent when redacted", example = "DL Building Supplies Ltd") String supplierName,
            @Pattern(regexp = OrgIds.PATTERN, message = OrgIds.MESSAGE) @Schema(description = "org-id.guide identifier when known", example = "GB-COH-10000002") String supplierOrgId,
            @Size(max = 100) @Schema(description = "The anchor's own supplier reference", example = "SUP-00412") String supplierReference,
            @Size(max = 500) @Schema(description = "Purpose", example = "Highways maintenance materials") String description,
            @Size(max = 200) @Schema(description = "Department or service area", example = "Highways") String department,
            @Size(max = 200) @Schema(description = "Expense type or category", example = "Materials") String expenseType,
            @Size(max = 200) @Schema(description = "Procurement classification (e.g. ProClass)", example = "Construction materials") String procurementClassification,
            @Schema(description = "CAPITAL or REVENUE, where given", example = "REVENUE") Payment.CapitalOrRevenue capitalOrRevenue,
            @NotBlank @Size(max = 100) @Schema(description = "The anchor's transaction reference: with transactionLine, unique per anchor; resending it stores nothing new", example = "INV-2026-000981") String transactionRef,
            @Size(max = 20) @Schema(description = "Line within the transaction, where the anchor publishes several", example = "2") String transactionLine,
            @Schema(description = "A payment to an individual whose name is withheld: it counts in every total, never by name (default false)") Boolean redacted) {

        public boolean isRedacted() {
            return Boolean.TRUE.equals(redacted);
        }
    }

    @Schema(description = "Payments to record", example = """
            {"payments":[{"paymentDate":"2026-10-14","amount":1250.00,"amountBasis":"NET","vatAmount":250.00,
            "supplierName":"DL Building Supplies Ltd","supplierOrgId":"GB-COH-10000002","department":"Highways",
            "expenseType":"Materials","capitalOrRevenue":"REVENUE","description":"Highways maintenance materials",
            "transactionRef":"INV-2026-000981","transactionLine":"1"},
            {"paymentDate":"2026-10-15","amount":640.00,"department":"Adult Social Care","expenseType":"Direct payments",
            "redacted":true,"transactionRef":"INV-2026-000982"}]}""")
    public record RecordPaymentsRequest(
            @Pattern(regexp = OrgIds.PATTERN, message = OrgIds.MESSAGE) @Schema(description = "The paying anchor. A portal "
                    + "must name one of the anchors it acts for (claim acts_for); an anchor may leave it out, or name "
                    + "itself", example = "GB-LAE-DAL") String anchorOrgId,
            @NotEmpty @Size(max = 1000) List<@NotNull PaymentInput> payments) {
    }

    @Schema(description = "Outcome of recording a batch: the batch, and the payments it stored")
    public record RecordPaymentsResponse(UUID batchId, IngestBatch.Status status, int received, long stored,
            long duplicates, long rejected,
            @Schema(description = "Transaction references (with #line when given) already stored before, or earlier in this request") List<String> duplicateTransactionRefs,
            @Schema(description = "With mode=accept-valid: the payments not stored and why") List<ProblemError> errors,
            List<PaymentView> payments) {
    }

    @Schema(description = "A stored payment")
    public record PaymentView(UUID id, String anchorOrgId, LocalDate paymentDate, Payment.DatePrecision datePrecision,
            BigDecimal amount, Payment.AmountBasis amountBasis, BigDecimal vatAmount, String supplierName, String supplierOrgId,
            String supplierReference, String description, String department, String expenseType,
            String procurementClassification, Payment.CapitalOrRevenue capitalOrRevenue, String transactionRef,
            String transactionLine, boolean redacted, UUID batchId, Long sourceRow, OffsetDateTime createdAt) {

        static PaymentView of(Payment payment) {
            return new PaymentView(payment.id, payment.anchorOrgId, payment.paymentDate, payment.datePrecision,
                    payment.amount, payment.amountBasis, payment.vatAmount, payment.supplierName, payment.supplierOrgId,
                    payment.supplierReference, payment.description, payment.department, payment.expenseType,
                    payment.procurementClassification, payment.capitalOrRevenue,
                    payment.transactionRef.isEmpty() ? null : payment.transactionRef,
                    payment.transactionLine.isEmpty() ? null : payment.transactionLine, payment.redacted,
                    payment.batchId, payment.sourceRow, payment.createdAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
    @Operation(summary = "Record an anchor's payments",
            description = "Up to 1000 payments in one request, recorded as a batch (see /api/v1/payments/batches). "
                    + "An anchor records its own payments; an e-tendering or finance portal records them for an anchor "
                    + "it acts for, named in anchorOrgId (403 for any other). A payment whose transactionRef and "
                    + "transactionLine the anchor already recorded is reported as a duplicate and not stored again, so a "
                    + "retried request is safe. By default any invalid payment stores nothing (422 listing every error); "
                    + "with mode=accept-valid the valid payments are stored and the others listed in errors.")
    @APIResponse(responseCode = "403", description = "The caller may not record payments for that anchor")
    @APIResponse(responseCode = "201", description = "At least one payment was stored")
    @APIResponse(responseCode = "200", description = "Nothing new was stored: every payment was a duplicate (or, with accept-valid, invalid)")
    @APIResponse(responseCode = "422", description = "A payment is not valid; errors point at each field, nothing is stored")
    public Response record(@NotNull RecordPaymentsRequest request,
            @Parameter(description = IngestModes.DESCRIPTION) @QueryParam("mode") String mode) {
        List<ProblemError> requestErrors = constraints.of(request);
        if (!requestErrors.isEmpty()) {
            // The request as a whole is refused (a batch needs a well-formed request): with every payment's errors too.
            for (int i = 0; request.payments() != null && i < request.payments().size() && i < 1000; i++) {
                if (request.payments().get(i) != null) {
                    requestErrors.addAll(ProblemMappers.errorsOf(validator.validate(request.payments().get(i)), "/payments/" + i));
                }
            }
            ApiProblemException.throwIfAny(requestErrors, "the payments");
        }
        String anchor = caller.writingFor(request.anchorOrgId(), "/anchorOrgId");
        PaymentIngest.Submission submission = new PaymentIngest.Submission(anchor, caller.orgId(),
                IngestBatch.Channel.JSON, null, IngestModes.parse(mode));
        PaymentIngest.Outcome outcome = ingest.ingest(submission, sink -> {
            for (int i = 0; i < request.payments().size(); i++) {
                PaymentInput input = request.payments().get(i);
                Set<ConstraintViolation<PaymentInput>> violations = validator.validate(input);
                if (violations.isEmpty()) {
                    sink.accept(incoming(input, i + 1L));
                } else {
                    sink.reject(ProblemMappers.errorsOf(violations, "/payments/" + i));
                }
            }
            return PaymentIngest.SourceDetails.NONE;
        });
        IngestBatch batch = outcome.batch();
        if (batch.status == IngestBatch.Status.REJECTED) {
            throw BatchView.rejected(outcome);
        }
        Map<UUID, Payment> stored = Payment.<Payment>list("id in ?1", outcome.storedPaymentIds()).stream()
                .collect(Collectors.toMap(payment -> payment.id, payment -> payment));
        RecordPaymentsResponse body = new RecordPaymentsResponse(batch.id, batch.status, request.payments().size(),
                batch.rowsAccepted, batch.rowsDuplicate, batch.rowsRejected,
                outcome.firstDuplicates().stream().map(PaymentIngest.DuplicateRow::transactionRef).toList(),
                outcome.firstErrors(),
                outcome.storedPaymentIds().stream().map(stored::get).map(PaymentView::of).toList());
        return Responses.createdOrOk(batch.rowsAccepted > 0, "/api/v1/payments/batches/" + batch.id, body);
    }

    private static IncomingPayment incoming(PaymentInput p, long position) {
        String line = p.transactionLine() == null ? "" : p.transactionLine().strip();
        return new IncomingPayment(RowKeys.ofTransaction(p.transactionRef(), line), position, p.paymentDate(),
                Payment.DatePrecision.DAY, p.amount().setScale(2),
                p.amountBasis() == null ? Payment.AmountBasis.UNKNOWN : p.amountBasis(),
                p.vatAmount() == null ? null : p.vatAmount().setScale(2), p.isRedacted() ? null : p.supplierName().strip(),
                p.supplierOrgId(), p.supplierReference(), p.description(), p.department(), p.expenseType(),
                p.procurementClassification(), p.capitalOrRevenue(), p.transactionRef(), line, p.isRedacted());
    }

    @GET
    @Operation(summary = "List the caller's payments", description = "Only the caller's organisation's payments, "
            + "in a stable order (by id). updatedSince returns payments recorded at or after that instant.")
    public CursorPage<PaymentView> list(
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "ISO 8601 instant, e.g. 2026-11-01T00:00:00Z") @QueryParam("updatedSince") String updatedSince) {
        int pageSize = Cursors.limit(limit);
        UUID afterId = Cursors.uuidAfter(cursor);
        OffsetDateTime since = Cursors.updatedSince(updatedSince);
        List<Payment> rows = Payment.<Payment>find("anchorOrgId = ?1 and id > ?2 and createdAt >= ?3 order by id",
                caller.orgId(), afterId, since).page(0, pageSize + 1).list();
        return CursorPage.of(rows.stream().map(PaymentView::of).toList(), pageSize, view -> view.id().toString());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one of the caller's payments", description = "404 when it does not exist or belongs to another organisation.")
    public PaymentView get(@PathParam("id") UUID id) {
        Payment payment = Payment.find("id = ?1 and anchorOrgId = ?2", id, caller.orgId()).firstResult();
        if (payment == null) {
            throw ApiProblemException.notFound("Payment", id.toString());
        }
        return PaymentView.of(payment);
    }
}
