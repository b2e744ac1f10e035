package org.anchornetwork.pledge.signatory.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.OrgIds;
import org.anchornetwork.pledge.charter.Charter;
import org.anchornetwork.pledge.signatory.Signatory;

/**
 * The other identifiers an organisation registers for itself (its 360Giving funder id, its charity number), under
 * which the grants it made are its own. An identifier belongs to one organisation of a charter: another signatory's
 * organisation id, or one it registered, is a 409. Changes of a charter's identifiers are serialised by locking the
 * charter, so two organisations cannot claim the same one at once.
 */
@ApplicationScoped
public class SignatoryIdentifiers {

    public static final int MAX_IDENTIFIERS = 20;
    /** An org-id.guide identifier (GB-CHC-1234567) or a 360Giving one (360G-teesvalleybakery). */
    private static final String PATTERN = OrgIds.PATTERN + "|(?i:360G)-[A-Za-z0-9][A-Za-z0-9._:-]{0,74}";

    /**
     * Replaces the organisation's other identifiers with these (its own organisation id is implied and dropped); {@code errors}
     * holds the request's constraint violations, listed with these rules' errors in one 422.
     */
    @Transactional
    public Signatory replace(String charterId, String organisationId, List<String> identifiers, List<ProblemError> errors) {
        Charter.findById(charterId, LockModeType.PESSIMISTIC_WRITE);
        Signatory signatory = SignatoryAccess.existing(charterId, organisationId);
        if (identifiers.size() > MAX_IDENTIFIERS && errors.stream().noneMatch(e -> "/identifiers".equals(e.pointer()))) {
            errors.add(ProblemError.at("/identifiers", "too-many", "at most " + MAX_IDENTIFIERS));
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < identifiers.size(); i++) {
            String identifier = identifiers.get(i) == null ? "" : identifiers.get(i).strip();
            if (!identifier.matches(PATTERN)) {
                errors.add(ProblemError.at("/identifiers/" + i, "identifier-invalid", "an org-id.guide identifier such "
                        + "as GB-CHC-1234567 or a 360Giving one such as 360G-teesvalleybakery, at most 80 characters"));
            } else if (!key(identifier).equals(key(signatory.organisationId))) {
                wanted.putIfAbsent(key(identifier), identifier);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid("Some identifiers are not valid", errors);
        }
        List<Signatory> others = Signatory.list("charterId = ?1 and id <> ?2", signatory.charterId, signatory.id);
        for (Signatory other : others) {
            for (String taken : other.fundingIdentifiers()) {
                if (wanted.containsKey(key(taken))) {
                    throw ApiProblemException.conflict("identifier-taken", "'" + wanted.get(key(taken)) + "' is an "
                            + "identifier of another signatory of " + signatory.charterId + "; ask the network if it is yours");
                }
            }
        }
        signatory.otherIdentifiers = wanted.values().toArray(String[]::new);
        signatory.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return signatory;
    }

    private static String key(String identifier) {
        return identifier.strip().toUpperCase(Locale.ROOT);
    }
}
