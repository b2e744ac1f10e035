package org.anchornetwork.spend.analysis.service;

import java.time.LocalDate;
import java.util.List;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.spend.geography.service.TierEpochs;

/**
 * The financial year and the tier an analysis of leakage or LM3 is about: the year asked for (else the latest with
 * spend), and the tier asked for (else the narrowest), in the version in force that year.
 */
public record YearAndTier(LocalDate yearStart, String financialYear, String tier, int version, int bit, String label) {

    /** 400 naming the parameter when the year is not a financial year or the tier is not in force in it. */
    public static YearAndTier resolve(String financialYear, String tier, AnalysisDefinitions.Snapshot definitions,
            AnalysisReader reader) {
        LocalDate start;
        if (financialYear == null || financialYear.isBlank()) {
            LocalDate latest = reader.list("select max(month) from spend_cube_month", new SqlParameters(),
                    row -> row.getObject(1, LocalDate.class)).get(0);
            start = TierEpochs.financialYearStart(latest == null ? LocalDate.now() : latest);
        } else {
            start = financialYearStart(financialYear);
        }
        List<TierEpochs.TierInForce> inForce = TierEpochs.inForce(definitions.epochs(), start);
        TierEpochs.TierInForce chosen;
        if (tier == null || tier.isBlank()) {
            chosen = definitions.tiers().stream().flatMap(t -> inForce.stream().filter(f -> f.name().equals(t.name())))
                    .findFirst().orElseThrow(() -> ApiProblemException.invalidParameter("tier", "no tier is in force in " + TierEpochs.financialYearName(start)));
        } else {
            chosen = inForce.stream().filter(f -> f.name().equals(tier.strip())).findFirst()
                    .orElseThrow(() -> ApiProblemException.invalidParameter("tier", "'" + tier + "' is not a tier in force in " + TierEpochs.financialYearName(start)));
        }
        return new YearAndTier(start, TierEpochs.financialYearName(start), chosen.name(), chosen.version(), chosen.bit(),
                chosen.label());
    }

    /** The first day of a financial year given as "2025-26"; 400 on the financialYear parameter otherwise. */
    public static LocalDate financialYearStart(String financialYear) {
        try {
            if (financialYear != null && Dimension.Period.kindOf(financialYear.strip()) == Dimension.FINANCIAL_YEAR) {
                return Dimension.Period.parse(financialYear.strip())[0];
            }
        } catch (IllegalArgumentException e) {
            // the problem below
        }
        throw ApiProblemException.invalidParameter("financialYear", "a financial year such as 2025-26");
    }

    /** SQL: whether cube alias {@code c}'s locality is local to this tier. */
    public String localSql() {
        return "(c.locality >= 0 and (c.locality & " + (1 << bit) + ") <> 0)";
    }
}
