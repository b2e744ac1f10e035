package org.anchornetwork.pledge.progress.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.framework.DeliveryReportedV1;
import org.anchornetwork.messaging.CloudEvent;
import org.anchornetwork.messaging.SingleTypeHandler;
import org.anchornetwork.pledge.progress.service.DeliveredSocialValue;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Automatic social-value-delivered progress from framework-service's delivery reports. */
@ApplicationScoped
public class DeliveryHandler extends SingleTypeHandler<DeliveryReportedV1> {

    public static final String CONSUMER = "pledge-service.delivered-social-value";

    private final DeliveredSocialValue delivered;

    public DeliveryHandler(DeliveredSocialValue delivered, ObjectMapper objectMapper) {
        super(CONSUMER, EventTypes.DELIVERY_REPORTED_V1, objectMapper);
        this.delivered = delivered;
    }

    @Override
    protected void handle(DeliveryReportedV1 report, CloudEvent event) {
        event.requireKey(report.contractId());
        if (report.supplierOrganisationId() == null || report.deliveredValue() == null) {
            throw new IllegalArgumentException("Event " + event.id() + " is not a complete delivery report");
        }
        delivered.reported(report, event.id());
    }
}
