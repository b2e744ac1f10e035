package org.anchornetwork.pledge.signatory.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.pledge.SignatoryJoinedV1;
import org.anchornetwork.events.pledge.SignatoryLeftV1;
import org.anchornetwork.messaging.OutboxWriter;
import org.anchornetwork.pledge.charter.Charter;
import org.anchornetwork.pledge.charter.CharterPledge;
import org.anchornetwork.pledge.charter.rest.CharterResource;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentStatus;
import org.anchornetwork.pledge.signatory.Signatory;
import org.anchornetwork.pledge.signatory.SignatoryType;

/**
 * Joining and leaving a charter: the signatory, its commitments and the joined or left event are written in one
 * transaction.
 */
@ApplicationScoped
public class SigningService {

    private final OutboxWriter outbox;

    public SigningService(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Result of signing: the signatory and whether it joined the charter with this request. */
    public record Signed(Signatory signatory, List<Commitment> commitments, boolean joined) {
    }

    /**
     * Signs pledges as {@code organisationId}. The first signature (or the first after leaving) makes the organisation
     * a signatory of the charter's latest version and publishes {@code pledge.signatory-joined.v1}; signing again only
     * adds pledges not yet taken.
     */
    @Transactional
    public Signed sign(String charterId, String organisationId, String organisationName, SignatoryType type,
            List<String> pledgeCodes, String contactEmail) {
        Charter charter = CharterResource.find(charterId);
        Set<String> known = CharterPledge.ofCharter(charterId).stream().map(pledge -> pledge.code)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<ProblemError> errors = new ArrayList<>();
        for (int i = 0; i < pledgeCodes.size(); i++) {
            if (!known.contains(pledgeCodes.get(i))) {
                errors.add(ProblemError.at("/pledgeCodes/" + i, "unknown-pledge",
                        "'" + pledgeCodes.get(i) + "' is not a pledge of charter " + charterId + "; known: " + known));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid("Some pledges are not part of the charter", errors);
        }

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        Signatory signatory = Signatory.find(charterId, organisationId).orElse(null);
        boolean joined = signatory == null || signatory.leftOn != null;
        if (signatory == null) {
            signatory = new Signatory();
            signatory.id = UUID.randomUUID();
            signatory.charterId = charterId;
            signatory.organisationId = organisationId;
            signatory.createdAt = now;
        }
        if (joined) {
            signatory.organisationName = organisationName.strip();
            signatory.signatoryType = type;
            signatory.charterVersion = charter.version;
            signatory.joinedOn = today;
            signatory.leftOn = null;
            signatory.leavingReason = null;
            signatory.updatedAt = now;
            signatory.persist();
        }
        if (contactEmail != null && !contactEmail.isBlank()) {
            signatory.contactEmail = contactEmail.strip();
        }
        Set<String> taken = Commitment.ofSignatory(signatory.id).stream().map(c -> c.pledgeCode)
                .collect(Collectors.toSet());
        for (String code : new LinkedHashSet<>(pledgeCodes)) {
            if (taken.add(code)) {
                take(signatory, code, now);
            }
        }
        List<Commitment> commitments = Commitment.ofSignatory(signatory.id);
        if (joined) {
            outbox.append(EventTypes.SIGNATORY_JOINED_V1, organisationId, new SignatoryJoinedV1(charter.id,
                    charter.version, organisationId, signatory.organisationName, type.name(),
                    commitments.stream().map(c -> c.pledgeCode).toList(), today));
        }
        return new Signed(signatory, commitments, joined);
    }

    /** Takes a pledge: a commitment at the bottom of the ladder, committed today. */
    public static Commitment take(Signatory signatory, String pledgeCode, OffsetDateTime now) {
        Commitment commitment = new Commitment();
        commitment.id = UUID.randomUUID();
        commitment.signatoryId = signatory.id;
        commitment.pledgeCode = pledgeCode;
        commitment.committedOn = now.toLocalDate();
        commitment.status = CommitmentStatus.PLEDGED;
        commitment.plannedActions = new String[0];
        commitment.updatedAt = now;
        commitment.persist();
        signatory.updatedAt = now;
        return commitment;
    }

    /**
     * The organisation leaves the charter (or the network removes it) on {@code leftOn}: its record stays, marked as
     * left, and {@code pledge.signatory-left.v1} is published. Leaving twice is a 409.
     */
    @Transactional
    public Signatory leave(String charterId, String organisationId, LocalDate leftOn, String reason, boolean byNetwork) {
        Signatory signatory = SignatoryAccess.existing(charterId, organisationId);
        if (signatory.leftOn != null) {
            throw ApiProblemException.conflict("already-left", organisationId + " left the charter on " + signatory.leftOn);
        }
        if (leftOn.isBefore(signatory.joinedOn)) {
            throw ApiProblemException.invalid("An organisation leaves after it joined", List.of(ProblemError.at("/leftOn",
                    "before-joining", "it joined on " + signatory.joinedOn)));
        }
        signatory.leftOn = leftOn;
        signatory.leavingReason = reason;
        signatory.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        outbox.append(EventTypes.SIGNATORY_LEFT_V1, organisationId,
                new SignatoryLeftV1(charterId, organisationId, leftOn, byNetwork));
        return signatory;
    }
}
