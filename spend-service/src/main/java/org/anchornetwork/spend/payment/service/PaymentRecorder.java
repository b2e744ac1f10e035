package org.anchornetwork.spend.payment.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.spend.PaymentsRecordedV1;
import org.anchornetwork.messaging.OutboxWriter;
import org.anchornetwork.spend.payment.Payment;
import org.anchornetwork.spend.supplier.service.SupplierRegistry;

/**
 * Records an anchor's payments in one transaction. The anchor's transaction reference and line are the natural
 * key: a payment sent again is counted as a duplicate and not stored twice.
 */
@ApplicationScoped
public class PaymentRecorder {

    private final OutboxWriter outbox;
    private final SupplierRegistry suppliers;

    public PaymentRecorder(OutboxWriter outbox, SupplierRegistry suppliers) {
        this.outbox = outbox;
        this.suppliers = suppliers;
    }

    /** A payment as the anchor sent it; {@code transactionLine} is empty when the anchor gives no line. */
    public record NewPayment(LocalDate paymentDate, BigDecimal amount, Payment.AmountBasis amountBasis,
            BigDecimal vatAmount, String supplierName, String supplierOrgId, String supplierReference,
            String description, String department, String expenseType, String procurementClassification,
            Payment.CapitalOrRevenue capitalOrRevenue, String transactionRef, String transactionLine, boolean redacted,
            long sourceRow) {

        public String key() {
            return keyOf(transactionRef, transactionLine);
        }
    }

    /** How duplicates are recognised and reported: the reference, and the line when there is one. */
    static String keyOf(String transactionRef, String transactionLine) {
        return transactionLine.isEmpty() ? transactionRef : transactionRef + "#" + transactionLine;
    }

    /** What happened to a batch: every payment is either stored now or was stored before. */
    public record Recorded(UUID batchId, List<Payment> stored, List<String> duplicateTransactionRefs) {
    }

    @Transactional
    public Recorded record(String anchorOrgId, List<NewPayment> payments) {
        UUID batchId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> refs = payments.stream().map(NewPayment::transactionRef).distinct().toList();
        Set<String> seen = new HashSet<>(Payment.<Payment>find("anchorOrgId = ?1 and transactionRef in ?2", anchorOrgId, refs)
                .stream().map(payment -> keyOf(payment.transactionRef, payment.transactionLine)).toList());
        List<Payment> stored = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (NewPayment incoming : payments) {
            if (!seen.add(incoming.key())) {
                duplicates.add(incoming.key());
                continue;
            }
            Payment payment = new Payment();
            payment.id = UUID.randomUUID();
            payment.anchorOrgId = anchorOrgId;
            payment.paymentDate = incoming.paymentDate();
            payment.amount = incoming.amount();
            payment.amountBasis = incoming.amountBasis();
            payment.vatAmount = incoming.vatAmount();
            payment.supplierName = incoming.redacted() ? null : incoming.supplierName().strip();
            payment.supplierOrgId = incoming.supplierOrgId();
            payment.supplierReference = incoming.supplierReference();
            payment.description = incoming.description();
            payment.department = incoming.department();
            payment.expenseType = incoming.expenseType();
            payment.procurementClassification = incoming.procurementClassification();
            payment.capitalOrRevenue = incoming.capitalOrRevenue();
            payment.transactionRef = incoming.transactionRef();
            payment.transactionLine = incoming.transactionLine();
            payment.redacted = incoming.redacted();
            payment.sourceRow = incoming.sourceRow();
            payment.batchId = batchId;
            payment.createdAt = now;
            payment.persist();
            stored.add(payment);
            if (payment.supplierOrgId != null && payment.supplierName != null) {
                suppliers.noteSupplier(payment.supplierOrgId, payment.supplierName);
            }
        }
        if (!stored.isEmpty()) {
            outbox.append(EventTypes.PAYMENTS_RECORDED_V1, anchorOrgId, new PaymentsRecordedV1(batchId, anchorOrgId,
                    stored.size(), stored.stream().map(p -> p.amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                    stored.stream().map(p -> p.paymentDate).min(LocalDate::compareTo).orElse(null),
                    stored.stream().map(p -> p.paymentDate).max(LocalDate::compareTo).orElse(null)));
        }
        return new Recorded(batchId, stored, duplicates);
    }
}
