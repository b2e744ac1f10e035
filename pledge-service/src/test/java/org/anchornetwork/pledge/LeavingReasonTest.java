package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.anchornetwork.messaging.OutboxEvent;
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
 * Issue 15: a reason for leaving is read by the organisation itself and the network admin (decision 0012), by nobody
 * else, and survives the organisation signing again; every leaving is kept. Events and reports never carry it.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeavingReasonTest {

    private static final String ORGANISATION = "GB-COH-78200001";
    private static final String CHARTER = "/api/v1/charters/fairer-richer-darlington";
    private static final String RECORD = CHARTER + "/signatories/" + ORGANISATION;
    private static final String FIRST_REASON = "Moving the roastery to Leeds";
    private static final String SECOND_REASON = "Removed: no progress for two years";

    @Test
    @Order(1)
    @TestSecurity(user = "roaster", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORGANISATION))
    void theOrganisationLeavesGivingAReasonAndReadsItBack() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Roasters Ltd","signatoryType":"BUSINESS","pledgeCodes":["give-locally"]}""")
                .post(CHARTER + "/signatories").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"reason\":\"" + FIRST_REASON + "\"}").post(RECORD + "/leave").then()
                .statusCode(200).body("leftOn", org.hamcrest.Matchers.notNullValue())
                .body("pastMemberships.leavingReason", contains(FIRST_REASON))
                .body("pastMemberships[0].removedByNetwork", equalTo(false));
        given().get(RECORD).then().statusCode(200).body("pastMemberships.leavingReason", contains(FIRST_REASON));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theNetworkAdminReadsIt() {
        given().get(RECORD).then().statusCode(200).body("pastMemberships.leavingReason", contains(FIRST_REASON));
        given().get(CHARTER + "/signatories?includeLeft=true&limit=500").then().statusCode(200)
                .body("items.find { it.organisationId == '" + ORGANISATION + "' }.pastMemberships.leavingReason",
                        contains(FIRST_REASON));
    }

    @Test
    @Order(3)
    void thePublicNeverSeesIt() {
        for (String read : List.of(RECORD, CHARTER + "/signatories?includeLeft=true&limit=500")) {
            String body = given().get(read).then().statusCode(200).extract().asString();
            assertFalse(body.contains(FIRST_REASON) || body.contains("pastMemberships") || body.contains("leavingReason"),
                    read + ": " + body);
        }
    }

    @Test
    @Order(4)
    @TestSecurity(user = "another-member", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-78200002"))
    void anotherMemberNeverSeesIt() {
        String body = given().get(RECORD).then().statusCode(200).extract().asString();
        assertFalse(body.contains(FIRST_REASON) || body.contains("pastMemberships"), body);
    }

    @Test
    @Order(5)
    @TestSecurity(user = "roaster", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORGANISATION))
    void signingAgainKeepsTheReasonOfTheEarlierLeaving() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Roasters Ltd","signatoryType":"BUSINESS","pledgeCodes":["give-locally"]}""")
                .post(CHARTER + "/signatories").then().statusCode(201).body("leftOn", nullValue())
                .body("pastMemberships.leavingReason", contains(FIRST_REASON));
        given().get(RECORD).then().body("leftOn", nullValue()).body("pastMemberships.leavingReason", contains(FIRST_REASON));
    }

    @Test
    @Order(6)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aSecondLeavingIsKeptBesideTheFirst() {
        given().contentType(ContentType.JSON).body("{\"reason\":\"" + SECOND_REASON + "\"}").post(RECORD + "/leave").then()
                .statusCode(200).body("pastMemberships.leavingReason", contains(FIRST_REASON, SECOND_REASON))
                .body("pastMemberships.removedByNetwork", contains(false, true));
    }

    @Test
    @Order(7)
    @TestSecurity(user = "roaster", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORGANISATION))
    void theOrganisationReadsEveryLeaving() {
        given().get(RECORD).then().body("pastMemberships.leavingReason", contains(FIRST_REASON, SECOND_REASON));
    }

    @Test
    @Order(8)
    void noEventOrReportCarriesAReason() {
        List<String> payloads = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>list(
                "aggregateId", ORGANISATION).stream().map(event -> event.payload).toList());
        assertFalse(payloads.isEmpty());
        for (String payload : payloads) {
            assertFalse(payload.contains(FIRST_REASON) || payload.contains(SECOND_REASON), payload);
        }
        for (String report : List.of(CHARTER + "/reports/2026-27", CHARTER + "/reports/2026-27?format=csv")) {
            String body = given().get(report).then().statusCode(200).extract().asString();
            assertFalse(body.contains(FIRST_REASON) || body.contains(SECOND_REASON), body);
        }
    }
}
