package org.anchornetwork.framework.tender.service;

import static org.anchornetwork.framework.NumericColumns.PRICE;
import static org.anchornetwork.framework.NumericColumns.QUANTITY;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.valuation.Valuation;

/**
 * Bids on open tenders. (tender, bidder, submission id) is the natural key: the same submission sent again is answered
 * with the stored bid and changes nothing; sent again with other content it is a 409. A new submission id replaces
 * the bidder's earlier bid. Commitments are checked against the tender's measures and valued through its framework
 * version before anything is stored.
 */
@ApplicationScoped
public class BidService {

    /** A submission as sent. */
    public record Submission(String bidderOrgId, String bidderName, String submissionId, BigDecimal bidPrice,
            List<Bid.Commitment> commitments) {
    }

    public record Submitted(Bid bid, boolean created) {
    }

    /**
     * @param errors what is already wrong with the submission (the request's constraints, cells that could not be
     *               read): the bid's rules add theirs, and one 422 lists every error of every kind
     */
    @Transactional
    public Submitted submit(UUID tenderId, Submission submission, String submittedBy, List<ProblemError> errors) {
        Tender tender = Tender.findById(tenderId, LockModeType.PESSIMISTIC_WRITE);
        Bid same = errors.isEmpty() && submission.bidderOrgId() != null && submission.submissionId() != null
                ? Bid.<Bid>find("tenderId = ?1 and bidderOrgId = ?2 and submissionId = ?3", tenderId,
                        submission.bidderOrgId(), submission.submissionId()).firstResultOptional().orElse(null)
                : null;
        if (same != null) {
            if (!sameNumber(same.bidPrice, submission.bidPrice()) || !sameCommitments(same.commitments, submission.commitments())) {
                throw ApiProblemException.conflict("submission-differs", "Submission " + submission.submissionId()
                        + " of " + submission.bidderOrgId() + " was stored with other content; send changes under a new submissionId");
            }
            return new Submitted(same, false);
        }
        if (tender.statusNow() != Tender.Status.OPEN) {
            throw ApiProblemException.conflict("tender-not-open", "Tender " + tender.reference + " is " + tender.statusNow()
                    + (tender.statusNow() == Tender.Status.CLOSED ? " since " + tender.closingAt : "") + "; bids are closed");
        }
        ApiProblemException.throwIfAny(check(tender, submission, errors), "the bid");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Bid.update("superseded = true where tenderId = ?1 and bidderOrgId = ?2 and superseded = false", tenderId,
                submission.bidderOrgId());
        Bid bid = new Bid();
        bid.id = UUID.randomUUID();
        bid.tenderId = tenderId;
        bid.bidderOrgId = submission.bidderOrgId();
        bid.bidderName = submission.bidderName().strip();
        bid.submissionId = submission.submissionId();
        bid.bidPrice = PRICE.stored(submission.bidPrice());
        bid.commitments = submission.commitments().stream().map(c -> new Bid.Commitment(c.measureCode(),
                QUANTITY.stored(c.quantity()), c.timescaleMonths(), c.narrative())).toList();
        bid.submittedByOrgId = submittedBy;
        bid.submittedAt = now;
        bid.superseded = false;
        bid.persist();
        return new Submitted(bid, true);
    }

    /**
     * Every rule of a bid, all at once, into {@code errors}: measures of the tender, one commitment each, quantities in
     * range and valued within what amounts hold, timescales, narratives, the price. A field the request's constraints
     * already refused is not checked again.
     */
    private static List<ProblemError> check(Tender tender, Submission submission, List<ProblemError> errors) {
        if (!ProblemError.anyAt(errors, "/bidPrice")) {
            PRICE.check(errors, "/bidPrice", submission.bidPrice());
        }
        if (submission.commitments() == null) {
            return errors;
        }
        Set<String> inScope = Set.of(tender.measureCodes);
        Map<String, BigDecimal> proxyValues = new java.util.HashMap<>();
        TenderService.documentOf(tender).measuresOrEmpty().forEach(m -> {
            if (m.proxyValue() != null) {
                proxyValues.put(m.code(), m.proxyValue());
            }
        });
        Set<String> seen = new java.util.HashSet<>();
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < submission.commitments().size(); i++) {
            Bid.Commitment commitment = submission.commitments().get(i);
            String at = "/commitments/" + i;
            if (commitment == null) {
                continue; // the request's constraints said so
            }
            String code = commitment.measureCode();
            if (code == null || code.isBlank()) {
                errors.add(ProblemError.at(at + "/measureCode", "required", "one of the tender's measures " + inScope));
            } else if (!inScope.contains(code)) {
                errors.add(ProblemError.at(at + "/measureCode", "not-in-tender", "'" + code
                        + "' is not one of the tender's measures " + inScope));
            } else if (!seen.add(code)) {
                errors.add(ProblemError.at(at + "/measureCode", "duplicate-measure", "one commitment per measure"));
            }
            if (!ProblemError.anyAt(errors, at + "/quantity")) {
                values.add(Valuation.checkQuantity(errors, at + "/quantity", commitment.quantity(),
                        code != null && inScope.contains(code) ? proxyValues.get(code) : null));
            }
            if (commitment.timescaleMonths() != null && (commitment.timescaleMonths() < 1 || commitment.timescaleMonths() > 600)) {
                errors.add(ProblemError.at(at + "/timescaleMonths", "out-of-range", "1 to 600 months from the contract's start"));
            }
            if (commitment.narrative() != null && commitment.narrative().length() > 4000) {
                errors.add(ProblemError.at(at + "/narrative", "too-long", "at most 4000 characters"));
            }
        }
        Valuation.checkTotal(errors, "/commitments", values);
        return errors;
    }

    private static boolean sameNumber(BigDecimal stored, BigDecimal sent) {
        return sent != null && stored.compareTo(sent) == 0;
    }

    private static boolean sameCommitments(List<Bid.Commitment> stored, List<Bid.Commitment> sent) {
        if (sent == null || stored.size() != sent.size()) {
            return false;
        }
        for (int i = 0; i < stored.size(); i++) {
            Bid.Commitment a = stored.get(i);
            Bid.Commitment b = sent.get(i);
            if (b == null || !Objects.equals(a.measureCode(), b.measureCode()) || !sameNumber(a.quantity(), b.quantity())
                    || !Objects.equals(a.timescaleMonths(), b.timescaleMonths()) || !Objects.equals(a.narrative(), b.narrative())) {
                return false;
            }
        }
        return true;
    }
}
