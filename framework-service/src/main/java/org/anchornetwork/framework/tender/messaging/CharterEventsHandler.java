package org.anchornetwork.framework.tender.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.Topics;
import org.anchornetwork.events.pledge.SignatoryJoinedV1;
import org.anchornetwork.events.pledge.SignatoryLeftV1;
import org.anchornetwork.framework.tender.CharterSignatory;
import org.anchornetwork.messaging.CloudEvent;
import org.anchornetwork.messaging.EventHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Keeps bidders' charter membership from pledge-service's signatory events. */
@ApplicationScoped
public class CharterEventsHandler implements EventHandler {

    public static final String CONSUMER = "framework-service.charter-signatories";

    private final ObjectMapper objectMapper;

    public CharterEventsHandler(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PLEDGE);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.SIGNATORY_JOINED_V1.name(), EventTypes.SIGNATORY_LEFT_V1.name());
    }

    @Override
    public void handle(CloudEvent event) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (EventTypes.SIGNATORY_LEFT_V1.name().equals(event.type())) {
            SignatoryLeftV1 left = event.payload(EventTypes.SIGNATORY_LEFT_V1, objectMapper);
            event.requireKey(left.organisationId());
            CharterSignatory signatory = CharterSignatory.findById(new CharterSignatory.Key(left.organisationId(), left.charterId()));
            if (signatory != null) {
                signatory.leftOn = left.leftOn();
                signatory.updatedAt = now;
            }
            return;
        }
        SignatoryJoinedV1 joined = event.payload(EventTypes.SIGNATORY_JOINED_V1, objectMapper);
        event.requireKey(joined.organisationId());
        CharterSignatory.Key key = new CharterSignatory.Key(joined.organisationId(), joined.charterId());
        CharterSignatory signatory = CharterSignatory.findById(key);
        if (signatory == null) {
            signatory = new CharterSignatory();
            signatory.key = key;
        }
        signatory.organisationName = joined.organisationName();
        signatory.joinedOn = joined.joinedOn();
        signatory.leftOn = null;
        signatory.pledgeCodes = joined.pledgeCodes() == null ? new String[0] : joined.pledgeCodes().toArray(String[]::new);
        signatory.updatedAt = now;
        signatory.persist();
    }
}
