package org.anchornetwork.framework.tender.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.CharterSignatory;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.tender.scoring.Scoring;
import org.anchornetwork.framework.tender.scoring.ScoringMethod;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How tenders and bids read. */
public final class TenderViews {

    private TenderViews() {
    }

    @Schema(name = "Tender", description = "The social value part of an anchor's tender")
    public record TenderView(UUID id, @Schema(example = "GB-LAE-DAL") String anchorOrgId,
            @Schema(example = "DBC-2026-041") String reference, @Schema(example = "Town hall refurbishment") String title,
            @Schema(example = "fairer-richer-darlington-sv") String frameworkId, @Schema(example = "1") int frameworkVersion,
            @Schema(example = "[\"FRD1\", \"FRD9\"]") List<String> measureCodes,
            @Schema(description = "Share of the total evaluation score given to social value", example = "20") BigDecimal socialValueWeighting,
            ScoringMethod scoringMethod, List<Scoring.Band> bands, BigDecimal minimumSocialValue,
            BigDecimal minimumSocialValuePercent, OffsetDateTime closingAt,
            @Schema(description = "As of now: an open tender past its closing time reads CLOSED") Tender.Status status,
            OffsetDateTime createdAt) {

        public static TenderView of(Tender tender) {
            return new TenderView(tender.id, tender.anchorOrgId, tender.reference, tender.title, tender.frameworkId,
                    tender.frameworkVersion, List.of(tender.measureCodes), tender.socialValueWeighting, tender.scoringMethod,
                    tender.bands, tender.minimumSocialValue, tender.minimumSocialValuePercent, tender.closingAt,
                    tender.statusNow(), tender.createdAt);
        }
    }

    @Schema(name = "BidderCharter", description = "A charter the bidder has signed and not left, as pledge-service announced it")
    public record CharterView(@Schema(example = "fairer-richer-darlington") String charterId, java.time.LocalDate joinedOn,
            @Schema(example = "[\"keep-your-money-local\"]") List<String> pledgeCodes,
            @Schema(description = "pledge-service's status check: good standing (lapses) on any date")
            String standing) {
    }

    @Schema(name = "Bid", description = "A bidder's current submission: its price and social value commitments, and the "
            + "charters its bidder has signed")
    public record BidView(UUID id, UUID tenderId, @Schema(example = "GB-COH-10000002") String bidderOrgId,
            @Schema(example = "DL Building Supplies Ltd") String bidderName, @Schema(example = "portal-sub-8812") String submissionId,
            @Schema(example = "1200000.00") BigDecimal bidPrice, List<Bid.Commitment> commitments, OffsetDateTime submittedAt,
            @Schema(description = "Empty when the bidder has signed no charter") List<CharterView> charters) {

        public static BidView of(Bid bid) {
            return of(List.of(bid)).get(0);
        }

        /** Views of bids, reading their bidders' charters in one query. */
        public static List<BidView> of(List<Bid> bids) {
            java.util.Map<String, List<CharterSignatory>> charters = CharterSignatory.current(
                    bids.stream().map(bid -> bid.bidderOrgId).distinct().toList());
            return bids.stream().map(bid -> new BidView(bid.id, bid.tenderId, bid.bidderOrgId, bid.bidderName, bid.submissionId,
                    bid.bidPrice, bid.commitments, bid.submittedAt, charters.getOrDefault(bid.bidderOrgId, List.of()).stream()
                            .map(c -> new CharterView(c.key.charterId(), c.joinedOn, List.of(c.pledgeCodes),
                                    "/api/v1/charters/" + c.key.charterId() + "/signatories/" + c.key.organisationId() + "/standing"))
                            .toList()))
                    .toList();
        }
    }
}
