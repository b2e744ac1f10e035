package org.anchornetwork.spend.supplier.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.Topics;
import org.anchornetwork.events.pledge.SignatoryJoinedV1;
import org.anchornetwork.events.pledge.SignatoryLeftV1;
import org.anchornetwork.messaging.CloudEvent;
import org.anchornetwork.messaging.EventHandler;
import org.anchornetwork.spend.supplier.service.SupplierRegistry;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/** Flags suppliers that signed the charter, and unflags those that left, from pledge-service's signatory events. */
@ApplicationScoped
public class CharterSignatoryHandler implements EventHandler {

    public static final String CONSUMER = "spend-service.charter-signatories";

    private final SupplierRegistry suppliers;
    private final ObjectMapper objectMapper;

    public CharterSignatoryHandler(SupplierRegistry suppliers, ObjectMapper objectMapper) {
        this.suppliers = suppliers;
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
        if (EventTypes.SIGNATORY_LEFT_V1.name().equals(event.type())) {
            SignatoryLeftV1 left = event.payload(EventTypes.SIGNATORY_LEFT_V1, objectMapper);
            event.requireKey(left.organisationId());
            suppliers.unmarkCharterSignatory(left.organisationId(), left.charterId());
            Log.infof("Supplier %s is no longer a signatory of %s", left.organisationId(), left.charterId());
            return;
        }
        SignatoryJoinedV1 joined = event.payload(EventTypes.SIGNATORY_JOINED_V1, objectMapper);
        event.requireKey(joined.organisationId());
        suppliers.markCharterSignatory(joined.organisationId(), joined.organisationName(), joined.charterId(),
                joined.joinedOn());
        Log.infof("Supplier %s is now a signatory of %s", joined.organisationId(), joined.charterId());
    }
}
