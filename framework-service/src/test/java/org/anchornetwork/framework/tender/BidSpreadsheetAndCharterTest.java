package org.anchornetwork.framework.tender;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anchornetwork.events.EventTypes;
import org.anchornetwork.framework.tender.messaging.CharterEventsHandler;
import org.anchornetwork.messaging.CloudEvent;
import org.anchornetwork.messaging.EventConsumers;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/** A bidder fills in the tender's spreadsheet and uploads it; its bid shows its charter membership. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BidSpreadsheetAndCharterTest {

    private static final String FRAMEWORK = "spreadsheet-test-sv";
    private static final String BIDDER = "GB-COH-82000001";
    private static String tender;

    @Inject
    EventConsumers consumers;

    @Inject
    CharterEventsHandler charters;

    @Test
    @Order(1)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aPublishedFramework() {
        PublishedFrameworks.publish(FRAMEWORK, """
                {"themes":[{"code":"JOBS","title":"Jobs"}],"outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"Local employment"}],
                 "measures":[{"code":"FRD1","outcome":"JOBS-1","title":"=Local FTE","unit":"fte-years","proxyValue":30000.00,"priceBaseYear":2025},
                             {"code":"FRD2","outcome":"JOBS-1","title":"Apprenticeship weeks","unit":"weeks","proxyValue":250.00,"priceBaseYear":2025},
                             {"code":"FRD3","outcome":"JOBS-1","title":"Not in the tender","unit":"people"}]}""");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "tees-tender-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-10000001"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void thePortalCreatesATender() {
        tender = given().contentType(ContentType.JSON).body("""
                {"anchorOrgId":"GB-LAE-DAL","anchorName":"Darlington Borough Council","reference":"SHEET-1",
                 "title":"Library fit-out","frameworkId":"%s","frameworkVersion":1,"measureCodes":["FRD1","FRD2"],"socialValueWeighting":15,"scoringMethod":"RELATIVE_VALUE","closingAt":"%s"}"""
                .formatted(FRAMEWORK, OffsetDateTime.now().plusHours(1)))
                .post("/api/v1/tenders").then().statusCode(201).extract().path("id");
    }

    @Test
    @Order(3)
    @TestSecurity(user = "sheet-bidder", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = BIDDER))
    void theBidderDownloadsTheTemplateFillsItInAndUploadsIt() {
        String template = given().get(bids() + "/template").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        List<String> lines = template.lines().toList();
        assertEquals("\"Measure Code\",\"Measure Title\",\"Unit\",\"Proxy Value (GBP)\",\"Quantity\",\"Timescale Months\","
                + "\"Narrative\"", lines.get(0));
        assertEquals("\"FRD1\",\"'=Local FTE\",\"fte-years\",30000.00,\"\",\"\",\"\"", lines.get(1));
        assertEquals("\"FRD2\",\"Apprenticeship weeks\",\"weeks\",250.00,\"\",\"\",\"\"", lines.get(2));
        String filled = lines.get(0) + "\n" + "FRD1,'=Local FTE,fte-years,30000.00,2,12,\"Two site roles, from Darlington\"\n"
                + lines.get(2) + "\n";
        given().contentType("text/csv").body(filled.getBytes(StandardCharsets.UTF_8))
                .post(bids() + "/upload?bidderName=Sheet%20Bidder%20Ltd&submissionId=sheet-1&bidPrice=800000")
                .then().statusCode(201)
                .body("bidderOrgId", equalTo(BIDDER))
                .body("commitments.measureCode", contains("FRD1"))
                .body("commitments[0].timescaleMonths", equalTo(12))
                .body("commitments[0].narrative", equalTo("Two site roles, from Darlington"))
                .body("charters", empty());
        given().contentType("text/csv").body(filled.getBytes(StandardCharsets.UTF_8))
                .post(bids() + "/upload?bidderName=Sheet%20Bidder%20Ltd&submissionId=sheet-1&bidPrice=800000")
                .then().statusCode(200);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "sheet-bidder", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = BIDDER))
    void badSpreadsheetsAreProblemsWithRowAndColumn() {
        String header = "Measure Code,Measure Title,Unit,Proxy Value (GBP),Quantity,Timescale Months,Narrative\n";
        given().contentType("text/csv").body(header + "FRD1,,,,lots,soon,\n")
                .post(bids() + "/upload?bidderName=B&submissionId=sheet-2&bidPrice=1").then().statusCode(422)
                .body("errors.row", contains(2, 2)).body("errors.column", contains(5, 6));
        given().contentType("text/csv").body(header + "FRD1,,,,1,,\nFRD3,,,,1,,\nFRD1,,,,-1,,\n")
                .post(bids() + "/upload?bidderName=B&submissionId=sheet-3&bidPrice=1").then().statusCode(422)
                .body("errors[0].row", equalTo(3)).body("errors[0].column", equalTo(1))
                .body("errors[0].code", equalTo("not-in-tender"))
                .body("errors.code", hasItems("duplicate-measure"));
        // Issue 15: cells that cannot be read and the bid's rules, every kind in one 422.
        given().contentType("text/csv").body(header + "FRD1,,,,lots,,\nFRD3,,,,1,,\nFRD1,,,,-1,,\nFRD2,,,,0.123456,0,\n")
                .post(bids() + "/upload?bidderName=B&submissionId=sheet-6&bidPrice=1").then().statusCode(422)
                .body("errors.collect { it.row + ':' + it.column + ' ' + it.code }", containsInAnyOrder("2:5 invalid-number",
                        "3:1 not-in-tender", "4:1 duplicate-measure", "4:5 negative-value", "5:5 too-many-decimals",
                        "5:6 out-of-range"));
        given().contentType("text/csv").body("Code,Amount\nFRD1,1\n")
                .post(bids() + "/upload?bidderName=B&submissionId=sheet-4&bidPrice=1").then().statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/csv-header"))
                .body("errors[0].code", equalTo("missing-column")).body("errors[0].row", equalTo(1));
        given().contentType("text/csv; charset=UTF-8").body(header + "FRD1,,,,1,,Nul\u0000here\n")
                .post(bids() + "/upload?bidderName=B&submissionId=sheet-6&bidPrice=1").then().statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/csv-unreadable"))
                .body("errors[0].code", equalTo("control-character"))
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo(7));
        byte[] notUtf8 = (header + "FRD1,,,,1,,Caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        given().contentType("text/csv; charset=UTF-8").body(notUtf8)
                .post(bids() + "/upload?bidderName=B&submissionId=sheet-7&bidPrice=1").then().statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/csv-unreadable"))
                .body("errors[0].code", equalTo("invalid-encoding"))
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo(7));
        given().contentType("text/csv").body(header)
                .post(bids() + "/upload?submissionId=sheet-5&bidPrice=nothing").then().statusCode(400)
                .body("errors.pointer", contains("bidderName", "bidPrice"));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aBidShowsItsBiddersCharterFromPledgeEvents() {
        String joined = """
                {"charterId":"fairer-richer-darlington","charterVersion":1,"organisationId":"%s","organisationName":"Sheet Bidder Ltd",
                 "signatoryType":"BUSINESS","pledgeCodes":["keep-your-money-local"],"joinedOn":"2026-11-20"}""".formatted(BIDDER);
        assertTrue(consumers.deliver(charters, event(EventTypes.SIGNATORY_JOINED_V1.name(), joined)));
        bidsAsAdmin().body("find { it.bidderOrgId == '" + BIDDER + "' }.charters[0].charterId", equalTo("fairer-richer-darlington"))
                .body("find { it.bidderOrgId == '" + BIDDER + "' }.charters[0].pledgeCodes", contains("keep-your-money-local"))
                .body("find { it.bidderOrgId == '" + BIDDER + "' }.charters[0].standing",
                        equalTo("/api/v1/charters/fairer-richer-darlington/signatories/" + BIDDER + "/standing"));
        String left = """
                {"charterId":"fairer-richer-darlington","organisationId":"%s","leftOn":"2026-12-01","removedByNetwork":false}"""
                .formatted(BIDDER);
        assertTrue(consumers.deliver(charters, event(EventTypes.SIGNATORY_LEFT_V1.name(), left)));
        bidsAsAdmin().body("find { it.bidderOrgId == '" + BIDDER + "' }.charters", empty());
    }

    private static io.restassured.response.ValidatableResponse bidsAsAdmin() {
        return given().when().get(bids()).then().statusCode(200);
    }

    private static CloudEvent event(String type, String json) {
        return new CloudEvent(UUID.randomUUID().toString(), type, "/pledge-service", BIDDER, "2026-11-25T10:00:00Z", BIDDER,
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String bids() {
        return "/api/v1/tenders/" + tender + "/bids";
    }
}
