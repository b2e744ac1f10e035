package org.anchornetwork.framework.tender.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Scores bids' social value by a tender's method, plain arithmetic with every step written out. Rounding: social
 * value as a share of the bid price to 2 decimal places and scores to 2 decimal places, half up; ties share a rank
 * (1, 1, 3). A bid below the tender's minimum scores 0 and says so; a bid that commits nothing scores 0; when the
 * best bid has no social value, every bid scores 0 (there is nothing to be relative to).
 */
public final class Scoring {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private Scoring() {
    }

    /** A band of FIXED_BANDS: from this SV% of the bid price (inclusive), this share (0-100) of the weighting. */
    public record Band(BigDecimal fromPercent, BigDecimal scorePercent) {
    }

    /** The tender's rules. minimumValue (GBP) and minimumPercent (of bid price) are optional. */
    public record Rules(ScoringMethod method, BigDecimal weighting, List<Band> bands, BigDecimal minimumValue,
            BigDecimal minimumPercent) {
    }

    /** A bid to score: its social value in GBP (valued through the framework) and its price. */
    public record Entry(UUID bidId, String bidderOrgId, BigDecimal socialValue, BigDecimal bidPrice) {
    }

    public record Scored(UUID bidId, String bidderOrgId, BigDecimal socialValue, BigDecimal bidPrice,
            BigDecimal socialValuePercent, boolean belowMinimum, BigDecimal score, int rank, List<String> explanation) {
    }

    public static List<Scored> score(Rules rules, List<Entry> entries) {
        List<BigDecimal> percents = entries.stream().map(Scoring::percentOfPrice).toList();
        List<Boolean> below = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            below.add(belowMinimum(rules, entries.get(i), percents.get(i)));
        }
        BigDecimal bestValue = BigDecimal.ZERO;
        BigDecimal bestPercent = BigDecimal.ZERO;
        for (int i = 0; i < entries.size(); i++) {
            if (!below.get(i)) {
                bestValue = bestValue.max(entries.get(i).socialValue());
                bestPercent = bestPercent.max(percents.get(i));
            }
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            BigDecimal percent = percents.get(i);
            List<String> why = new ArrayList<>();
            why.add("Social value £" + plain(entry.socialValue()) + " on a bid price of £" + plain(entry.bidPrice()) + " = "
                    + plain(percent) + "% of the price");
            BigDecimal score;
            if (below.get(i)) {
                why.add("Below the tender's minimum (" + minimumText(rules) + "): scores 0");
                score = zero();
            } else {
                score = switch (rules.method()) {
                    case RELATIVE_VALUE -> relative(rules.weighting(), entry.socialValue(), bestValue, "£", why);
                    case RELATIVE_PERCENT -> relative(rules.weighting(), percent, bestPercent, "%", why);
                    case FIXED_BANDS -> banded(rules, percent, why);
                };
            }
            scored.add(new Scored(entry.bidId(), entry.bidderOrgId(), entry.socialValue(), entry.bidPrice(), percent,
                    below.get(i), score, 0, why));
        }
        return ranked(scored);
    }

    private static BigDecimal relative(BigDecimal weighting, BigDecimal value, BigDecimal best, String unit, List<String> why) {
        if (best.signum() == 0) {
            why.add("No bid offers any social value, so every bid scores 0");
            return zero();
        }
        BigDecimal score = weighting.multiply(value).divide(best, 2, RoundingMode.HALF_UP);
        String shown = unit.equals("£") ? "£" + plain(value) + " / £" + plain(best) : plain(value) + "% / " + plain(best) + "%";
        why.add("Relative to the best bid: " + plain(weighting) + " × " + shown + " = " + score.toPlainString() + " of "
                + plain(weighting));
        return score;
    }

    private static BigDecimal banded(Rules rules, BigDecimal percent, List<String> why) {
        Band band = rules.bands().stream().filter(b -> percent.compareTo(b.fromPercent()) >= 0)
                .max(Comparator.comparing(Band::fromPercent)).orElse(null);
        if (band == null) {
            why.add("Below the lowest band: scores 0");
            return zero();
        }
        BigDecimal score = rules.weighting().multiply(band.scorePercent()).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        why.add("Band from " + plain(band.fromPercent()) + "% of the price: " + plain(band.scorePercent()) + "% of "
                + plain(rules.weighting()) + " = " + score.toPlainString());
        return score;
    }

    private static List<Scored> ranked(List<Scored> scored) {
        List<Scored> ordered = new ArrayList<>(scored);
        ordered.sort(Comparator.comparing(Scored::score).reversed().thenComparing(Scored::bidderOrgId));
        int[] ranks = new int[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            ranks[i] = i > 0 && ordered.get(i - 1).score().compareTo(ordered.get(i).score()) == 0 ? ranks[i - 1] : i + 1;
        }
        List<Scored> ranked = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Scored s = ordered.get(i);
            List<String> tiedWith = ordered.stream().filter(other -> other != s && other.score().compareTo(s.score()) == 0)
                    .map(Scored::bidderOrgId).toList();
            List<String> why = new ArrayList<>(s.explanation());
            if (!tiedWith.isEmpty()) {
                why.add("Tied at rank " + ranks[i] + " with " + String.join(", ", tiedWith));
            }
            ranked.add(new Scored(s.bidId(), s.bidderOrgId(), s.socialValue(), s.bidPrice(), s.socialValuePercent(),
                    s.belowMinimum(), s.score(), ranks[i], List.copyOf(why)));
        }
        return ranked;
    }

    private static boolean belowMinimum(Rules rules, Entry entry, BigDecimal percent) {
        return rules.minimumValue() != null && entry.socialValue().compareTo(rules.minimumValue()) < 0
                || rules.minimumPercent() != null && percent.compareTo(rules.minimumPercent()) < 0;
    }

    private static String minimumText(Rules rules) {
        List<String> parts = new ArrayList<>();
        if (rules.minimumValue() != null) {
            parts.add("£" + plain(rules.minimumValue()));
        }
        if (rules.minimumPercent() != null) {
            parts.add(plain(rules.minimumPercent()) + "% of the price");
        }
        return String.join(" and ", parts);
    }

    static BigDecimal percentOfPrice(Entry entry) {
        return entry.socialValue().multiply(HUNDRED).divide(entry.bidPrice(), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
