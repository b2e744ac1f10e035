package org.anchornetwork.pledge.signatory.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.anchornetwork.pledge.signatory.SignatoryLeaving;
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
    /** @param errors what is already wrong with the request (its constraints); unknown pledges join them in one 422 */
    @Transactional
    public Signed sign(String charterId, String organisationId, String organisationName, SignatoryType type,
            List<String> pledgeCodes, String contactEmail, List<ProblemError> errors) {
        Charter charter = CharterResource.find(charterId);
        Set<String> known = CharterPledge.ofCharter(charterId).stream().map(pledge -> pledge.code)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (int i = 0; pledgeCodes != null && i < pledgeCodes.size(); i++) {
            String code = pledgeCodes.get(i);
            if (code != null && !code.isBlank() && !known.contains(code)) {
                errors.add(ProblemError.at("/pledgeCodes/" + i, "unknown-pledge",
                        "'" + code + "' is not a pledge of charter " + charterId + "; known: " + known));
            }
        }
        ApiProblemException.throwIfAny(errors, "the signature");

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
            signatory.leftOn = null; // the leaving, and its reason, stay in signatory_leaving
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
     * The organisation leaves the charter (or the network removes it) on {@code leftOn} (today when null): its record
     * stays, marked as left, the leaving and its private reason are kept (also after it signs again), and
     * {@code pledge.signatory-left.v1}, which never carries the reason, is published. Leaving twice is a 409.
     *
     * @param errors what is already wrong with the request (its constraints); the leaving's rules add theirs
     */
    @Transactional
    public Signatory leave(String charterId, String organisationId, LocalDate leftOn, String reason, boolean byNetwork,
            List<ProblemError> errors) {
        Signatory signatory = SignatoryAccess.existing(charterId, organisationId);
        if (signatory.leftOn != null) {
            throw ApiProblemException.conflict("already-left", organisationId + " left the charter on " + signatory.leftOn);
        }
        LocalDate today = LocalDate.now();
        LocalDate leaving = leftOn == null ? today : leftOn;
        if (leaving.isBefore(today)) {
            errors.add(ProblemError.at("/leftOn", "in-the-past", "today or later; the register's history does not change"));
        } else if (leaving.isBefore(signatory.joinedOn)) {
            errors.add(ProblemError.at("/leftOn", "before-joining", "it joined on " + signatory.joinedOn));
        }
        ApiProblemException.throwIfAny(errors, "the leaving");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        signatory.leftOn = leaving;
        signatory.updatedAt = now;
        SignatoryLeaving record = new SignatoryLeaving();
        record.signatoryId = signatory.id;
        record.joinedOn = signatory.joinedOn;
        record.leftOn = leaving;
        record.reason = reason == null || reason.isBlank() ? null : reason.strip();
        record.removedByNetwork = byNetwork;
        record.recordedAt = now;
        record.persist();
        outbox.append(EventTypes.SIGNATORY_LEFT_V1, organisationId,
                new SignatoryLeftV1(charterId, organisationId, leaving, byNetwork));
        return signatory;
    }
}
