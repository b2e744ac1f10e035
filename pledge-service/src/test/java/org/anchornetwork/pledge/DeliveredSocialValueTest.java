package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anchornetwork.events.EventTypes;
import org.anchornetwork.messaging.CloudEvent;
import org.anchornetwork.messaging.EventConsumers;
import org.anchornetwork.pledge.progress.messaging.DeliveryHandler;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/** A supplier that signed the charter counts the social value its contracts deliver towards its own commitment. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveredSocialValueTest {

    private static final String SUPPLIER = "GB-COH-76000001";
    private static final String TACKLING = "/api/v1/charters/fairer-richer-darlington/signatories/" + SUPPLIER
            + "/commitments/tackling-low-incomes";
    private static final UUID CONTRACT = UUID.randomUUID();

    @Inject
    EventConsumers consumers;

    @Inject
    DeliveryHandler handler;

    @Test
    @Order(1)
    @TestSecurity(user = "green-spaces", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = SUPPLIER))
    void aSupplierSignsWithATargetOnSocialValueDelivered() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Green Spaces Ltd","signatoryType":"BUSINESS","pledgeCodes":["tackling-low-incomes"]}""")
                .post("/api/v1/charters/fairer-richer-darlington/signatories").then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"social-value-delivered-gbp","target":50000,"deadline":"2028-03-31"}]}""")
                .put(TACKLING).then().statusCode(200);
    }

    @Test
    @Order(2)
    void deliveryReportsMoveItsProgressAndACorrectionReplacesTheQuarter() {
        assertTrue(consumers.deliver(handler, event("2026-27-Q1", "15000.00")));
        CloudEvent q2 = event("2026-27-Q2", "6772.00");
        assertTrue(consumers.deliver(handler, q2));
        assertFalse(consumers.deliver(handler, q2), "a redelivered event is skipped");
        given().get(TACKLING + "/progress").then().body("", hasSize(1))
                .body("[0].metricCode", equalTo("social-value-delivered-gbp")).body("[0].period", equalTo("2026-27"))
                .body("[0].value", equalTo(21772.00f)).body("[0].source", equalTo("FRAMEWORK_EVENTS"));
        // The supplier corrects its first quarter: the latest report of a quarter counts.
        assertTrue(consumers.deliver(handler, event("2026-27-Q1", "22500.00")));
        given().get(TACKLING + "/progress").then().body("[0].value", equalTo(29272.00f));
        given().get("/api/v1/charters/fairer-richer-darlington/signatories/" + SUPPLIER).then()
                .body("commitments[0].status", equalTo("EVIDENCED"));
    }

    @Test
    @Order(3)
    void aReportKeyedByAnotherContractIsParked() {
        CloudEvent forged = new CloudEvent(UUID.randomUUID().toString(), EventTypes.DELIVERY_REPORTED_V1.name(),
                "/framework-service", UUID.randomUUID().toString(), "2026-11-30T10:00:00Z", UUID.randomUUID().toString(),
                payload("2026-27-Q3", "1.00").getBytes(StandardCharsets.UTF_8));
        assertFalse(consumers.deliver(handler, forged));
        given().get(TACKLING + "/progress").then().body("[0].value", equalTo(29272.00f));
    }

    private static CloudEvent event(String period, String value) {
        return new CloudEvent(UUID.randomUUID().toString(), EventTypes.DELIVERY_REPORTED_V1.name(), "/framework-service",
                CONTRACT.toString(), "2026-11-30T10:00:00Z", CONTRACT.toString(), payload(period, value).getBytes(StandardCharsets.UTF_8));
    }

    private static String payload(String period, String value) {
        return """
                {"contractId":"%s","anchorOrganisationId":"GB-LAE-DAL","supplierOrganisationId":"%s","period":"%s",
                 "deliveredValue":%s,"deliveredToDate":%s,"lines":[]}""".formatted(CONTRACT, SUPPLIER, period, value, value);
    }
}
