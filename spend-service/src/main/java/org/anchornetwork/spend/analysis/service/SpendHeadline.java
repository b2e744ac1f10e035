package org.anchornetwork.spend.analysis.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.spend.geography.service.TierEpochs;
import org.anchornetwork.spend.rollup.Cube;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public headline of the network's spend: per financial year, the total and how much of it stayed in each tier,
 * from the smallest cube. Anyone may read it, so the privacy rule applies with nobody's own spend known: a figure
 * that would come from one supplier paid by fewer than the threshold of anchors is not shown.
 */
@ApplicationScoped
public class SpendHeadline {

    public static final String DEFINITIONS = "Spend is every payment the anchors recorded (all spend, GBP, as published: net or "
            + "gross of VAT as each anchor declares), credit notes subtracted. A payment is local to a tier when its supplier "
            + "is based or branched in it (registered office or branch postcode, through the ONS postcode lookup). Each "
            + "financial year uses the version of each tier in force at its start. Unknown location: payments to redacted "
            + "payees, to suppliers not matched, or to suppliers without a known postcode; they count in the total. Shares "
            + "are percentages of positive spend (each supplier's payments in a month and expense type net of its credit "
            + "notes there, a net credit counting as nothing), so no share exceeds 100%; rounded half up to 2 decimal places. "
            + "A figure that would come from one supplier paid by fewer anchors than the network's threshold is null and "
            + "named in suppressedMeasures.";

    public record Year(String financialYear, LocalDate from, LocalDate to, long paymentCount, BigDecimal totalSpend,
            BigDecimal positiveSpend, BigDecimal unknownLocationSpend, BigDecimal unknownLocationShare, List<TierShare> tiers,
            List<String> suppressedMeasures) {
    }

    public record TierShare(String tier, int version, BigDecimal localSpend, BigDecimal localShare) {
    }

    private final AnalysisReader reader;
    private final AnalysisDefinitions definitions;
    private final int threshold;

    public SpendHeadline(AnalysisReader reader, AnalysisDefinitions definitions,
            @ConfigProperty(name = "anchor.spend.analysis.supplier-threshold", defaultValue = "3") int threshold) {
        this.reader = reader;
        this.definitions = definitions;
        this.threshold = threshold;
    }

    public List<Year> years() {
        AnalysisDefinitions.Snapshot known = definitions.current();
        List<AnalysisDefinitions.Tier> tiers = known.tiers();
        String sql = "select " + Cube.financialYearStart("c.month") + ", " + CubeCells.columns(true)
                + " from spend_cube_month c group by 1, 2, 3 having sum(c.payment_count) <> 0 order by 1";
        List<CubeCells.Cell> cells = reader.session(
                session -> CubeCells.read(session, sql, new SqlParameters(), 1, tiers, true, Integer.MAX_VALUE));
        Disclosure disclosure = new Disclosure(threshold, null);
        List<Year> years = new ArrayList<>();
        for (CubeCells.Cell cell : cells) {
            LocalDate from = cell.key[0] instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) cell.key[0];
            List<TierEpochs.TierInForce> inForce = TierEpochs.inForce(known.epochs(), from);
            List<Disclosure.Family> asked = new ArrayList<>();
            asked.add(Disclosure.TOTAL);
            inForce.forEach(tier -> asked.add(Disclosure.local(tier.name(), tier.bit())));
            asked.add(Disclosure.UNKNOWN_LOCATION);
            List<Disclosure.Family> kept = disclosure.keep(cell.parts, asked);
            List<String> hidden = new ArrayList<>();
            CubeCells.Sums sums = cell.sums;
            List<TierShare> shares = new ArrayList<>();
            for (int t = 0; t < inForce.size(); t++) {
                TierEpochs.TierInForce tier = inForce.get(t);
                int index = indexOf(tiers, tier.name());
                boolean shown = kept.contains(asked.get(t + 1));
                if (!shown) {
                    hidden.add("tiers." + tier.name());
                }
                shares.add(new TierShare(tier.name(), tier.version(), shown ? sums.local[index] : null,
                        shown ? SpendAnalysis.share(sums.positiveLocal[index], sums.positive) : null));
            }
            boolean totalShown = kept.contains(Disclosure.TOTAL);
            boolean unknownShown = kept.contains(Disclosure.UNKNOWN_LOCATION);
            if (!totalShown) {
                hidden.addAll(List.of("totalSpend", "positiveSpend"));
            }
            if (!unknownShown) {
                hidden.add("unknownLocationSpend");
            }
            years.add(new Year(TierEpochs.financialYearName(from), from, from.plusYears(1).minusDays(1), sums.payments,
                    totalShown ? sums.total : null, totalShown ? sums.positive : null, unknownShown ? sums.unknown : null,
                    unknownShown ? SpendAnalysis.share(sums.positiveUnknown, sums.positive) : null, shares,
                    hidden.isEmpty() ? null : hidden));
        }
        return years;
    }

    private static int indexOf(List<AnalysisDefinitions.Tier> tiers, String name) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("tier " + name + " is in force but not known");
    }
}
