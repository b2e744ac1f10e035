package org.anchornetwork.spend.rollup;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.anchornetwork.events.spend.BatchIngestedV1;
import org.anchornetwork.spend.geography.service.TierEpochs;

/**
 * An anchor's financial years as they stand: positive spend (the denominator of every share, see {@link Cube#MEASURES})
 * and the part of it local to each tier, from the month cube. What a batch event tells pledge-service of the years the
 * batch paid in, so that an anchor's local spend share is the same figure as its own analysis gives, and never above
 * 100%.
 */
public final class AnchorYears {

    private AnchorYears() {
    }

    /** The anchor's years from {@code first} to {@code last} (dates in them), each with the tiers in force at its end. */
    public static List<BatchIngestedV1.YearToDate> between(Connection connection, String anchor, LocalDate first, LocalDate last,
            List<TierEpochs.Epoch> epochs) throws SQLException {
        if (first == null || last == null) {
            return List.of();
        }
        Map<LocalDate, Map<Integer, BigDecimal>> years = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("select " + Cube.financialYearStart("month")
                + ", locality, sum(positive_amount) from spend_cube_month where anchor_org_id = ? and month between ? and ? "
                + "group by 1, 2")) {
            query.setString(1, anchor);
            query.setObject(2, TierEpochs.financialYearStart(first));
            query.setObject(3, TierEpochs.financialYearStart(last).plusMonths(11));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    years.computeIfAbsent(rows.getObject(1, LocalDate.class), y -> new TreeMap<>())
                            .merge(rows.getInt(2), rows.getBigDecimal(3), BigDecimal::add);
                }
            }
        }
        List<BatchIngestedV1.YearToDate> figures = new ArrayList<>();
        years.forEach((start, byLocality) -> {
            BigDecimal positive = byLocality.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
            List<BatchIngestedV1.TierTotal> local = new ArrayList<>();
            for (TierEpochs.TierInForce tier : TierEpochs.inForce(epochs, start.plusMonths(11))) {
                BigDecimal amount = byLocality.entrySet().stream()
                        .filter(e -> e.getKey() >= 0 && (e.getKey() & (1 << tier.bit())) != 0).map(Map.Entry::getValue)
                        .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
                local.add(new BatchIngestedV1.TierTotal(tier.name(), tier.version(), amount));
            }
            figures.add(new BatchIngestedV1.YearToDate(TierEpochs.financialYearName(start), positive, local));
        });
        return figures;
    }
}
