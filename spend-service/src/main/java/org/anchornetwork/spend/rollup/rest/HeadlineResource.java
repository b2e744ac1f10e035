package org.anchornetwork.spend.rollup.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.spend.geography.LocalityTier;
import org.anchornetwork.spend.geography.service.LocalSpend;
import org.anchornetwork.spend.geography.service.Localities;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public headline of the network's spend: per financial year, the total and how much of it stayed in each
 * tier. Read from the spend rollup, never from payments; no anchor, supplier or payment is named.
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
    private final Localities localities;
    private final LocalSpend localSpend;

    public HeadlineResource(EntityManager entityManager, Localities localities, LocalSpend localSpend) {
        this.entityManager = entityManager;
        this.localities = localities;
        this.localSpend = localSpend;
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
        // Per financial year (starting April) and supplier, from the rollup.
        List<?> rows = entityManager.createNativeQuery("""
                select extract(year from month - interval '3 months')::int, supplier_id, sum(payment_count), sum(amount)
                from spend_rollup group by 1, 2 having sum(payment_count) <> 0""").getResultList();
        Map<Integer, Map<UUID, BigDecimal>> byYear = new TreeMap<>();
        Map<Integer, Long> counts = new HashMap<>();
        Set<UUID> suppliers = new HashSet<>();
        for (Object row : rows) {
            Object[] cells = (Object[]) row;
            int year = ((Number) cells[0]).intValue();
            UUID supplier = (UUID) cells[1];
            byYear.computeIfAbsent(year, y -> new HashMap<>()).merge(supplier, (BigDecimal) cells[3], BigDecimal::add);
            counts.merge(year, ((Number) cells[2]).longValue(), Long::sum);
            suppliers.add(supplier);
        }
        Map<UUID, Set<String>> areas = localSpend.areasOf(suppliers);
        List<Year> years = new ArrayList<>();
        byYear.forEach((year, amounts) -> {
            LocalDate from = LocalDate.of(year, 4, 1);
            LocalDate to = from.plusYears(1).minusDays(1);
            List<LocalityTier> tiers = localities.tiersInForce(to);
            BigDecimal total = amounts.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            LocalSpend.Totals spend = LocalSpend.totals(amounts, areas, tiers);
            List<TierShare> shares = new ArrayList<>();
            for (int i = 0; i < tiers.size(); i++) {
                BigDecimal local = spend.local().get(i);
                shares.add(new TierShare(tiers.get(i).key.name(), tiers.get(i).key.version(), local, share(local, total)));
            }
            years.add(new Year(year + "-" + String.format("%02d", (year + 1) % 100), from, to, counts.get(year), total,
                    spend.unknown(), share(spend.unknown(), total), shares));
        });
        return new Headline(DEFINITIONS, years);
    }

    private static BigDecimal share(BigDecimal part, BigDecimal total) {
        return total.signum() == 0 ? null
                : part.multiply(BigDecimal.valueOf(100)).divide(total, 2, RoundingMode.HALF_UP);
    }
}
