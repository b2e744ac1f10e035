package org.anchornetwork.events.framework;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A contract's social value delivery was reported for a financial quarter, by the supplier or the anchor. A later
 * report for the same quarter replaces it and is published again (consumers keep the latest per contract and period).
 * Values use the proxy values pinned to the contract at award. Key and subject: the contract id.
 *
 * @param contractId             the contract
 * @param anchorOrganisationId   the buyer
 * @param supplierOrganisationId the supplier delivering
 * @param period                 financial quarter, e.g. {@code 2027-28-Q1}
 * @param deliveredValue         GBP delivered in this report
 * @param deliveredToDate        GBP delivered on the contract so far, this report included
 * @param lines                  each measure delivered
 */
public record DeliveryReportedV1(
        UUID contractId,
        String anchorOrganisationId,
        String supplierOrganisationId,
        String period,
        BigDecimal deliveredValue,
        BigDecimal deliveredToDate,
        List<Line> lines) {

    /** A measure delivered in the period, in its unit, and its value (null when the measure has no proxy value). */
    public record Line(String measureCode, String theme, BigDecimal quantity, BigDecimal value) {
    }
}
