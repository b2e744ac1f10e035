package org.anchornetwork.pledge.giving.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One grant as a 360Giving file gives it, read by {@link ThreeSixtyGivingReader}: only the fields the pledge
 * service uses. Every grant the reader returns has been validated, so the required fields are never null.
 *
 * @param id                        the grant's 360Giving identifier ({@code 360G-indigotrust:IND1}); required
 * @param title                     the grant's title, or null
 * @param amountAwarded             the amount awarded, exactly as written in the file (never through a double), so
 *                                  {@code 10000.0} keeps its scale; required, never negative
 * @param currency                  the ISO 4217 code ({@code GBP}); required. Grants in other currencies are kept:
 *                                  the caller decides what to do with them
 * @param awardDate                 the date of the award, as written (a date-time's own calendar date, not shifted to
 *                                  UTC); required
 * @param recipientOrganisationId   the recipient organisation's identifier ({@code GB-CHC-1070468}), or null
 * @param recipientOrganisationName the recipient organisation's name, or null
 * @param recipientPostcode         the recipient's postcode trimmed and upper-cased, otherwise as given (not checked
 *                                  against any postcode list), or null
 * @param beneficiaryGeoCodes       the beneficiary locations' geographic codes (GSS codes such as {@code E06000005}),
 *                                  trimmed, distinct, in the file's order; empty when there are none
 * @param fundingOrganisationId     the funder's identifier ({@code 360G-indigotrust}), or null
 * @param fundingOrganisationName   the funder's name, or null
 */
public record GrantRecord(
        String id,
        String title,
        BigDecimal amountAwarded,
        String currency,
        LocalDate awardDate,
        String recipientOrganisationId,
        String recipientOrganisationName,
        String recipientPostcode,
        List<String> beneficiaryGeoCodes,
        String fundingOrganisationId,
        String fundingOrganisationName) {

    public GrantRecord {
        beneficiaryGeoCodes = beneficiaryGeoCodes == null ? List.of() : List.copyOf(beneficiaryGeoCodes);
    }
}
