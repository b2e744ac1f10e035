package org.anchornetwork.spend.rollup.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.spend.analysis.service.SpendHeadline;
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

    private final SpendHeadline headline;

    public HeadlineResource(SpendHeadline headline) {
        this.headline = headline;
    }

    @Schema(name = "SpendHeadline", description = "The network's spend and local share per financial year", example = """
            {"definitions":"...","years":[{"financialYear":"2025-26","from":"2025-04-01","to":"2026-03-31","paymentCount":2700,
            "totalSpend":14210344.87,"positiveSpend":14300120.00,"unknownLocationSpend":3120455.10,"unknownLocationShare":21.96,
            "tiers":[{"tier":"darlington","version":1,"localSpend":3480110.25,"localShare":24.49}]}]}""")
    public record Headline(@Schema(description = "What the figures mean") String definitions, List<SpendHeadline.Year> years) {
    }

    @GET
    @PermitAll
    @Operation(summary = "The network's spend and local share per financial year", description = SpendHeadline.DEFINITIONS)
    public Headline headline() {
        return new Headline(SpendHeadline.DEFINITIONS, headline.years());
    }
}
