package org.anchornetwork.spend.ingest.service;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.anchornetwork.spend.payment.Payment;

/**
 * A payment on its way in, already parsed and checked, from any channel.
 *
 * @param rowKey        what makes it the same payment when sent again (see {@link RowKeys})
 * @param sourceRow     the row of the file (or position in the request, from 1) it came from
 * @param transactionRef the anchor's transaction reference; empty when the file gives none
 * @param transactionLine the line within the transaction; empty when none is given
 */
public record IncomingPayment(String rowKey, long sourceRow, LocalDate paymentDate, Payment.DatePrecision datePrecision,
        BigDecimal amount, Payment.AmountBasis amountBasis, BigDecimal vatAmount, String supplierName,
        String supplierOrgId, String supplierReference, String description, String department, String expenseType,
        String procurementClassification, Payment.CapitalOrRevenue capitalOrRevenue, String transactionRef,
        String transactionLine, boolean redacted) {
}
