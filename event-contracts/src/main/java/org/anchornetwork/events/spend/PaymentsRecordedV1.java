package org.anchornetwork.events.spend;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An anchor recorded a batch of payments. Key and subject: the anchor's organisation id.
 * Counts only payments newly stored (a resent payment with the same transaction reference is not counted).
 *
 * @param batchId              id of the recording request
 * @param anchorOrganisationId the paying anchor
 * @param paymentCount         payments newly stored
 * @param totalAmount          sum of their amounts in GBP
 * @param firstPaymentDate     earliest payment date in the batch, null when nothing new was stored
 * @param lastPaymentDate      latest payment date in the batch, null when nothing new was stored
 */
public record PaymentsRecordedV1(
        UUID batchId,
        String anchorOrganisationId,
        int paymentCount,
        BigDecimal totalAmount,
        LocalDate firstPaymentDate,
        LocalDate lastPaymentDate) {
}
