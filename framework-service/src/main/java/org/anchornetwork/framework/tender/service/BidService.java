package org.anchornetwork.framework.tender.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    @Transactional
    public Submitted submit(UUID tenderId, Submission submission, String submittedBy) {
        Tender tender = Tender.findById(tenderId, LockModeType.PESSIMISTIC_WRITE);
        Bid same = Bid.<Bid>find("tenderId = ?1 and bidderOrgId = ?2 and submissionId = ?3", tenderId,
                submission.bidderOrgId(), submission.submissionId()).firstResultOptional().orElse(null);
        if (same != null) {
            if (same.bidPrice.compareTo(submission.bidPrice()) != 0 || !sameCommitments(same.commitments, submission.commitments())) {
                throw ApiProblemException.conflict("submission-differs", "Submission " + submission.submissionId()
                        + " of " + submission.bidderOrgId() + " was stored with other content; send changes under a new submissionId");
            }
            return new Submitted(same, false);
        }
        if (tender.statusNow() != Tender.Status.OPEN) {
            throw ApiProblemException.conflict("tender-not-open", "Tender " + tender.reference + " is " + tender.statusNow()
                    + (tender.statusNow() == Tender.Status.CLOSED ? " since " + tender.closingAt : "") + "; bids are closed");
        }
        validate(tender, submission);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Bid.update("superseded = true where tenderId = ?1 and bidderOrgId = ?2 and superseded = false", tenderId,
                submission.bidderOrgId());
        Bid bid = new Bid();
        bid.id = UUID.randomUUID();
        bid.tenderId = tenderId;
        bid.bidderOrgId = submission.bidderOrgId();
        bid.bidderName = submission.bidderName().strip();
        bid.submissionId = submission.submissionId();
        bid.bidPrice = submission.bidPrice();
        bid.commitments = List.copyOf(submission.commitments());
        bid.submittedByOrgId = submittedBy;
        bid.submittedAt = now;
        bid.superseded = false;
        bid.persist();
        return new Submitted(bid, true);
    }

    private static void validate(Tender tender, Submission submission) {
        List<ProblemError> errors = new ArrayList<>();
        Set<String> inScope = Set.of(tender.measureCodes);
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < submission.commitments().size(); i++) {
            Bid.Commitment commitment = submission.commitments().get(i);
            String at = "/commitments/" + i;
            if (commitment.measureCode() != null && !inScope.contains(commitment.measureCode())) {
                errors.add(ProblemError.at(at + "/measureCode", "not-in-tender", "'" + commitment.measureCode()
                        + "' is not one of the tender's measures " + inScope));
            } else if (commitment.measureCode() != null && !seen.add(commitment.measureCode())) {
                errors.add(ProblemError.at(at + "/measureCode", "duplicate-measure", "one commitment per measure"));
            }
            if (commitment.timescaleMonths() != null && (commitment.timescaleMonths() < 1 || commitment.timescaleMonths() > 600)) {
                errors.add(ProblemError.at(at + "/timescaleMonths", "out-of-range", "1 to 600 months from the contract's start"));
            }
            if (commitment.narrative() != null && commitment.narrative().length() > 4000) {
                errors.add(ProblemError.at(at + "/narrative", "too-long", "at most 4000 characters"));
            }
        }
        if (submission.bidPrice().stripTrailingZeros().scale() > 2) {
            errors.add(ProblemError.at("/bidPrice", "invalid-amount", "GBP with at most 2 decimal places"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors.size() + " problem(s) with the bid; nothing was stored", errors);
        }
        if (!submission.commitments().isEmpty()) {
            // Unknown codes, missing or bad quantities: the framework's own checks, with the same pointers.
            Valuation.value(tender.frameworkId, tender.frameworkVersion, TenderService.documentOf(tender),
                    Evaluation.valuationRequest(submission.commitments(), submission.bidPrice()), null, null);
        }
    }

    private static boolean sameCommitments(List<Bid.Commitment> stored, List<Bid.Commitment> sent) {
        if (stored.size() != sent.size()) {
            return false;
        }
        for (int i = 0; i < stored.size(); i++) {
            Bid.Commitment a = stored.get(i);
            Bid.Commitment b = sent.get(i);
            if (!Objects.equals(a.measureCode(), b.measureCode()) || a.quantity().compareTo(b.quantity()) != 0
                    || !Objects.equals(a.timescaleMonths(), b.timescaleMonths()) || !Objects.equals(a.narrative(), b.narrative())) {
                return false;
            }
        }
        return true;
    }
}
