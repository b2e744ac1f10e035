package org.anchornetwork.framework.tender.service;

import static org.anchornetwork.framework.NumericColumns.GBP;
import static org.anchornetwork.framework.NumericColumns.PERCENT;
import static org.anchornetwork.framework.NumericColumns.WEIGHTING;

import java.math.BigDecimal;
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
import org.anchornetwork.framework.service.VersionService;
import org.anchornetwork.framework.tender.CharterSignatory;
import org.anchornetwork.framework.tender.Tender;
import org.anchornetwork.framework.tender.scoring.Scoring;
import org.anchornetwork.framework.tender.scoring.ScoringMethod;
import org.anchornetwork.framework.version.FrameworkVersion;
import org.anchornetwork.framework.version.VersionDocument;

/** Creating, closing and cancelling tenders. A tender uses one published framework version and a subset of its measures. */
@ApplicationScoped
public class TenderService {

    /** A tender as asked for. */
    public record Draft(String anchorOrgId, String anchorName, String reference, String title, String frameworkId,
            Integer frameworkVersion,
            List<String> measureCodes, BigDecimal socialValueWeighting, ScoringMethod scoringMethod,
            List<Scoring.Band> bands, BigDecimal minimumSocialValue, BigDecimal minimumSocialValuePercent,
            OffsetDateTime closingAt) {
    }

    /**
     * @param errors what is already wrong with the request (its constraints): the tender's rules add theirs, and one
     *               422 lists them all
     */
    @Transactional
    public Tender create(Draft draft, String createdBy, List<ProblemError> errors) {
        validate(draft, errors);
        if (Tender.count("anchorOrgId = ?1 and reference = ?2", draft.anchorOrgId(), draft.reference().strip()) > 0) {
            throw ApiProblemException.conflict("tender-exists", "Tender " + draft.reference() + " of " + draft.anchorOrgId()
                    + " exists; references are unique per anchor");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Tender tender = new Tender();
        tender.id = UUID.randomUUID();
        tender.anchorOrgId = draft.anchorOrgId();
        tender.reference = draft.reference().strip();
        apply(tender, draft);
        tender.status = Tender.Status.OPEN;
        tender.createdByOrgId = createdBy;
        tender.createdAt = now;
        tender.updatedAt = now;
        tender.persist();
        return tender;
    }

    /** New rules for an open tender without bids (the OCDS import checks both, and the draft). */
    @Transactional
    public Tender update(Tender tender, Draft draft) {
        apply(tender, draft);
        tender.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return tender;
    }

    /** A checked draft's content, numbers at their columns' scale (what is answered is what is stored). */
    private static void apply(Tender tender, Draft draft) {
        tender.anchorName = anchorName(draft);
        tender.title = draft.title().strip();
        tender.frameworkId = draft.frameworkId();
        tender.frameworkVersion = draft.frameworkVersion();
        tender.measureCodes = new LinkedHashSet<>(draft.measureCodes()).toArray(String[]::new);
        tender.socialValueWeighting = WEIGHTING.stored(draft.socialValueWeighting());
        tender.scoringMethod = draft.scoringMethod();
        tender.bands = draft.scoringMethod() == ScoringMethod.FIXED_BANDS ? draft.bands().stream()
                .map(band -> new Scoring.Band(PERCENT.stored(band.fromPercent()), PERCENT.stored(band.scorePercent()))).toList()
                : null;
        tender.minimumSocialValue = GBP.stored(draft.minimumSocialValue());
        tender.minimumSocialValuePercent = PERCENT.stored(draft.minimumSocialValuePercent());
        tender.closingAt = draft.closingAt();
    }

    /**
     * The buyer's name OCDS releases give: the one the tender names; else the name the anchor signed the charter with;
     * else its organisation id, so that a client written before the name was asked for still creates tenders.
     */
    static String anchorName(Draft draft) {
        if (draft.anchorName() != null && !draft.anchorName().isBlank()) {
            return draft.anchorName().strip();
        }
        return CharterSignatory.<CharterSignatory>find("key.organisationId = ?1 order by updatedAt desc", draft.anchorOrgId())
                .firstResultOptional().map(signatory -> signatory.organisationName).orElse(draft.anchorOrgId());
    }

    /** Whether the draft says what the tender already says. */
    public static boolean sameRules(Tender tender, Draft draft) {
        return tender.title.equals(draft.title().strip()) && tender.anchorName.equals(anchorName(draft))
                && tender.frameworkId.equals(draft.frameworkId())
                && java.util.Objects.equals(tender.frameworkVersion, draft.frameworkVersion())
                && java.util.Arrays.equals(tender.measureCodes, new LinkedHashSet<>(draft.measureCodes()).toArray(String[]::new))
                && same(tender.socialValueWeighting, draft.socialValueWeighting()) && tender.scoringMethod == draft.scoringMethod()
                && sameBands(tender.bands, draft.scoringMethod() == ScoringMethod.FIXED_BANDS ? draft.bands() : null)
                && same(tender.minimumSocialValue, draft.minimumSocialValue())
                && same(tender.minimumSocialValuePercent, draft.minimumSocialValuePercent())
                && tender.closingAt.toInstant().equals(draft.closingAt().toInstant());
    }

    private static boolean sameBands(List<Scoring.Band> a, List<Scoring.Band> b) {
        List<Scoring.Band> left = a == null ? List.of() : a;
        List<Scoring.Band> right = b == null ? List.of() : b;
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!same(left.get(i).fromPercent(), right.get(i).fromPercent())
                    || !same(left.get(i).scorePercent(), right.get(i).scorePercent())) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** Closes an open tender before its closing time (the time passing closes it anyway). */
    @Transactional
    public Tender close(Tender tender) {
        Tender.Status now = tender.statusNow();
        if (now != Tender.Status.OPEN && now != Tender.Status.CLOSED) {
            throw ApiProblemException.conflict("tender-not-open", "The tender is " + now);
        }
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        if (now == Tender.Status.OPEN) {
            tender.closingAt = at;
        }
        tender.status = Tender.Status.CLOSED;
        tender.updatedAt = at;
        return tender;
    }

    @Transactional
    public Tender cancel(Tender tender) {
        if (tender.status == Tender.Status.AWARDED || tender.status == Tender.Status.CANCELLED) {
            throw ApiProblemException.conflict("tender-final", "The tender is " + tender.status + " and cannot be cancelled");
        }
        tender.status = Tender.Status.CANCELLED;
        tender.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return tender;
    }

    /** The tender's framework version document (published, so it never changes). */
    public static VersionDocument documentOf(Tender tender) {
        return VersionService.publicVersion(tender.frameworkId, tender.frameworkVersion).map(version -> version.document)
                .orElseThrow(() -> new IllegalStateException("Tender " + tender.id + " uses a version that is not public"));
    }

    /**
     * Every rule of a tender, checked at once into {@code errors} (which may already hold the request's constraint
     * errors; a field already in error is not checked again); 422 listing them all when any.
     */
    public static void validate(Draft draft, List<ProblemError> errors) {
        check(draft, errors);
        ApiProblemException.throwIfAny(errors, "the tender");
    }

    /** The tender's rules, adding to {@code errors} and throwing nothing. */
    public static void check(Draft draft, List<ProblemError> errors) {
        if (draft.frameworkVersion() != null && draft.frameworkVersion() < 1 && !ProblemError.anyAt(errors, "/frameworkVersion")) {
            errors.add(ProblemError.at("/frameworkVersion", "out-of-range", "a version number, from 1"));
        }
        VersionDocument document = null;
        if (draft.frameworkId() != null && draft.frameworkVersion() != null && !ProblemError.anyAt(errors, "/frameworkVersion")) {
            FrameworkVersion version = FrameworkVersion.find(draft.frameworkId(), draft.frameworkVersion()).orElse(null);
            if (version == null || version.status != FrameworkVersion.Status.PUBLISHED) {
                errors.add(ProblemError.at("/frameworkVersion", "not-published", "framework " + draft.frameworkId()
                        + " has no published version " + draft.frameworkVersion() + "; tenders use a published version"
                        + (version != null && version.status == FrameworkVersion.Status.RETIRED ? " (this one is retired)" : "")));
            } else {
                document = version.document;
            }
        }
        if (document != null && draft.measureCodes() != null) {
            Set<String> known = document.measuresOrEmpty().stream().map(VersionDocument.Measure::code).collect(Collectors.toSet());
            for (int i = 0; i < draft.measureCodes().size(); i++) {
                String code = draft.measureCodes().get(i);
                if (code != null && !code.isBlank() && !known.contains(code)) {
                    errors.add(ProblemError.at("/measureCodes/" + i, "unknown-measure", "'" + code
                            + "' is not a measure of " + draft.frameworkId() + " version " + draft.frameworkVersion()));
                }
            }
        }
        WEIGHTING.check(errors, "/socialValueWeighting", draft.socialValueWeighting());
        if (draft.scoringMethod() == ScoringMethod.FIXED_BANDS) {
            if (draft.bands() == null || draft.bands().isEmpty()) {
                errors.add(ProblemError.at("/bands", "required", "FIXED_BANDS needs bands: [{\"fromPercent\":5,\"scorePercent\":50}, ...]"));
            } else {
                Set<BigDecimal> froms = new java.util.HashSet<>();
                for (int i = 0; i < draft.bands().size(); i++) {
                    Scoring.Band band = draft.bands().get(i);
                    String at = "/bands/" + i;
                    if (band == null) {
                        errors.add(ProblemError.at(at, "required", "a band: {\"fromPercent\":5,\"scorePercent\":50}"));
                        continue;
                    }
                    if (band.fromPercent() == null) {
                        errors.add(ProblemError.at(at + "/fromPercent", "required", "a share of the bid price, " + PERCENT.describe()));
                    } else if (PERCENT.accepts(band.fromPercent())) {
                        if (!froms.add(band.fromPercent().stripTrailingZeros())) {
                            errors.add(ProblemError.at(at + "/fromPercent", "duplicate-band", "each band starts at another share"));
                        }
                    } else {
                        PERCENT.check(errors, at + "/fromPercent", band.fromPercent());
                    }
                    if (band.scorePercent() == null) {
                        errors.add(ProblemError.at(at + "/scorePercent", "required", "the share of the weighting, " + PERCENT.describe()));
                    } else {
                        PERCENT.check(errors, at + "/scorePercent", band.scorePercent());
                    }
                }
            }
        } else if (draft.bands() != null && !draft.bands().isEmpty()) {
            errors.add(ProblemError.at("/bands", "not-banded", "bands are for FIXED_BANDS only"));
        }
        GBP.check(errors, "/minimumSocialValue", draft.minimumSocialValue());
        PERCENT.check(errors, "/minimumSocialValuePercent", draft.minimumSocialValuePercent());
        if (draft.closingAt() != null && !draft.closingAt().isAfter(OffsetDateTime.now())) {
            errors.add(ProblemError.at("/closingAt", "in-the-past", "a tender closes in the future"));
        }
    }
}
