package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
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
import org.anchornetwork.messaging.OutboxEvent;
import org.anchornetwork.messaging.ProcessedMessage;
import org.anchornetwork.pledge.progress.messaging.SpendBatchHandler;
import org.anchornetwork.testsupport.KafkaTopics;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/**
 * An anchor's spend batches, announced by spend-service on the real broker, move its "keep your money local"
 * progress without anyone typing a number; the same event twice changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutomaticSpendProgressTest {

    /** An anchor no other test uses, so batches of other tests' anchors never touch it. */
    private static final String ANCHOR = "GB-LAE-AUTOPROG";
    private static final String LOCAL = "/api/v1/charters/fairer-richer-darlington/signatories/" + ANCHOR
            + "/commitments/keep-your-money-local";

    @Inject
    EventConsumers consumers;

    @Inject
    SpendBatchHandler handler;

    private static String batch(UUID batchId, String periodTo, String total, String darlington, String teesValley) {
        return """
                {"batchId":"%s","anchorOrganisationId":"%s","channel":"CSV","periodFrom":"2026-10-01","periodTo":"%s",
                 "paymentCount":3,"totalAmount":%s,
                 "localTotals":[{"tier":"darlington","tierVersion":1,"localAmount":%s},
                                {"tier":"tees-valley","tierVersion":1,"localAmount":%s}],
                 "unknownLocationAmount":0}""".formatted(batchId, ANCHOR, periodTo, total, darlington, teesValley);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "test-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void anAnchorCommitsToKeepItsMoneyLocalWithATargetForDarlington() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Test Borough Council","signatoryType":"PUBLIC_SECTOR_PARTNER","pledgeCodes":["keep-your-money-local"]}""")
                .when().post("/api/v1/charters/fairer-richer-darlington/signatories").then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"local-spend-share","tier":"darlington","baseline":20,"baselinePeriod":"2025-26",
                             "target":30,"deadline":"2028-03-31"}]}""")
                .when().put(LOCAL).then().statusCode(200).body("latestProgress", org.hamcrest.Matchers.nullValue());
    }

    @Test
    @Order(2)
    void aBatchOnKafkaMovesTheLocalShareOnceThoughDeliveredTwice() {
        UUID batchId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 2; delivery++) {
            KafkaTopics.sendCloudEvent(Topics.SPEND, ANCHOR, eventId, EventTypes.BATCH_INGESTED_V1.name(), "/spend-service",
                    batch(batchId, "2026-10-31", "1000.00", "250.00", "400.00"));
        }
        // The consumer joins its group after start: on 2 busy cores that can take most of the wait.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get(LOCAL + "/progress").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].metricCode", equalTo("local-spend-share"))
                .body("[0].tier", equalTo("darlington"))
                .body("[0].period", equalTo("2026-27"))
                .body("[0].value", equalTo(25.00f))
                .body("[0].source", equalTo("SPEND_EVENTS")));
        await().atMost(Duration.ofSeconds(10)).until(() -> processedCopies(eventId) == 1);
        given().get("/api/v1/charters/fairer-richer-darlington/signatories/" + ANCHOR).then()
                .body("commitments[0].status", equalTo("EVIDENCED"))
                .body("commitments[0].latestProgress.value", equalTo(25.00f));
        assertEquals(1, progressEvents(), "one batch, one progress event, however often it is delivered");
    }

    @Test
    @Order(3)
    void theSameBatchUnderANewEventIdOrRedeliveredIsNotCountedAgainAndANewBatchMovesTheShare() {
        UUID secondBatch = UUID.randomUUID();
        CloudEvent second = event(UUID.randomUUID().toString(), batch(secondBatch, "2026-11-30", "3000.00", "1250.00", "2000.00"));
        assertTrue(consumers.deliver(handler, second));
        assertFalse(consumers.deliver(handler, second), "a redelivered event is skipped");
        // The same batch announced again under another event id (a replayed outbox) counts once too.
        assertTrue(consumers.deliver(handler, event(UUID.randomUUID().toString(),
                batch(secondBatch, "2026-11-30", "3000.00", "1250.00", "2000.00"))));

        // (250 + 1250) / (1000 + 3000) = 37.50%
        given().get(LOCAL + "/progress").then().body("", hasSize(1)).body("[0].value", equalTo(37.50f))
                .body("[0].evidenceLinks[0]", equalTo("/api/v1/payments/batches/" + secondBatch));
        assertEquals(2, progressEvents());
    }

    @Test
    @Order(4)
    @TestSecurity(user = "test-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void aNewTargetForAnotherTierIsFilledInAtOnceFromTheBatchesAlreadyStored() {
        given().contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"local-spend-share","tier":"darlington","target":30,"deadline":"2028-03-31"},
                            {"metricCode":"local-spend-share","tier":"tees-valley","target":60,"deadline":"2028-03-31"}]}""")
                .when().put(LOCAL).then().statusCode(200);
        // (400 + 2000) / 4000 = 60.00%
        given().get(LOCAL + "/progress").then().body("", hasSize(2))
                .body("find { it.tier == 'tees-valley' }.value", equalTo(60.00f))
                .body("find { it.tier == 'darlington' }.value", equalTo(37.50f));
    }

    @Test
    @Order(5)
    void aBatchOfAnotherYearIsAnotherYearsFigureAndAForgedBatchIsParked() {
        assertTrue(consumers.deliver(handler, event(UUID.randomUUID().toString(),
                batch(UUID.randomUUID(), "2027-04-30", "500.00", "500.00", "500.00"))));
        given().get(LOCAL + "/progress").then().body("", hasSize(4))
                .body("find { it.period == '2027-28' && it.tier == 'darlington' }.value", equalTo(100.00f))
                .body("[0].period", equalTo("2027-28"));

        CloudEvent forged = new CloudEvent(UUID.randomUUID().toString(), EventTypes.BATCH_INGESTED_V1.name(), "/spend-service",
                "GB-LAE-DAL", "2026-11-25T10:00:00Z", "GB-LAE-DAL",
                batch(UUID.randomUUID(), "2026-11-30", "1.00", "1.00", "1.00").getBytes(StandardCharsets.UTF_8));
        assertFalse(consumers.deliver(handler, forged), "a batch keyed by another anchor than it names is not applied");
        assertEquals(ProcessedMessage.FAILED, QuarkusTransaction.requiringNew().call(() -> ProcessedMessage
                .<ProcessedMessage>find("key.eventId", forged.id()).singleResult().outcome));
        given().get(LOCAL + "/progress").then().body("find { it.period == '2026-27' && it.tier == 'darlington' }.value",
                equalTo(37.50f));
    }

    @Test
    @Order(6)
    void theYearsFiguresOfANewerSpendServiceGiveAShareOfPositiveSpendThatNeverExceedsAHundred() {
        // A council year with credit notes: net 1,211.00 of which 1,250.00 with Darlington suppliers (a non-local
        // supplier's credit of 39.00). Spend-service reports the year's positive spend, 1,250.00: 100%, said so.
        String batch = batch(UUID.randomUUID(), "2028-05-31", "1211.00", "1250.00", "1250.00").replace("\"unknownLocationAmount\":0}",
                "\"unknownLocationAmount\":0,\"financialYears\":[{\"financialYear\":\"2028-29\",\"positiveAmount\":1250.00,"
                        + "\"localPositiveAmounts\":[{\"tier\":\"darlington\",\"tierVersion\":1,\"localAmount\":1250.00}]}]}");
        assertTrue(consumers.deliver(handler, event(UUID.randomUUID().toString(), batch)));
        String year = "find { it.period == '2028-29' && it.tier == 'darlington' }";
        given().get(LOCAL + "/progress").then().body(year + ".value", equalTo(100.00f))
                .body(year + ".note", containsString("1250.00 of £1250.00 positive spend"))
                .body(year + ".note", containsString("net of its credit notes"));

        // A later batch of the same year: the year's figures replace the earlier ones (they are the whole year's).
        // (It also carries a field this version does not know, as a newer producer may: additive changes are read.)
        String later = batch(UUID.randomUUID(), "2028-06-30", "750.00", "0.00", "0.00").replace("\"unknownLocationAmount\":0}",
                "\"unknownLocationAmount\":0,\"aFieldAddedLater\":{\"x\":1},\"financialYears\":[{\"financialYear\":\"2028-29\",\"positiveAmount\":2000.00,"
                        + "\"localPositiveAmounts\":[{\"tier\":\"darlington\",\"tierVersion\":1,\"localAmount\":1250.00}]}]}");
        assertTrue(consumers.deliver(handler, event(UUID.randomUUID().toString(), later)));
        given().get(LOCAL + "/progress").then().body(year + ".value", equalTo(62.50f));

        // Without the year's figures (an older spend-service) a share above 100% is not recorded at all, never capped.
        assertTrue(consumers.deliver(handler, event(UUID.randomUUID().toString(),
                batch(UUID.randomUUID(), "2029-05-31", "1211.00", "1250.00", "1250.00"))));
        given().get(LOCAL + "/progress").then().body("find { it.period == '2029-30' }", nullValue());
    }

    private static CloudEvent event(String id, String json) {
        return new CloudEvent(id, EventTypes.BATCH_INGESTED_V1.name(), "/spend-service", ANCHOR, "2026-11-30T10:00:00Z",
                ANCHOR, json.getBytes(StandardCharsets.UTF_8));
    }

    private static long processedCopies(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedMessage.count("key.eventId", eventId));
    }

    private static long progressEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("eventType = ?1 and aggregateId = ?2",
                "pledge.progress-recorded.v1", ANCHOR));
    }
}
