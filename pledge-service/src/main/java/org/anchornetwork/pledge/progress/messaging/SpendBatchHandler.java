package org.anchornetwork.pledge.progress.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.Topics;
import org.anchornetwork.events.spend.BatchIngestedV1;
import org.anchornetwork.messaging.CloudEvent;
import org.anchornetwork.messaging.EventHandler;
import org.anchornetwork.pledge.progress.service.SpendProgress;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/** Automatic "keep your money local" progress from spend-service's batch-ingested events. */
@ApplicationScoped
public class SpendBatchHandler implements EventHandler {

    public static final String CONSUMER = "pledge-service.spend-progress";

    private final SpendProgress progress;
    private final ObjectMapper objectMapper;

    public SpendBatchHandler(SpendProgress progress, ObjectMapper objectMapper) {
        this.progress = progress;
        this.objectMapper = objectMapper;
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SPEND);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.BATCH_INGESTED_V1.name());
    }

    @Override
    public void handle(CloudEvent event) throws Exception {
        BatchIngestedV1 batch = event.payload(EventTypes.BATCH_INGESTED_V1, objectMapper);
        if (batch.anchorOrganisationId() == null || !batch.anchorOrganisationId().equals(event.key())
                || batch.batchId() == null || batch.periodTo() == null || batch.totalAmount() == null) {
            throw new IllegalArgumentException("Event " + event.id() + " is not a complete batch keyed by its anchor");
        }
        if (progress.batchIngested(batch, event.id())) {
            Log.infof("Spend batch %s of %s counted towards local spend progress", batch.batchId(), batch.anchorOrganisationId());
        }
    }
}
