package org.anchornetwork.framework.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.framework.FrameworkCreatedV1;
import org.anchornetwork.framework.Framework;
import org.anchornetwork.messaging.OutboxWriter;

/** Creates frameworks; the framework and its created event are committed together. */
@ApplicationScoped
public class FrameworkService {

    private final OutboxWriter outbox;

    public FrameworkService(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public Framework create(Framework framework, String createdByOrgId) {
        if (Framework.findById(framework.id) != null) {
            throw ApiProblemException.conflict("framework-exists", "A framework with id '" + framework.id + "' already exists");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        framework.createdByOrgId = createdByOrgId;
        framework.createdAt = now;
        framework.updatedAt = now;
        framework.persist();
        outbox.append(EventTypes.FRAMEWORK_CREATED_V1, framework.id, new FrameworkCreatedV1(framework.id, framework.name,
                framework.ownerOrgId, framework.family.name()));
        return framework;
    }
}
