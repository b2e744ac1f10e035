package org.anchornetwork.framework.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.framework.FrameworkVersionRetiredV1;
import org.anchornetwork.framework.Framework;
import org.anchornetwork.framework.valuation.Valuation;
import org.anchornetwork.framework.version.FrameworkVersion;
import org.anchornetwork.framework.version.FrameworkVersion.Status;
import org.anchornetwork.framework.version.MeasuresCsv;
import org.anchornetwork.framework.version.VersionDocument;
import org.anchornetwork.framework.version.VersionDocument.VersionRef;
import org.anchornetwork.framework.version.VersionRules;
import org.anchornetwork.messaging.OutboxWriter;

/**
 * A framework's versions through their lifecycle: imported as drafts, changed only while drafts, published (then
 * frozen, with the whole catalogue in {@code framework.version-published.v1}), retired. Each change and its event are
 * committed together.
 */
@ApplicationScoped
public class VersionService {

    private final OutboxWriter outbox;

    public VersionService(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Imports a document as the framework's next version, a draft. Nothing is stored if any rule fails. */
    @Transactional
    public FrameworkVersion createDraft(String frameworkId, VersionDocument document) {
        Framework framework = lockedFramework(frameworkId);
        checkRules(document);
        return insertDraft(framework, document.normalised());
    }

    /**
     * Imports measures read from a spreadsheet as the next draft; errors name the file's rows and columns. Cells that
     * could not be read and the rules the rest breaks are reported together; a cell that could not be read keeps its
     * own error only.
     */
    @Transactional
    public FrameworkVersion importCsv(String frameworkId, MeasuresCsv.Read read) {
        Framework framework = lockedFramework(frameworkId);
        List<ProblemError> errors = new java.util.ArrayList<>(read.errors());
        if (read.document() != null) {
            read.onCells(VersionRules.check(read.document(), VersionService::publishedDocument)).stream()
                    .filter(rule -> read.errors().stream().noneMatch(cell -> cell.row() != null
                            && cell.row().equals(rule.row()) && cell.column().equals(rule.column())))
                    .forEach(errors::add);
        }
        if (!errors.isEmpty() || read.document() == null) {
            throw invalid(errors);
        }
        return insertDraft(framework, read.document().normalised());
    }

    /** A new draft holding a copy of a published (or retired) version, to change for the next edition. */
    @Transactional
    public FrameworkVersion draftFrom(String frameworkId, int number) {
        Framework framework = lockedFramework(frameworkId);
        FrameworkVersion source = publicVersion(frameworkId, number)
                .orElseThrow(() -> ApiProblemException.notFound("Published framework version", frameworkId + "/" + number));
        return insertDraft(framework, source.document);
    }

    private static FrameworkVersion insertDraft(Framework framework, VersionDocument document) {
        OffsetDateTime now = now();
        FrameworkVersion version = new FrameworkVersion();
        version.frameworkId = framework.id;
        version.number = FrameworkVersion.nextNumber(framework.id);
        version.status = Status.DRAFT;
        version.document = document;
        version.createdAt = now;
        version.updatedAt = now;
        version.persist();
        framework.updatedAt = now;
        return version;
    }

    /** Replaces a draft's whole content; a published or retired version never changes (409). */
    @Transactional
    public FrameworkVersion replaceDraft(String frameworkId, int number, VersionDocument document) {
        FrameworkVersion version = lockedVersion(frameworkId, number);
        if (version.status != Status.DRAFT) {
            throw ApiProblemException.conflict("version-not-draft", "Version " + number + " of '" + frameworkId + "' is "
                    + version.status.name().toLowerCase() + " and can no longer change; make a new draft instead");
        }
        checkRules(document);
        version.document = document.normalised();
        version.updatedAt = now();
        return version;
    }

    @Transactional
    public FrameworkVersion publish(String frameworkId, int number) {
        FrameworkVersion version = lockedVersion(frameworkId, number);
        if (version.status != Status.DRAFT) {
            throw ApiProblemException.conflict("version-not-draft", "Version " + number + " of '" + frameworkId
                    + "' is already " + version.status.name().toLowerCase());
        }
        // The national version it is based on may have been retired since the draft was checked; still fine.
        checkRules(version.document);
        OffsetDateTime now = now();
        version.status = Status.PUBLISHED;
        version.publishedAt = now;
        version.updatedAt = now;
        Framework framework = Framework.findById(frameworkId);
        outbox.append(EventTypes.FRAMEWORK_VERSION_PUBLISHED_V1, frameworkId + "/" + number,
                VersionEvents.published(framework, version));
        return version;
    }

    @Transactional
    public FrameworkVersion retire(String frameworkId, int number) {
        FrameworkVersion version = lockedVersion(frameworkId, number);
        if (version.status != Status.PUBLISHED) {
            throw ApiProblemException.conflict("version-not-published", "Only a published version can be retired; version "
                    + number + " of '" + frameworkId + "' is " + version.status.name().toLowerCase());
        }
        OffsetDateTime now = now();
        version.status = Status.RETIRED;
        version.retiredAt = now;
        version.updatedAt = now;
        outbox.append(EventTypes.FRAMEWORK_VERSION_RETIRED_V1, frameworkId + "/" + number,
                new FrameworkVersionRetiredV1(frameworkId, number));
        return version;
    }

    /** Values commitments against a published (or retired) version. */
    @Transactional
    public Valuation.Result value(String frameworkId, int number, Valuation.Request request) {
        FrameworkVersion version = publicVersion(frameworkId, number)
                .orElseThrow(() -> ApiProblemException.notFound("Published framework version", frameworkId + "/" + number));
        VersionRef basedOn = version.document.basedOn();
        VersionDocument national = basedOn == null ? null : publishedDocument(basedOn).orElse(null);
        return Valuation.value(frameworkId, number, version.document, request, national == null ? null : basedOn, national);
    }

    /** A version anyone may read: published or retired. */
    public static Optional<FrameworkVersion> publicVersion(String frameworkId, int number) {
        return FrameworkVersion.find(frameworkId, number).filter(FrameworkVersion::isPublic);
    }

    public static Optional<VersionDocument> publishedDocument(VersionRef ref) {
        if (ref.frameworkId() == null || ref.version() == null) {
            return Optional.empty();
        }
        return publicVersion(ref.frameworkId(), ref.version()).map(version -> version.document);
    }

    private static void checkRules(VersionDocument document) {
        List<ProblemError> errors = VersionRules.check(document, VersionService::publishedDocument);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    private static ApiProblemException invalid(List<ProblemError> errors) {
        return ApiProblemException.invalid("The framework version has " + errors.size() + " error"
                + (errors.size() == 1 ? "" : "s") + "; nothing was stored", errors);
    }

    /** Locks the framework row, so that two imports cannot take the same version number. */
    private static Framework lockedFramework(String frameworkId) {
        Framework framework = Framework.findById(frameworkId, LockModeType.PESSIMISTIC_WRITE);
        if (framework == null) {
            throw ApiProblemException.notFound("Framework", frameworkId);
        }
        return framework;
    }

    private static FrameworkVersion lockedVersion(String frameworkId, int number) {
        FrameworkVersion version = FrameworkVersion.find(frameworkId, number)
                .orElseThrow(() -> ApiProblemException.notFound("Framework version", frameworkId + "/" + number));
        FrameworkVersion.getEntityManager().lock(version, LockModeType.PESSIMISTIC_WRITE);
        return version;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
