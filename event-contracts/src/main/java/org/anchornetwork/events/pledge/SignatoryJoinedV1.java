package org.anchornetwork.events.pledge;

import java.time.LocalDate;
import java.util.List;

/**
 * An organisation signed a charter. Key and subject: the signatory's organisation id.
 *
 * @param charterId        charter slug, e.g. {@code fairer-richer-darlington}
 * @param charterVersion   version of the charter signed
 * @param organisationId   org-id.guide identifier of the signatory, e.g. {@code GB-COH-10000003}
 * @param organisationName the signatory's public name
 * @param signatoryType    PUBLIC_SECTOR_PARTNER, BUSINESS, VCSE or RESIDENT_GROUP
 * @param pledgeCodes      codes of the pledges taken
 * @param joinedOn         date the signatory joined
 */
public record SignatoryJoinedV1(
        String charterId,
        int charterVersion,
        String organisationId,
        String organisationName,
        String signatoryType,
        List<String> pledgeCodes,
        LocalDate joinedOn) {
}
