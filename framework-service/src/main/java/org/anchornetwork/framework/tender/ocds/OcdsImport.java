package org.anchornetwork.framework.tender.ocds;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Problem;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.tender.scoring.Scoring;
import org.anchornetwork.framework.tender.scoring.ScoringMethod;
import org.anchornetwork.framework.tender.service.TenderService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tenders from a portal's OCDS release package: each release's tender (its id is the anchor's reference, buyer.id the
 * anchor) with the social value rules in the {@code socialValue} extension object that {@link OcdsExport} writes.
 * A new reference creates the tender; an existing one is updated while it is open and has no bids (rules do not
 * change under bidders). The whole package is one transaction: any invalid release stores nothing.
 */
@ApplicationScoped
public class OcdsImport {

    private final TenderService tenders;
    private final ObjectMapper mapper;

    public OcdsImport(TenderService tenders, ObjectMapper mapper) {
        this.tenders = tenders;
        this.mapper = mapper;
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
        List<Imported> imported = new ArrayList<>();
        for (int i = 0; i < releases.size(); i++) {
            String at = "/releases/" + i;
            JsonNode release = releases.get(i);
            JsonNode tender = release.path("tender");
            JsonNode rules = tender.path("socialValue");
            List<ProblemError> errors = new ArrayList<>();
            String reference = text(tender, "id", at + "/tender/id", errors);
            String title = text(tender, "title", at + "/tender/title", errors);
            String closing = text(tender.path("tenderPeriod"), "endDate", at + "/tender/tenderPeriod/endDate", errors);
            String buyer = text(release.path("buyer"), "id", at + "/buyer/id", errors);
            if (!rules.isObject()) {
                errors.add(ProblemError.at(at + "/tender/socialValue", "required", "the tender's social value rules: frameworkId, "
                        + "frameworkVersion, measureCodes, weighting, scoringMethod (and bands, minimums)"));
            }
            OffsetDateTime closingAt = null;
            if (closing != null) {
                try {
                    closingAt = OffsetDateTime.parse(closing);
                } catch (DateTimeParseException e) {
                    errors.add(ProblemError.at(at + "/tender/tenderPeriod/endDate", "invalid-date", "an ISO 8601 date-time"));
                }
            }
            TenderService.Draft draft = null;
            if (errors.isEmpty()) {
                try {
                    draft = new TenderService.Draft(caller.writingFor(buyer, at + "/buyer/id"), reference, title,
                            rules.path("frameworkId").asText(null),
                            rules.path("frameworkVersion").isInt() ? rules.get("frameworkVersion").asInt() : null,
                            codes(rules.path("measureCodes")), decimal(rules.path("weighting")),
                            rules.path("scoringMethod").isTextual() ? ScoringMethod.valueOf(rules.get("scoringMethod").asText()) : null,
                            rules.has("bands") ? List.of(mapper.treeToValue(rules.get("bands"), Scoring.Band[].class)) : null,
                            decimal(rules.path("minimumSocialValue")), decimal(rules.path("minimumSocialValuePercent")), closingAt);
                } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
                    errors.add(ProblemError.at(at + "/tender/socialValue", "invalid-value", "scoringMethod is RELATIVE_VALUE, "
                            + "RELATIVE_PERCENT or FIXED_BANDS; bands are [{\"fromPercent\":5,\"scorePercent\":50}]"));
                }
                if (draft != null) {
                    requireRules(draft, at, errors);
                }
            }
            if (!errors.isEmpty()) {
                throw ApiProblemException.invalid("Release " + i + " cannot be read as a tender; nothing was stored", errors);
            }
            imported.add(apply(draft, caller.orgId(), at));
        }
        return imported;
    }

    private Imported apply(TenderService.Draft draft, String by, String at) {
        Tender existing = Tender.<Tender>find("anchorOrgId = ?1 and reference = ?2", draft.anchorOrgId(), draft.reference().strip())
                .firstResult();
        try {
            if (existing == null) {
                Tender created = tenders.create(draft, by);
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
        } catch (ApiProblemException e) {
            throw prefixed(e, at + "/tender/socialValue");
        }
    }

    /** The tender's own pointers (/measureCodes/0, /closingAt) as pointers into the release. */
    private static ApiProblemException prefixed(ApiProblemException e, String at) {
        Problem problem = e.problem();
        if (problem.errors() == null) {
            return e;
        }
        List<ProblemError> errors = problem.errors().stream().map(error -> ProblemError.at(
                "/closingAt".equals(error.pointer()) ? at.replace("/socialValue", "/tenderPeriod/endDate")
                        : at + error.pointer().replace("/socialValueWeighting", "/weighting"), error.code(), error.message()))
                .toList();
        return new ApiProblemException(new Problem(problem.type(), problem.title(), problem.status(), problem.detail(),
                problem.instance(), problem.requestId(), errors));
    }

    private static void requireRules(TenderService.Draft draft, String at, List<ProblemError> errors) {
        String rules = at + "/tender/socialValue";
        if (draft.frameworkId() == null) {
            errors.add(ProblemError.at(rules + "/frameworkId", "required", "the framework the tender uses"));
        }
        if (draft.frameworkVersion() == null) {
            errors.add(ProblemError.at(rules + "/frameworkVersion", "required", "a published version number"));
        }
        if (draft.measureCodes().isEmpty()) {
            errors.add(ProblemError.at(rules + "/measureCodes", "required", "the measures in scope"));
        }
        if (draft.socialValueWeighting() == null || draft.socialValueWeighting().signum() <= 0
                || draft.socialValueWeighting().compareTo(new BigDecimal("100")) > 0) {
            errors.add(ProblemError.at(rules + "/weighting", "out-of-range", "more than 0, at most 100 (% of the total score)"));
        }
        if (draft.scoringMethod() == null) {
            errors.add(ProblemError.at(rules + "/scoringMethod", "required", "RELATIVE_VALUE, RELATIVE_PERCENT or FIXED_BANDS"));
        }
    }

    private static String text(JsonNode node, String field, String pointer, List<ProblemError> errors) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(ProblemError.at(pointer, "required", "a text value"));
            return null;
        }
        return value.asText();
    }

    private static List<String> codes(JsonNode node) {
        List<String> codes = new ArrayList<>();
        node.forEach(code -> codes.add(code.asText()));
        return codes;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : null;
    }
}
