package org.anchornetwork.pledge.progress.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.spend.BatchIngestedV1;
import org.anchornetwork.messaging.CloudEvent;
import org.anchornetwork.messaging.SingleTypeHandler;
import org.anchornetwork.pledge.progress.service.SpendProgress;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/** Automatic "keep your money local" progress from spend-service's batch-ingested events. */
@ApplicationScoped
public class SpendBatchHandler extends SingleTypeHandler<BatchIngestedV1> {

    public static final String CONSUMER = "pledge-service.spend-progress";

    private final SpendProgress progress;

    public SpendBatchHandler(SpendProgress progress, ObjectMapper objectMapper) {
        super(CONSUMER, EventTypes.BATCH_INGESTED_V1, objectMapper);
        this.progress = progress;
    }

    @Override
    protected void handle(BatchIngestedV1 batch, CloudEvent event) {
        event.requireKey(batch.anchorOrganisationId());
        if (batch.batchId() == null || batch.periodTo() == null || batch.totalAmount() == null) {
            throw new IllegalArgumentException("Event " + event.id() + " is not a complete batch");
        }
        if (progress.batchIngested(batch, event.id())) {
            Log.infof("Spend batch %s of %s counted towards local spend progress", batch.batchId(), batch.anchorOrganisationId());
        }
    }
}
