package org.anchornetwork.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource that checks PostgreSQL and Kafka answer before the application starts, so a test run
 * without them fails with one clear message instead of a wall of connection errors.
 */
public class RequiresLocalInfrastructure implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalInfrastructure.requireReachable("PostgreSQL", LocalInfrastructure.database());
        LocalInfrastructure.requireReachable("Kafka", LocalInfrastructure.addressOf(LocalInfrastructure.kafkaBootstrapServers()));
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
