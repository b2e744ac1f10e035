package org.anchornetwork.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every event consumer has joined its Kafka group, so no event published from then on is missed. */
@Readiness
@ApplicationScoped
public class EventConsumersReadiness implements HealthCheck {

    private final EventConsumers consumers;

    public EventConsumersReadiness(EventConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> waiting = consumers.notYetAssigned();
        return HealthCheckResponse.named("event-consumers")
                .status(waiting.isEmpty())
                .withData("waitingForPartitions", String.join(",", waiting))
                .build();
    }
}
