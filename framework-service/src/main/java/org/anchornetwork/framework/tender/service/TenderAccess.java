package org.anchornetwork.framework.tender.service;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.framework.tender.Tender;

/**
 * Who may do what with a tender. The anchor that owns it, and a portal acting for that anchor, manage it and see every
 * bid; the network admin reads everything; a bidder (a supplier) reads the tender and only its own bid. Another
 * anchor, or a portal not acting for the owner, is told the tender does not exist.
 */
@RequestScoped
public class TenderAccess {

    private final CallerOrganisation caller;

    public TenderAccess(CallerOrganisation caller) {
        this.caller = caller;
    }

    /** The tender, for the owner or its portal: 404 for anyone else. */
    public Tender managed(UUID id) {
        Tender tender = existing(id);
        if (!manages(tender)) {
            throw ApiProblemException.notFound("Tender", id.toString());
        }
        return tender;
    }

    /** The tender, for the owner, its portal or the network admin: 404 for anyone else. */
    public Tender managedOrAdmin(UUID id) {
        Tender tender = existing(id);
        if (!seesAllBids(tender)) {
            throw ApiProblemException.notFound("Tender", id.toString());
        }
        return tender;
    }

    /** The tender, for any member who may read it. */
    public Tender readable(UUID id) {
        Tender tender = existing(id);
        if (manages(tender) || caller.hasRole(Roles.NETWORK_ADMIN) || caller.hasRole(Roles.SUPPLIER)) {
            return tender;
        }
        throw ApiProblemException.notFound("Tender", id.toString());
    }

    public boolean manages(Tender tender) {
        if (caller.hasRole(Roles.ANCHOR) && tender.anchorOrgId.equals(caller.orgIdOrNull())) {
            return true;
        }
        return caller.hasRole(Roles.PORTAL) && caller.actsFor().contains(tender.anchorOrgId);
    }

    /** Sees every bid and the whole evaluation: the owner, its portal and the network admin. */
    public boolean seesAllBids(Tender tender) {
        return manages(tender) || caller.hasRole(Roles.NETWORK_ADMIN);
    }

    /**
     * The bidder a submission is for: a portal of the owner names it (when it names none, the error joins
     * {@code errors} and the bidder is null); a supplier bids only as itself.
     */
    public String bidderFor(Tender tender, String requested, String pointer, java.util.List<ProblemError> errors) {
        if (caller.hasRole(Roles.PORTAL) && caller.actsFor().contains(tender.anchorOrgId)) {
            if (requested == null || requested.isBlank()) {
                errors.add(ProblemError.at(pointer, "required", "the bidder's organisation id"));
                return null;
            }
            return requested;
        }
        if (caller.hasRole(Roles.SUPPLIER)) {
            String own = caller.orgId();
            if (requested != null && !requested.isBlank() && !requested.equals(own)) {
                throw ApiProblemException.forbidden("A supplier bids only as itself");
            }
            return own;
        }
        throw ApiProblemException.forbidden("Bids come from the tender's portal or from the bidder itself");
    }

    public String callerOrgId() {
        return caller.orgId();
    }

    public boolean isSupplier() {
        return caller.hasRole(Roles.SUPPLIER) && !caller.hasRole(Roles.PORTAL);
    }

    private static Tender existing(UUID id) {
        Tender tender = Tender.findById(id);
        if (tender == null) {
            throw ApiProblemException.notFound("Tender", id.toString());
        }
        return tender;
    }
}
