package org.anchornetwork.pledge.charter.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.pledge.charter.Charter;
import org.anchornetwork.pledge.charter.CharterPledge;
import org.anchornetwork.pledge.charter.CharterVersion;

/**
 * Charters and their versions, managed by the network admin. A new version keeps every pledge of the one before,
 * with its wording, and adds new ones: what a signatory signed never changes under it.
 */
@ApplicationScoped
public class CharterEditor {

    /** A pledge as written in a request. */
    public record PledgeText(String code, String title, String description) {
    }

    /** @param errors what is already wrong with the request (its constraints); the charter's rules add theirs */
    @Transactional
    public Charter create(String id, String title, String description, LocalDate publishedOn, List<PledgeText> pledges,
            List<ProblemError> errors) {
        if (id != null && Charter.findById(id) != null) {
            throw ApiProblemException.conflict("charter-exists", "A charter with id " + id + " exists; add a version to it instead");
        }
        distinctCodes(pledges, Set.of(), "/pledges", errors);
        ApiProblemException.throwIfAny(errors, "the charter");
        Charter charter = new Charter();
        charter.id = id;
        charter.version = 1;
        charter.title = title.strip();
        charter.description = description;
        charter.publishedOn = publishedOn;
        charter.persist();
        addVersion(charter, "The charter as adopted");
        addPledges(charter, pledges, 0);
        return charter;
    }

    /** Version n+1: the pledges of version n and the new ones, after them. */
    @Transactional
    public Charter newVersion(String charterId, String summary, LocalDate publishedOn, String description,
            List<PledgeText> addedPledges, List<ProblemError> errors) {
        Charter charter = Charter.findById(charterId, LockModeType.PESSIMISTIC_WRITE);
        if (charter == null) {
            throw ApiProblemException.notFound("Charter", charterId);
        }
        List<CharterPledge> existing = CharterPledge.ofCharter(charterId);
        Set<String> taken = new HashSet<>();
        existing.forEach(pledge -> taken.add(pledge.code));
        distinctCodes(addedPledges, taken, "/addedPledges", errors);
        if (publishedOn != null && publishedOn.isBefore(charter.publishedOn)) {
            errors.add(ProblemError.at("/publishedOn", "before-previous-version", "version " + charter.version
                    + " was published on " + charter.publishedOn));
        }
        ApiProblemException.throwIfAny(errors, "the charter version");
        charter.version++;
        charter.publishedOn = publishedOn;
        if (description != null && !description.isBlank()) {
            charter.description = description;
        }
        addVersion(charter, summary);
        addPledges(charter, addedPledges, existing.stream().mapToInt(pledge -> pledge.position).max().orElse(0));
        return charter;
    }

    private static void addVersion(Charter charter, String summary) {
        CharterVersion version = new CharterVersion();
        version.key = new CharterVersion.Key(charter.id, charter.version);
        version.publishedOn = charter.publishedOn;
        version.summary = summary.strip();
        version.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        version.persist();
    }

    private static void addPledges(Charter charter, List<PledgeText> pledges, int lastPosition) {
        int position = lastPosition;
        for (PledgeText text : pledges) {
            CharterPledge pledge = new CharterPledge();
            pledge.charterId = charter.id;
            pledge.code = text.code();
            pledge.title = text.title().strip();
            pledge.description = text.description().strip();
            pledge.position = ++position;
            pledge.introducedInVersion = charter.version;
            pledge.persist();
        }
    }

    private static void distinctCodes(List<PledgeText> pledges, Set<String> taken, String pointer, List<ProblemError> errors) {
        Set<String> seen = new HashSet<>(taken);
        for (int i = 0; pledges != null && i < pledges.size(); i++) {
            String code = pledges.get(i) == null ? null : pledges.get(i).code();
            if (code != null && !seen.add(code)) {
                errors.add(ProblemError.at(pointer + "/" + i + "/code", "duplicate-pledge",
                        "'" + code + "' is already a pledge of this charter; a pledge's wording never changes once published"));
            }
        }
    }
}
