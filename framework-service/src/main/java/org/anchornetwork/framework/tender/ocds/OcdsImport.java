package org.anchornetwork.framework.tender.ocds;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Constraints;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.tender.rest.TenderResource;
import org.anchornetwork.framework.tender.scoring.Scoring;
import org.anchornetwork.framework.tender.scoring.ScoringMethod;
import org.anchornetwork.framework.tender.service.TenderService;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tenders from a portal's OCDS release package: each release's tender (its id is the anchor's reference, buyer.id the
 * anchor, buyer.name its name) with the social value rules in the {@code socialValue} extension object that
 * {@link OcdsExport} writes. A release is read into the same request as a JSON tender and checked by the same
 * constraints and rules, every release before any is stored, so that one 422 lists every error of the package with a
 * pointer into it. A new reference creates the tender; an existing one is updated while it is open and has no bids
 * (rules do not change under bidders). The whole package is one transaction: any invalid release stores nothing.
 */
@ApplicationScoped
public class OcdsImport {

    /** Where each field of a tender request is in a release (the rest are in tender.socialValue). */
    private static final Map<String, String> IN_RELEASE = Map.of("/anchorOrgId", "/buyer/id", "/anchorName", "/buyer/name",
            "/reference", "/tender/id", "/title", "/tender/title", "/closingAt", "/tender/tenderPeriod/endDate",
            "/socialValueWeighting", "/tender/socialValue/weighting");

    private final TenderService tenders;
    private final Constraints constraints;

    public OcdsImport(TenderService tenders, Constraints constraints) {
        this.tenders = tenders;
        this.constraints = constraints;
    }

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED
    }

    public record Imported(UUID id, String anchorOrgId, String reference, Outcome outcome) {
    }

    @Transactional
    public List<Imported> importPackage(JsonNode pack, CallerOrganisation caller) {
        JsonNode releases = pack.path("releases");
        if (!releases.isArray() || releases.isEmpty()) {
            throw ApiProblemException.invalid("A release package holds releases", List.of(ProblemError.at("/releases", "required",
                    "an array of OCDS releases, each with a tender")));
        }
        List<ProblemError> errors = new ArrayList<>();
        List<TenderService.Draft> drafts = new ArrayList<>();
        for (int i = 0; i < releases.size(); i++) {
            drafts.add(read(releases.get(i), "/releases/" + i, caller, errors));
        }
        ApiProblemException.throwIfAny(errors, "the release package");
        List<Imported> imported = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            imported.add(apply(drafts.get(i), caller.orgId()));
        }
        return imported;
    }

    /** The release as a tender draft; its errors, pointed into the package, are added to {@code errors}. */
    private TenderService.Draft read(JsonNode release, String at, CallerOrganisation caller, List<ProblemError> errors) {
        JsonNode tender = release.path("tender");
        JsonNode rules = tender.path("socialValue");
        List<ProblemError> found = new ArrayList<>();
        TenderResource.TenderRequest request = new TenderResource.TenderRequest(text(release.path("buyer"), "id"),
                text(release.path("buyer"), "name"), text(tender, "id"), text(tender, "title"), text(rules, "frameworkId"),
                wholeNumber(rules, "frameworkVersion", found), codes(rules.path("measureCodes"), found),
                decimal(rules, "socialValueWeighting", "weighting", found), scoringMethod(rules, found),
                bands(rules, found), decimal(rules, "minimumSocialValue", "minimumSocialValue", found),
                decimal(rules, "minimumSocialValuePercent", "minimumSocialValuePercent", found),
                closing(tender.path("tenderPeriod").path("endDate"), found));
        // A value that could not be read is already in error; its constraint (NotNull) would say it again.
        constraints.of(request).stream().filter(error -> !ProblemError.anyAt(found, error.pointer())).forEach(found::add);
        String anchor = request.anchorOrgId() == null ? null : caller.writingFor(request.anchorOrgId(), at + "/buyer/id");
        TenderService.Draft draft = request.draft(anchor);
        if (anchor == null) {
            found.add(ProblemError.at("/anchorOrgId", "required", "the buyer: the anchor the tender is for"));
        } else {
            TenderService.check(draft, found);
        }
        if (!rules.isObject()) {
            errors.add(ProblemError.at(at + "/tender/socialValue", "required", "the tender's social value rules: frameworkId, "
                    + "frameworkVersion, measureCodes, weighting, scoringMethod (and bands, minimums)"));
        }
        found.stream().map(error -> ProblemError.at(at + inRelease(error.pointer()), error.code(), error.message()))
                .filter(error -> rules.isObject() || !error.pointer().startsWith(at + "/tender/socialValue/"))
                .forEach(errors::add);
        return draft;
    }

    /** A tender request's pointer (/measureCodes/0, /closingAt) as a pointer into the release. */
    private static String inRelease(String pointer) {
        String field = pointer.indexOf('/', 1) < 0 ? pointer : pointer.substring(0, pointer.indexOf('/', 1));
        String moved = IN_RELEASE.get(field);
        return moved != null ? moved + pointer.substring(field.length()) : "/tender/socialValue" + pointer;
    }

    private Imported apply(TenderService.Draft draft, String by) {
        Tender existing = Tender.<Tender>find("anchorOrgId = ?1 and reference = ?2", draft.anchorOrgId(), draft.reference().strip())
                .firstResult();
        if (existing == null) {
            Tender created = tenders.create(draft, by, new ArrayList<>());
            return new Imported(created.id, created.anchorOrgId, created.reference, Outcome.CREATED);
        }
        if (TenderService.sameRules(existing, draft)) {
            return new Imported(existing.id, existing.anchorOrgId, existing.reference, Outcome.UNCHANGED);
        }
        if (existing.statusNow() != Tender.Status.OPEN || Bid.count("tenderId", existing.id) > 0) {
            throw ApiProblemException.conflict("tender-not-changeable", "Tender " + existing.reference + " is "
                    + existing.statusNow() + (existing.statusNow() == Tender.Status.OPEN ? " with bids" : "")
                    + "; its rules change only while it is open and has no bids");
        }
        tenders.update(existing, draft);
        return new Imported(existing.id, existing.anchorOrgId, existing.reference, Outcome.UPDATED);
    }

    /** A text value, or null when absent or not text (the request's constraints then say it is required). */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Integer wholeNumber(JsonNode rules, String field, List<ProblemError> found) {
        JsonNode value = rules.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            found.add(ProblemError.at("/" + field, "invalid-value", "a version number: a whole number from 1"));
            return null;
        }
        BigDecimal number = value.decimalValue();
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            found.add(ProblemError.at("/" + field, "not-whole-number", "must be a whole number"));
            return null;
        }
        if (number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || number.compareTo(BigDecimal.ONE) < 0) {
            found.add(ProblemError.at("/" + field, "out-of-range", "a version number, from 1"));
            return null;
        }
        return number.intValueExact();
    }

    private static BigDecimal decimal(JsonNode rules, String field, String inRules, List<ProblemError> found) {
        JsonNode value = rules.path(inRules);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            found.add(ProblemError.at("/" + field, "invalid-value", "a number"));
            return null;
        }
        return value.decimalValue();
    }

    private static List<String> codes(JsonNode node, List<ProblemError> found) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        List<String> codes = new ArrayList<>();
        if (!node.isArray()) {
            found.add(ProblemError.at("/measureCodes", "invalid-value", "an array of measure codes"));
            return codes;
        }
        node.forEach(code -> codes.add(code.isTextual() ? code.asText() : null));
        return codes;
    }

    private static ScoringMethod scoringMethod(JsonNode rules, List<ProblemError> found) {
        JsonNode value = rules.path("scoringMethod");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return ScoringMethod.valueOf(value.asText());
        } catch (IllegalArgumentException e) {
            found.add(ProblemError.at("/scoringMethod", "invalid-value", "RELATIVE_VALUE, RELATIVE_PERCENT or FIXED_BANDS"));
            return null;
        }
    }

    private static List<Scoring.Band> bands(JsonNode rules, List<ProblemError> found) {
        JsonNode value = rules.path("bands");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            found.add(ProblemError.at("/bands", "invalid-value", "[{\"fromPercent\":5,\"scorePercent\":50}, ...]"));
            return null;
        }
        List<Scoring.Band> bands = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode band = value.get(i);
            bands.add(band.isObject() ? new Scoring.Band(decimal(band, "bands/" + i + "/fromPercent", "fromPercent", found),
                    decimal(band, "bands/" + i + "/scorePercent", "scorePercent", found)) : null);
        }
        return bands;
    }

    private static OffsetDateTime closing(JsonNode value, List<ProblemError> found) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            found.add(ProblemError.at("/closingAt", "invalid-date", "an ISO 8601 date-time with an offset"));
            return null;
        }
    }
}
