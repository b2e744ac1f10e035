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
import org.anchornetwork.messaging.OutboxWriter;
import org.anchornetwork.pledge.charter.Charter;
import org.anchornetwork.pledge.charter.CharterPledge;
import org.anchornetwork.pledge.charter.rest.CharterResource;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.Signatory;
import org.anchornetwork.pledge.signatory.SignatoryType;

/** Signing a charter: the signatory, its commitments and the joined event are written in one transaction. */
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
     * Signs pledges as {@code organisationId}. The first signature makes the organisation a signatory and
     * publishes {@code pledge.signatory-joined.v1}; signing again only adds pledges not yet taken.
     */
    @Transactional
    public Signed sign(String charterId, String organisationId, String organisationName, SignatoryType type,
            List<String> pledgeCodes) {
        Charter charter = CharterResource.find(charterId);
        Set<String> known = CharterPledge.ofCharter(charterId).stream().map(pledge -> pledge.code)
                .collect(Collectors.toSet());
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
        boolean joined = signatory == null;
        if (joined) {
            signatory = new Signatory();
            signatory.id = UUID.randomUUID();
            signatory.charterId = charterId;
            signatory.organisationId = organisationId;
            signatory.organisationName = organisationName;
            signatory.signatoryType = type;
            signatory.joinedOn = today;
            signatory.createdAt = now;
            signatory.updatedAt = now;
            signatory.persist();
        }
        Set<String> taken = Commitment.ofSignatory(signatory.id).stream().map(c -> c.pledgeCode)
                .collect(Collectors.toSet());
        for (String code : new LinkedHashSet<>(pledgeCodes)) {
            if (taken.add(code)) {
                Commitment commitment = new Commitment();
                commitment.id = UUID.randomUUID();
                commitment.signatoryId = signatory.id;
                commitment.pledgeCode = code;
                commitment.committedOn = today;
                commitment.persist();
                signatory.updatedAt = now;
            }
        }
        List<Commitment> commitments = Commitment.ofSignatory(signatory.id);
        if (joined) {
            outbox.append(EventTypes.SIGNATORY_JOINED_V1, organisationId, new SignatoryJoinedV1(charter.id,
                    charter.version, organisationId, organisationName, type.name(),
                    commitments.stream().map(c -> c.pledgeCode).toList(), today));
        }
        return new Signed(signatory, commitments, joined);
    }
}
