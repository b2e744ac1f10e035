package org.anchornetwork.events.framework;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A contract's delivery report for a financial quarter was not in by its due date (the quarter's end plus the
 * network's grace period). Published once per contract and quarter. Key and subject: the contract id.
 *
 * @param contractId             the contract
 * @param anchorOrganisationId   the buyer
 * @param supplierOrganisationId the supplier that should report
 * @param period                 the quarter not reported, e.g. {@code 2027-28-Q1}
 * @param dueOn                  when the report was due
 */
public record DeliveryOverdueV1(
        UUID contractId,
        String anchorOrganisationId,
        String supplierOrganisationId,
        String period,
        LocalDate dueOn) {
}
