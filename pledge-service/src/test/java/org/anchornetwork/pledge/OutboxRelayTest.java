package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.anchornetwork.events.CloudEventHeaders;
import org.anchornetwork.events.Topics;
import org.anchornetwork.messaging.KafkaEventPublisher;
import org.anchornetwork.messaging.OutboxEvent;
import org.anchornetwork.messaging.OutboxRelay;
import org.anchornetwork.testsupport.KafkaTopics;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/** The outbox relay against the real Kafka broker, with the scheduled relay off so the test drives each round. */
@QuarkusTest
@TestProfile(OutboxRelayTest.ManualRelay.class)
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class OutboxRelayTest {

    public static class ManualRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anchor.messaging.relay.enabled", "false");
        }
    }

    @Inject
    OutboxRelay relay;

    @Inject
    KafkaEventPublisher publisher;

    @Test
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-30000001"))
    void aJoinedSignatoryIsRelayedAsACloudEventKeyedByTheOrganisation() {
        sign();
        OutboxEvent pending = pendingEventOf("GB-COH-30000001");
        assertNull(pending.publishedAt);

        assertTrue(relay.relayPending() >= 1);

        List<ConsumerRecord<String, byte[]>> records = KafkaTopics.await(Topics.PLEDGE,
                record -> pending.eventId.toString().equals(KafkaTopics.header(record, CloudEventHeaders.ID)), 1,
                Duration.ofSeconds(20));
        assertEquals(1, records.size());
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertEquals("GB-COH-30000001", record.key());
        assertEquals("pledge.signatory-joined.v1", KafkaTopics.header(record, CloudEventHeaders.TYPE));
        assertEquals("/pledge-service", KafkaTopics.header(record, CloudEventHeaders.SOURCE));
        assertEquals("1.0", KafkaTopics.header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals("GB-COH-30000001", KafkaTopics.header(record, CloudEventHeaders.SUBJECT));
        assertEquals("application/json", KafkaTopics.header(record, CloudEventHeaders.CONTENT_TYPE));
        assertNotNull(KafkaTopics.header(record, CloudEventHeaders.TIME));
        assertTrue(new String(record.value(), StandardCharsets.UTF_8).contains("\"organisationId\":\"GB-COH-30000001\""));
        assertNotNull(publishedAt(pending));
    }

    @Test
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-30000002"))
    void aRelayThatDiesAfterSendingButBeforeMarkingLosesNothingAndResendsTheSameEventId() {
        sign();
        OutboxEvent pending = pendingEventOf("GB-COH-30000002");

        // The relay sends, then dies before its transaction commits: the row must stay pending.
        assertThrows(SimulatedCrash.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            try {
                publisher.publish(relay.lockPending(100));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            throw new SimulatedCrash();
        }));
        assertNull(publishedAt(pending));

        // The restarted relay sends it again and marks it published.
        assertTrue(relay.relayPending() >= 1);
        assertNotNull(publishedAt(pending));

        List<ConsumerRecord<String, byte[]>> copies = KafkaTopics.await(Topics.PLEDGE,
                record -> pending.eventId.toString().equals(KafkaTopics.header(record, CloudEventHeaders.ID)), 2,
                Duration.ofSeconds(20));
        assertEquals(2, copies.size(), "at-least-once: both sends reached Kafka with the same ce_id for consumers to dedupe");
        assertEquals(0, relay.relayPending(), "nothing is left pending");
    }

    private static void sign() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"organisationName":"Relay Test Ltd","signatoryType":"BUSINESS","pledgeCodes":["give-locally"]}""")
                .when().post("/api/v1/charters/fairer-richer-darlington/signatories")
                .then().statusCode(201);
    }

    private static OutboxEvent pendingEventOf(String organisationId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>find(
                "eventType = ?1 and aggregateId = ?2", "pledge.signatory-joined.v1", organisationId).singleResult());
    }

    /** Reads in a fresh transaction, so the answer comes from the database and not from a cached entity. */
    private static java.time.OffsetDateTime publishedAt(OutboxEvent event) {
        return QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.<OutboxEvent>find("eventId", event.eventId).singleResult().publishedAt);
    }

    static class SimulatedCrash extends RuntimeException {
    }
}
