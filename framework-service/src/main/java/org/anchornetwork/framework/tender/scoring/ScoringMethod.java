package org.anchornetwork.framework.tender.scoring;

/**
 * How a tender turns bids' social value into a score out of its social value weighting (domain.md §1.7).
 * <ul>
 * <li>{@code RELATIVE_VALUE}: the bid with the most social value in GBP gets the full weighting, others in proportion:
 * weighting × bid SV / best SV.</li>
 * <li>{@code RELATIVE_PERCENT}: the same on social value as a share of the bid price, so a cheaper bid's smaller
 * commitments can match a dearer one's: weighting × bid SV% / best SV%.</li>
 * <li>{@code FIXED_BANDS}: the bid's SV% of its price falls in a band that gives a fixed share of the weighting,
 * whatever the other bids offer.</li>
 * </ul>
 */
public enum ScoringMethod {
    RELATIVE_VALUE, RELATIVE_PERCENT, FIXED_BANDS
}
