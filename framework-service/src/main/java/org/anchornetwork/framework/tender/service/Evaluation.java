package org.anchornetwork.framework.tender.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.tender.TenderEvaluation;
import org.anchornetwork.framework.tender.scoring.Scoring;
import org.anchornetwork.framework.tender.scoring.ScoringMethod;
import org.anchornetwork.framework.valuation.Valuation;
import org.anchornetwork.framework.version.VersionDocument;

/**
 * Evaluates a closed tender: each current bid valued through the tender's framework version (quantity × proxy value,
 * line by line), scored by the tender's method, ranked, and kept with its explanation. Evaluating again (e.g. after a
 * correction) replaces the evaluation until the tender is awarded.
 */
@ApplicationScoped
public class Evaluation {

    public record Result(UUID tenderId, String frameworkId, int frameworkVersion, ScoringMethod scoringMethod,
            BigDecimal socialValueWeighting, OffsetDateTime evaluatedAt, List<BidResult> bids, String roundingRule) {
    }

    public record BidResult(UUID bidId, String bidderOrgId, String bidderName, BigDecimal bidPrice, BigDecimal socialValue,
            BigDecimal socialValuePercent, boolean belowMinimum, BigDecimal score, int rank,
            List<Valuation.ValuedLine> lines, List<String> explanation) {
    }

    @Transactional
    public Result evaluate(Tender tender, String evaluatedBy) {
        Tender.Status status = tender.statusNow();
        if (status == Tender.Status.OPEN) {
            throw ApiProblemException.conflict("tender-open", "Tender " + tender.reference + " closes at " + tender.closingAt
                    + "; it is evaluated after closing (or close it first)");
        }
        if (status == Tender.Status.AWARDED || status == Tender.Status.CANCELLED) {
            throw ApiProblemException.conflict("tender-final", "Tender " + tender.reference + " is " + status);
        }
        VersionDocument document = TenderService.documentOf(tender);
        List<Bid> bids = Bid.current(tender.id);
        Map<UUID, Valuation.Result> valued = bids.stream().collect(Collectors.toMap(bid -> bid.id, bid -> value(tender, document, bid)));
        List<Scoring.Entry> entries = bids.stream().map(bid -> new Scoring.Entry(bid.id, bid.bidderOrgId,
                valued.get(bid.id).totalSocialValue(), bid.bidPrice)).toList();
        Map<UUID, Bid> byId = bids.stream().collect(Collectors.toMap(bid -> bid.id, Function.identity()));
        List<BidResult> results = new ArrayList<>();
        for (Scoring.Scored scored : Scoring.score(tender.rules(), entries)) {
            Bid bid = byId.get(scored.bidId());
            results.add(new BidResult(bid.id, bid.bidderOrgId, bid.bidderName, bid.bidPrice, scored.socialValue(),
                    scored.socialValuePercent(), scored.belowMinimum(), scored.score(), scored.rank(),
                    valued.get(bid.id).lines(), scored.explanation()));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Result result = new Result(tender.id, tender.frameworkId, tender.frameworkVersion, tender.scoringMethod,
                tender.socialValueWeighting, now, results, Valuation.ROUNDING_RULE
                        + " Social value as a share of the bid price and scores are rounded to 2 decimal places (half up); "
                        + "equal scores share a rank.");
        TenderEvaluation evaluation = TenderEvaluation.findById(tender.id);
        if (evaluation == null) {
            evaluation = new TenderEvaluation();
            evaluation.tenderId = tender.id;
        }
        evaluation.evaluatedAt = now;
        evaluation.evaluatedByOrgId = evaluatedBy;
        evaluation.result = result;
        evaluation.persist();
        tender.status = Tender.Status.EVALUATED;
        tender.updatedAt = now;
        return result;
    }

    private static Valuation.Result value(Tender tender, VersionDocument document, Bid bid) {
        if (bid.commitments.isEmpty()) {
            return new Valuation.Result(tender.frameworkId, tender.frameworkVersion, List.of(), List.of(), List.of(),
                    BigDecimal.ZERO.setScale(2), bid.bidPrice, BigDecimal.ZERO.setScale(2), 0, null, Valuation.ROUNDING_RULE);
        }
        return Valuation.value(tender.frameworkId, tender.frameworkVersion, document,
                valuationRequest(bid.commitments, bid.bidPrice), null, null);
    }

    static Valuation.Request valuationRequest(List<Bid.Commitment> commitments, BigDecimal bidPrice) {
        return new Valuation.Request(commitments.stream().map(c -> new Valuation.Line(c.measureCode(), c.quantity())).toList(),
                bidPrice);
    }
}
