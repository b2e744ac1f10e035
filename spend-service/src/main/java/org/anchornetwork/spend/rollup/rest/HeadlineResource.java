package org.anchornetwork.spend.rollup.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.PermitAll;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.spend.geography.service.TierEpochs;
import org.anchornetwork.spend.rollup.Cube;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public headline of the network's spend: per financial year, the total and how much of it stayed in each
 * tier. Read from the smallest spend cube, never from payments; no anchor, supplier or payment is named.
 */
@Path("/api/v1/spend/headline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Spend analysis", description = "How much of the network's spend stays local. Public headline: no token needed.")
public class HeadlineResource {

    static final String DEFINITIONS = "Spend is every payment the anchors recorded (all spend, GBP, as published: net or "
            + "gross of VAT as each anchor declares). A payment is local to a tier when its supplier is based or "
            + "branched in it (registered office or branch postcode, through the ONS postcode lookup). Each financial "
            + "year uses the version of each tier in force on its last day. Unknown location: payments to redacted "
            + "payees, to suppliers not matched, or to suppliers without a known postcode; they count in the total. "
            + "Shares are percentages of the year's total, rounded half up to 2 decimal places.";

    private final EntityManager entityManager;
    private final TierEpochs tierEpochs;

    public HeadlineResource(EntityManager entityManager, TierEpochs tierEpochs) {
        this.entityManager = entityManager;
        this.tierEpochs = tierEpochs;
    }

    @Schema(name = "SpendHeadline", description = "The network's spend and local share per financial year")
    public record Headline(@Schema(description = "What the figures mean") String definitions, List<Year> years) {
    }

    @Schema(name = "SpendHeadlineYear", example = """
            {"financialYear":"2025-26","from":"2025-04-01","to":"2026-03-31","paymentCount":2700,"totalSpend":14210344.87,
            "unknownLocationSpend":3120455.10,"unknownLocationShare":21.96,
            "tiers":[{"tier":"darlington","version":1,"localSpend":3480110.25,"localShare":24.49}]}""")
    public record Year(String financialYear, LocalDate from, LocalDate to, long paymentCount, BigDecimal totalSpend,
            BigDecimal unknownLocationSpend, BigDecimal unknownLocationShare, List<TierShare> tiers) {
    }

    public record TierShare(String tier, int version, BigDecimal localSpend, BigDecimal localShare) {
    }

    @GET
    @PermitAll
    @Operation(summary = "The network's spend and local share per financial year", description = DEFINITIONS)
    public Headline headline() {
        // Per financial year and locality mask, from the smallest cube.
        List<?> rows = entityManager.createNativeQuery("""
                select %s, locality, sum(payment_count), sum(amount) from spend_cube_month
                group by 1, 2 having sum(payment_count) <> 0 order by 1""".formatted(Cube.financialYearStart("month")))
                .getResultList();
        Map<LocalDate, Map<Integer, BigDecimal>> byYear = new TreeMap<>();
        Map<LocalDate, Long> counts = new HashMap<>();
        for (Object row : rows) {
            Object[] cells = (Object[]) row;
            LocalDate year = cells[0] instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) cells[0];
            byYear.computeIfAbsent(year, y -> new HashMap<>()).merge(((Number) cells[1]).intValue(), (BigDecimal) cells[3],
                    BigDecimal::add);
            counts.merge(year, ((Number) cells[2]).longValue(), Long::sum);
        }
        List<TierEpochs.Epoch> epochs = tierEpochs.epochs();
        List<Year> years = new ArrayList<>();
        byYear.forEach((from, byLocality) -> {
            LocalDate to = from.plusYears(1).minusDays(1);
            List<TierEpochs.TierInForce> tiers = TierEpochs.inForce(epochs, from);
            BigDecimal total = byLocality.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            BigDecimal unknown = byLocality.entrySet().stream().filter(e -> e.getKey() < 0).map(Map.Entry::getValue)
                    .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            List<TierShare> shares = new ArrayList<>();
            for (TierEpochs.TierInForce tier : tiers) {
                BigDecimal local = byLocality.entrySet().stream().filter(e -> e.getKey() >= 0 && (e.getKey() & (1 << tier.bit())) != 0)
                        .map(Map.Entry::getValue).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
                shares.add(new TierShare(tier.name(), tier.version(), local, share(local, total)));
            }
            years.add(new Year(TierEpochs.financialYearName(from), from, to, counts.get(from), total, unknown,
                    share(unknown, total), shares));
        });
        return new Headline(DEFINITIONS, years);
    }

    private static BigDecimal share(BigDecimal part, BigDecimal total) {
        return total.signum() == 0 ? null
                : part.multiply(BigDecimal.valueOf(100)).divide(total, 2, RoundingMode.HALF_UP);
    }
}
