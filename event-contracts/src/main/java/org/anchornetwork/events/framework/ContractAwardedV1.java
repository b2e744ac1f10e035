package org.anchornetwork.events.framework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A tender was awarded: the winning bid's social value commitments became the contract's KPIs, valued with the
 * framework version pinned to the contract. Key and subject: the contract id.
 *
 * @param contractId           the contract (GET /api/v1/contracts/{id})
 * @param tenderId             the tender it was awarded from
 * @param tenderReference      the anchor's reference for the tender
 * @param anchorOrganisationId the buyer
 * @param supplierOrganisationId the winning bidder
 * @param supplierName         its name as bid
 * @param frameworkId          framework whose proxy values value the KPIs
 * @param frameworkVersion     its version
 * @param contractValue        the winning bid's price in GBP
 * @param startsOn             contract start
 * @param endsOn               contract end
 * @param committedSocialValue the KPIs' committed value in GBP
 * @param kpis                 one per committed measure
 */
public record ContractAwardedV1(
        UUID contractId,
        UUID tenderId,
        String tenderReference,
        String anchorOrganisationId,
        String supplierOrganisationId,
        String supplierName,
        String frameworkId,
        int frameworkVersion,
        BigDecimal contractValue,
        LocalDate startsOn,
        LocalDate endsOn,
        BigDecimal committedSocialValue,
        List<Kpi> kpis) {

    /** A committed measure: quantity in its unit and value in GBP (null when the measure has no proxy value). */
    public record Kpi(String measureCode, String theme, String unit, BigDecimal committedQuantity, BigDecimal committedValue,
            LocalDate dueOn) {
    }
}
