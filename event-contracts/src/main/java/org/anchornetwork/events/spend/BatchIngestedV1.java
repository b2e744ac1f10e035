package org.anchornetwork.events.spend;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An anchor's batch of payments was stored (from JSON, a spend file or OCDS). Key and subject: the anchor's
 * organisation id. Counts only payments newly stored: a resent payment is not counted again, and a batch that stored
 * nothing new publishes nothing.
 *
 * @param batchId               the batch (GET /api/v1/payments/batches/{id})
 * @param anchorOrganisationId  the paying anchor
 * @param channel               JSON, CSV or OCDS
 * @param periodFrom            earliest payment date stored
 * @param periodTo              latest payment date stored
 * @param paymentCount          payments newly stored
 * @param totalAmount           their sum in GBP
 * @param localTotals           for each locality tier in force on periodTo: the amount paid to suppliers based or
 *                              branched in it
 * @param unknownLocationAmount the amount paid where the supplier's location is not known (redacted payees,
 *                              suppliers not matched or without a known postcode)
 * @param financialYears        (added later; absent from older events) each financial year the batch paid in, as the
 *                              anchor's whole year stands after it: its positive spend and the part of it with
 *                              suppliers local to each tier, whose share cannot exceed 100%
 */
public record BatchIngestedV1(
        UUID batchId,
        String anchorOrganisationId,
        String channel,
        LocalDate periodFrom,
        LocalDate periodTo,
        int paymentCount,
        BigDecimal totalAmount,
        List<TierTotal> localTotals,
        BigDecimal unknownLocationAmount,
        List<YearToDate> financialYears) {

    /** Spend local to one version of a tier. */
    public record TierTotal(String tier, int tierVersion, BigDecimal localAmount) {
    }

    /**
     * An anchor's financial year so far. Positive spend: each supplier's payments in a month and expense type net of
     * its credit notes there, a net credit counting as nothing (as spend-service's analyses define it).
     *
     * @param financialYear      e.g. 2025-26
     * @param positiveAmount     the year's positive spend
     * @param localPositiveAmounts for each tier in force at the year's end, the positive spend with suppliers local to it
     */
    public record YearToDate(String financialYear, BigDecimal positiveAmount, List<TierTotal> localPositiveAmounts) {
    }
}
