package org.anchornetwork.framework.tender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.anchornetwork.framework.tender.scoring.Scoring;
import org.anchornetwork.framework.tender.scoring.Scoring.Band;
import org.anchornetwork.framework.tender.scoring.Scoring.Entry;
import org.anchornetwork.framework.tender.scoring.Scoring.Rules;
import org.anchornetwork.framework.tender.scoring.Scoring.Scored;
import org.anchornetwork.framework.tender.scoring.ScoringMethod;
import org.junit.jupiter.api.Test;

/** Worked examples of each scoring method on a 20% social value weighting. */
class ScoringTest {

    private static final BigDecimal WEIGHTING = new BigDecimal("20");
    private static final List<Band> BANDS = List.of(new Band(bd("0"), bd("0")), new Band(bd("2"), bd("25")),
            new Band(bd("4"), bd("50")), new Band(bd("5"), bd("100")));

    /** A: £50,000 on £1m (5%); B: £100,000 on £2.5m (4%); C commits nothing on £800k. */
    private static final List<Entry> BIDS = List.of(entry("A", "50000.00", "1000000.00"), entry("B", "100000.00", "2500000.00"),
            entry("C", "0.00", "800000.00"));

    @Test
    void relativeToTheBestSocialValueInPounds() {
        Map<String, Scored> scored = score(ScoringMethod.RELATIVE_VALUE, null, null, BIDS);
        assertScore(scored, "A", "10.00", 2);
        assertScore(scored, "B", "20.00", 1);
        assertScore(scored, "C", "0.00", 3);
        assertEquals("Relative to the best bid: 20 × £50000 / £100000 = 10.00 of 20", scored.get("A").explanation().get(1));
        assertEquals("Social value £50000 on a bid price of £1000000 = 5% of the price", scored.get("A").explanation().get(0));
    }

    @Test
    void relativeToTheBestShareOfTheBidPrice() {
        Map<String, Scored> scored = score(ScoringMethod.RELATIVE_PERCENT, null, null, BIDS);
        assertScore(scored, "A", "20.00", 1);
        assertScore(scored, "B", "16.00", 2);
        assertScore(scored, "C", "0.00", 3);
        assertEquals(0, bd("4.00").compareTo(scored.get("B").socialValuePercent()));
    }

    @Test
    void fixedBandsOfTheShareOfTheBidPrice() {
        Map<String, Scored> scored = score(ScoringMethod.FIXED_BANDS, null, null, BIDS);
        assertScore(scored, "A", "20.00", 1);
        assertScore(scored, "B", "10.00", 2);
        assertScore(scored, "C", "0.00", 3);
        assertEquals("Band from 4% of the price: 50% of 20 = 10.00", scored.get("B").explanation().get(1));
    }

    @Test
    void equalScoresShareARankAndSaySo() {
        List<Entry> bids = List.of(BIDS.get(0), BIDS.get(1), BIDS.get(2), entry("D", "50000.00", "1000000.00"));
        Map<String, Scored> scored = score(ScoringMethod.RELATIVE_VALUE, null, null, bids);
        assertScore(scored, "A", "10.00", 2);
        assertScore(scored, "D", "10.00", 2);
        assertScore(scored, "C", "0.00", 4);
        assertTrue(scored.get("A").explanation().contains("Tied at rank 2 with D"), scored.get("A").explanation().toString());
        assertTrue(scored.get("D").explanation().contains("Tied at rank 2 with A"));
    }

    @Test
    void aBidBelowTheMinimumScoresZeroAndIsNotTheBestToBeRelativeTo() {
        Map<String, Scored> byValue = score(ScoringMethod.RELATIVE_PERCENT, null, bd("4.50"), BIDS);
        assertTrue(byValue.get("B").belowMinimum());
        assertScore(byValue, "B", "0.00", 2);
        assertScore(byValue, "A", "20.00", 1);
        Map<String, Scored> byPounds = score(ScoringMethod.RELATIVE_VALUE, bd("60000"), null, BIDS);
        assertTrue(byPounds.get("A").belowMinimum());
        assertFalse(byPounds.get("B").belowMinimum());
        assertScore(byPounds, "B", "20.00", 1);
        assertEquals("Below the tender's minimum (£60000): scores 0", byPounds.get("A").explanation().get(1));
    }

    @Test
    void whenNoBidOffersSocialValueEveryBidScoresZeroTogether() {
        List<Entry> none = List.of(entry("A", "0", "1000"), entry("B", "0", "2000"));
        for (ScoringMethod method : ScoringMethod.values()) {
            Map<String, Scored> scored = score(method, null, null, none);
            assertScore(scored, "A", "0.00", 1);
            assertScore(scored, "B", "0.00", 1);
        }
    }

    private static Map<String, Scored> score(ScoringMethod method, BigDecimal minimumValue, BigDecimal minimumPercent,
            List<Entry> bids) {
        return Scoring.score(new Rules(method, WEIGHTING, BANDS, minimumValue, minimumPercent), bids).stream()
                .collect(Collectors.toMap(Scored::bidderOrgId, s -> s));
    }

    private static void assertScore(Map<String, Scored> scored, String bidder, String score, int rank) {
        assertEquals(0, bd(score).compareTo(scored.get(bidder).score()), bidder + " score " + scored.get(bidder).score());
        assertEquals(rank, scored.get(bidder).rank(), bidder + " rank");
    }

    private static Entry entry(String bidder, String socialValue, String price) {
        return new Entry(UUID.randomUUID(), bidder, bd(socialValue), bd(price));
    }

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }
}
