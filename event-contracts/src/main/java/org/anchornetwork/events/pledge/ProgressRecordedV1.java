package org.anchornetwork.events.pledge;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Progress was recorded on a signatory's commitment: by the signatory, or automatically from the network's data
 * (spend batches, imported grants). A later figure for the same commitment, metric, tier, period and source replaces
 * the earlier one and is published again with the same {@code reportId}. Key and subject: the organisation id.
 *
 * @param reportId         the progress report
 * @param charterId        charter slug
 * @param organisationId   the signatory
 * @param pledgeCode       the pledge the commitment is to, e.g. {@code keep-your-money-local}
 * @param metricCode       e.g. {@code local-spend-share}
 * @param tier             the locality tier for tiered metrics, otherwise null
 * @param period           financial year ({@code 2026-27}) or quarter ({@code 2026-27-Q2})
 * @param value            the figure, in {@code unit}
 * @param unit             PERCENT, GBP or HOURS
 * @param source           MANUAL, SPEND_EVENTS, THREE_SIXTY_GIVING or FRAMEWORK_EVENTS
 * @param commitmentStatus PLEDGED, EVIDENCED or VERIFIED after this report
 * @param reportedOn       date recorded
 */
public record ProgressRecordedV1(
        UUID reportId,
        String charterId,
        String organisationId,
        String pledgeCode,
        String metricCode,
        String tier,
        String period,
        BigDecimal value,
        String unit,
        String source,
        String commitmentStatus,
        LocalDate reportedOn) {
}
