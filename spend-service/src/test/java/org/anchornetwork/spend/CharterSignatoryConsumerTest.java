package org.anchornetwork.spend;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.Topics;
import org.anchornetwork.messaging.CloudEvent;
import org.anchornetwork.messaging.EventConsumers;
import org.anchornetwork.messaging.ProcessedMessage;
import org.anchornetwork.spend.supplier.Supplier;
import org.anchornetwork.spend.supplier.messaging.CharterSignatoryHandler;
import org.anchornetwork.testsupport.KafkaTopics;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The pledge.signatory-joined.v1 consumer against the real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class CharterSignatoryConsumerTest {

    @Inject
    EventConsumers consumers;

    @Inject
    CharterSignatoryHandler handler;

    private static String joined(String organisationId) {
        return """
                {"charterId":"fairer-richer-darlington","charterVersion":1,"organisationId":"%s",
                 "organisationName":"Consumer Test Ltd","signatoryType":"BUSINESS","pledgeCodes":["give-locally"],
                 "joinedOn":"2026-11-25"}""".formatted(organisationId);
    }

    @Test
    @TestSecurity(user = "darlington-council", roles = "anchor")
    void aSignatoryJoiningOnKafkaIsFlaggedAsACharterSignatorySupplierOnceThoughDeliveredTwice() {
        String organisationId = "GB-COH-4" + (System.nanoTime() % 10_000_000);
        String eventId = UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 2; delivery++) {
            KafkaTopics.sendCloudEvent(Topics.PLEDGE, organisationId, eventId, EventTypes.SIGNATORY_JOINED_V1.name(),
                    "/pledge-service", joined(organisationId));
        }

        // The consumer joins its group after start: on 2 busy cores that can take most of the wait.
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> given().get("/api/v1/suppliers/" + organisationId)
                .then().statusCode(200)
                .body("charterSignatory", equalTo(true))
                .body("signatoryCharterId", equalTo("fairer-richer-darlington"))
                .body("signatorySince", equalTo("2026-11-25")));
        // Both copies are read by the same consumer in order; the second is skipped: one row, one effect.
        await().atMost(Duration.ofSeconds(10)).until(() -> processedCopies(eventId) == 1);
        assertEquals(1, processedCopies(eventId));
    }

    private static long processedCopies(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedMessage.count("key.eventId", eventId));
    }

    @Test
    void aRedeliveredEventHasNoSecondEffect() {
        String organisationId = "GB-COH-5" + (System.nanoTime() % 10_000_000);
        CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), EventTypes.SIGNATORY_JOINED_V1.name(),
                "/pledge-service", organisationId, "2026-11-25T10:00:00Z", organisationId,
                joined(organisationId).getBytes(StandardCharsets.UTF_8));

        assertTrue(consumers.deliver(handler, event), "first delivery has its effect");
        QuarkusTransaction.requiringNew().run(() -> Supplier.update("charterSignatory = false where organisationId = ?1", organisationId));
        assertFalse(consumers.deliver(handler, event), "the same event id again is skipped");
        assertFalse(QuarkusTransaction.requiringNew().call(() -> Supplier.<Supplier>find("organisationId", organisationId).firstResult().charterSignatory),
                "the skipped redelivery did not apply its effect again");
    }

    @Test
    void aSignatoryLeavingIsNoLongerFlaggedAsACharterSignatorySupplier() {
        String organisationId = "GB-COH-7" + (System.nanoTime() % 10_000_000);
        assertTrue(consumers.deliver(handler, new CloudEvent(UUID.randomUUID().toString(), EventTypes.SIGNATORY_JOINED_V1.name(),
                "/pledge-service", organisationId, "2026-11-25T10:00:00Z", organisationId,
                joined(organisationId).getBytes(StandardCharsets.UTF_8))));
        String left = """
                {"charterId":"fairer-richer-darlington","organisationId":"%s","leftOn":"2026-12-01","removedByNetwork":false}"""
                .formatted(organisationId);
        assertTrue(consumers.deliver(handler, new CloudEvent(UUID.randomUUID().toString(), EventTypes.SIGNATORY_LEFT_V1.name(),
                "/pledge-service", organisationId, "2026-12-01T10:00:00Z", organisationId, left.getBytes(StandardCharsets.UTF_8))));
        Supplier supplier = QuarkusTransaction.requiringNew().call(
                () -> Supplier.<Supplier>find("organisationId", organisationId).firstResult());
        assertFalse(supplier.charterSignatory);
    }

    @Test
    void anEventWhosePayloadContradictsItsKeyIsParkedAsFailedNotApplied() {
        String organisationId = "GB-COH-6" + (System.nanoTime() % 10_000_000);
        CloudEvent forged = new CloudEvent(UUID.randomUUID().toString(), EventTypes.SIGNATORY_JOINED_V1.name(),
                "/pledge-service", "GB-LAE-DAL", "2026-11-25T10:00:00Z", "GB-LAE-DAL",
                joined(organisationId).getBytes(StandardCharsets.UTF_8));

        assertFalse(consumers.deliver(handler, forged));
        assertEquals(null, QuarkusTransaction.requiringNew().call(() -> Supplier.find("organisationId", organisationId).firstResult()));
        assertEquals(ProcessedMessage.FAILED, QuarkusTransaction.requiringNew().call(() -> ProcessedMessage
                .<ProcessedMessage>find("key.eventId", forged.id()).singleResult().outcome));
    }
}
