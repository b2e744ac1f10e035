package org.anchornetwork.events.pledge;

import java.time.LocalDate;

/**
 * An organisation left a charter, or the network removed it. Its record stays, marked as left; it is no longer a
 * signatory in good standing from {@code leftOn}. Key and subject: the organisation id.
 *
 * @param charterId        charter slug
 * @param organisationId   the organisation that left
 * @param leftOn           date it stopped being a signatory
 * @param removedByNetwork true when the network admin removed it, false when it left of its own accord
 */
public record SignatoryLeftV1(
        String charterId,
        String organisationId,
        LocalDate leftOn,
        boolean removedByNetwork) {
}
