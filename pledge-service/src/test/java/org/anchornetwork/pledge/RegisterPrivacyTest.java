package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
 * The public register holds organisations only: a resident group by its name, never the person who signed for it,
 * reported its progress, or gave a reason for leaving. Those stay with the organisation and the network admin.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegisterPrivacyTest {

    private static final String GROUP = "GB-CHC-74000001";
    private static final String LEAVER = "GB-COH-74000002";
    private static final String CHARTER = "/api/v1/charters/fairer-richer-darlington";
    private static final String RECORD = CHARTER + "/signatories/" + GROUP;
    private static final List<String> PERSONAL = List.of("jane.doe@example.org", "jane-doe-person", "John Smith");

    @Test
    @Order(1)
    @TestSecurity(user = "jane-doe-person", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = GROUP))
    void aResidentGroupSignsWithItsNameAndAPrivateContact() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Friends of South Park","signatoryType":"RESIDENT_GROUP","pledgeCodes":["give-locally"],
                 "contactEmail":"jane.doe@example.org"}""")
                .post(CHARTER + "/signatories").then().statusCode(201)
                .body("contactEmail", equalTo("jane.doe@example.org"));
        given().contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"volunteering-hours","target":500,"deadline":"2027-12-31"}]}""")
                .put(RECORD + "/commitments/give-locally").then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"metricCode":"volunteering-hours","period":"2026-27-Q2","value":120,"evidenceLinks":["https://example.org/litter-picks"]}""")
                .post(RECORD + "/commitments/give-locally/progress").then().statusCode(201)
                .body("reportedBy", equalTo("jane-doe-person"));
        given().get(RECORD).then().body("contactEmail", equalTo("jane.doe@example.org"));
        given().contentType(ContentType.JSON).body("{\"organisationName\":\"x\",\"signatoryType\":\"INDIVIDUAL\",\"pledgeCodes\":[\"give-locally\"]}")
                .post(CHARTER + "/signatories").then().statusCode(400);
    }

    @Test
    @Order(2)
    @TestSecurity(user = "leaver-person", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = LEAVER))
    void aBusinessLeavesGivingAPrivateReason() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Leaving Ltd","signatoryType":"BUSINESS","pledgeCodes":["give-locally"]}""")
                .post(CHARTER + "/signatories").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"reason\":\"Personal reasons of John Smith\"}")
                .post(CHARTER + "/signatories/" + LEAVER + "/leave").then().statusCode(200);
    }

    @Test
    @Order(3)
    void anonymousReadersSeeTheGroupAndItsProgressButNoPersonalData() {
        List<String> publicReads = List.of(CHARTER + "/signatories?limit=500", CHARTER + "/signatories?limit=500&includeLeft=true",
                RECORD, RECORD + "/commitments", RECORD + "/commitments/give-locally/progress", RECORD + "/standing",
                CHARTER + "/signatories/" + LEAVER, CHARTER + "/reports/2026-27", CHARTER + "/reports/2026-27?format=csv");
        for (String read : publicReads) {
            String body = given().get(read).then().statusCode(200).extract().asString();
            for (String personal : PERSONAL) {
                assertFalse(body.contains(personal), read + " must not show " + personal + ": " + body);
            }
            assertFalse(body.contains("contactEmail") || body.contains("reportedBy") || body.contains("leavingReason")
                    || body.contains("pastMemberships"),
                    read + " must not even name private fields: " + body);
        }
        given().get(CHARTER + "/signatories?limit=500").then()
                .body("items.organisationName", hasItem("Friends of South Park"));
        given().get(RECORD + "/commitments/give-locally/progress").then().body("[0].value", equalTo(120.00f));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "other", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-74000003"))
    void anotherSignatorySeesNoMoreThanThePublic() {
        String body = given().get(RECORD).then().statusCode(200).extract().asString();
        assertFalse(body.contains("jane.doe@example.org"), body);
        given().get(RECORD + "/commitments/give-locally/progress").then().body("[0].reportedBy", org.hamcrest.Matchers.nullValue());
    }

    @Test
    @Order(5)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theNetworkAdminSeesTheContact() {
        given().get(RECORD).then().body("contactEmail", equalTo("jane.doe@example.org"));
        given().get(RECORD + "/commitments/give-locally/progress").then().body("[0].reportedBy", equalTo("jane-doe-person"));
    }

    @Test
    @Order(6)
    void noEventCarriesPersonalData() {
        List<String> payloads = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>list(
                "aggregateId in ?1", List.of(GROUP, LEAVER)).stream().map(event -> event.payload).toList());
        assertFalse(payloads.isEmpty());
        for (String payload : payloads) {
            for (String personal : PERSONAL) {
                assertFalse(payload.contains(personal), payload);
            }
        }
    }
}
