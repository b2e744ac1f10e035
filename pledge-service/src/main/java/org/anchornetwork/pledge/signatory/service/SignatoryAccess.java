package org.anchornetwork.pledge.signatory.service;

import jakarta.enterprise.context.RequestScoped;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.pledge.charter.rest.CharterResource;
import org.anchornetwork.pledge.signatory.Signatory;

/**
 * Who may touch a signatory's record: the organisation itself (an anchor or signatory whose token names it) manages
 * its commitments and progress; the network admin reads everything and verifies; nobody else writes.
 */
@RequestScoped
public class SignatoryAccess {

    private final CallerOrganisation caller;

    public SignatoryAccess(CallerOrganisation caller) {
        this.caller = caller;
    }

    /** The signatory, for a write by the organisation itself: 403 for anyone else, 404 when it has not signed. */
    public Signatory ownForWrite(String charterId, String organisationId) {
        CharterResource.find(charterId);
        if (!(caller.hasRole(Roles.ANCHOR) || caller.hasRole(Roles.SIGNATORY)) || !caller.orgId().equals(organisationId)) {
            throw ApiProblemException.forbidden("Only " + organisationId + " manages its own commitments and progress");
        }
        return existing(charterId, organisationId);
    }

    /** Whether the caller sees private fields of the organisation's record (who reported, contact): itself or the admin. */
    public boolean seesPrivateFieldsOf(String organisationId) {
        if (caller.isAnonymous()) {
            return false;
        }
        return caller.hasRole(Roles.NETWORK_ADMIN) || organisationId.equals(caller.orgIdOrNull());
    }

    public static Signatory existing(String charterId, String organisationId) {
        return Signatory.find(charterId, organisationId)
                .orElseThrow(() -> ApiProblemException.notFound("Signatory of " + charterId, organisationId));
    }
}
