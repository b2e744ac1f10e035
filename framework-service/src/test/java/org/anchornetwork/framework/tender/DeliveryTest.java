package org.anchornetwork.framework.tender;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.inject.Inject;

import org.anchornetwork.framework.contract.service.OverdueCheck;
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
 * A contract running since January 2026 reports delivery quarter by quarter: committed against delivered, corrections,
 * the overdue check and the totals.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryTest {

    private static final String FRAMEWORK = "delivery-test-sv";
    private static final String SUPPLIER = "GB-COH-81000001";
    private static String contract;
    private static String tender;

    @Inject
    OverdueCheck overdue;

    @Test
    @Order(1)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aPublishedFramework() {
        PublishedFrameworks.publish(FRAMEWORK, """
                {"themes":[{"code":"JOBS","title":"Jobs"},{"code":"SOCIAL","title":"Social"}],
                 "outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"Local employment"},{"code":"SOCIAL-1","theme":"SOCIAL","title":"Volunteering"}],
                 "measures":[{"code":"FRD1","outcome":"JOBS-1","title":"Local FTE","unit":"fte-years","proxyValue":30000.00,"priceBaseYear":2025},
                             {"code":"FRD9","outcome":"SOCIAL-1","title":"Volunteering hours","unit":"hours","proxyValue":16.93,"priceBaseYear":2025},
                             {"code":"FRD20","outcome":"SOCIAL-1","title":"Staff trained","unit":"people"}]}""");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "darlington-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theCouncilAwardsAContractThatStartedInJanuary() {
        tender = given().contentType(ContentType.JSON).body("""
                {"anchorName":"Darlington Borough Council","reference":"DELIVERY-1","title":"Grounds maintenance",
                 "frameworkId":"%s","frameworkVersion":1,"measureCodes":["FRD1","FRD9","FRD20"],"socialValueWeighting":10,"scoringMethod":"FIXED_BANDS",
                 "bands":[{"fromPercent":0,"scorePercent":0},{"fromPercent":5,"scorePercent":100}],"closingAt":"%s"}"""
                .formatted(FRAMEWORK, OffsetDateTime.now().plusHours(1)))
                .post("/api/v1/tenders").then().statusCode(201).extract().path("id");
        given().post("/api/v1/tenders/" + tender + "/close").then().statusCode(200);
        // Bids come from the portal or the bidder; the anchor cannot bid.
        given().contentType(ContentType.JSON).body("{\"bidderName\":\"x\",\"submissionId\":\"x\",\"bidPrice\":1,\"commitments\":[]}")
                .post("/api/v1/tenders/" + tender + "/bids").then().statusCode(403);
        QuarkusTransaction.requiringNew().run(() -> {
            // The bid as the portal would have sent it before closing.
            org.anchornetwork.framework.tender.Bid bid = new org.anchornetwork.framework.tender.Bid();
            bid.id = java.util.UUID.randomUUID();
            bid.tenderId = java.util.UUID.fromString(tender);
            bid.bidderOrgId = SUPPLIER;
            bid.bidderName = "Green Spaces Ltd";
            bid.submissionId = "sub-1";
            bid.bidPrice = new java.math.BigDecimal("500000.00");
            bid.commitments = java.util.List.of(
                    new org.anchornetwork.framework.tender.Bid.Commitment("FRD1", new java.math.BigDecimal("2"), null, null),
                    new org.anchornetwork.framework.tender.Bid.Commitment("FRD9", new java.math.BigDecimal("1000"), 12, "Park volunteering"),
                    new org.anchornetwork.framework.tender.Bid.Commitment("FRD20", new java.math.BigDecimal("10"), null, null));
            bid.submittedByOrgId = "GB-COH-10000001";
            bid.submittedAt = OffsetDateTime.now();
            bid.persist();
        });
        String bid = given().get("/api/v1/tenders/" + tender + "/bids").then().extract().path("[0].id");
        given().post("/api/v1/tenders/" + tender + "/evaluation").then().statusCode(200)
                .body("bids[0].socialValuePercent", equalTo(15.39f)).body("bids[0].score", equalTo(10.00f));
        contract = given().contentType(ContentType.JSON)
                .body("{\"bidId\":\"" + bid + "\",\"startsOn\":\"2026-01-01\",\"endsOn\":\"2027-12-31\"}")
                .post("/api/v1/tenders/" + tender + "/award").then().statusCode(201)
                .body("kpis.find { it.measureCode == 'FRD9' }.dueOn", equalTo("2027-01-01"))
                .body("kpis.find { it.measureCode == 'FRD20' }.committedValue", org.hamcrest.Matchers.nullValue())
                .extract().path("id");
    }

    @Test
    @Order(3)
    @TestSecurity(user = "green-spaces", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = SUPPLIER))
    void theSupplierReportsEachQuarterAndACorrectionReplacesItsQuarter() {
        String q4 = """
                {"period":"2025-26-Q4","lines":[{"measureCode":"FRD1","quantity":0.5,
                 "evidenceLinks":["https://green.example/q4-payroll.pdf"]}]}""";
        given().contentType(ContentType.JSON).body(q4).post(deliveries()).then().statusCode(201)
                .body("deliveredValue", equalTo(15000.00f));
        given().contentType(ContentType.JSON).body(q4).post(deliveries()).then().statusCode(200);
        assertEquals(1, reportedEvents());
        given().contentType(ContentType.JSON).body(q4.replace("0.5", "0.75")).post(deliveries()).then().statusCode(200)
                .body("deliveredValue", equalTo(22500.00f));
        assertEquals(2, reportedEvents());
        given().contentType(ContentType.JSON).body("""
                {"period":"2026-27-Q1","lines":[{"measureCode":"FRD9","quantity":400},{"measureCode":"FRD20","quantity":4}]}""")
                .post(deliveries()).then().statusCode(201).body("deliveredValue", equalTo(6772.00f));
        // Every kind of error at once: the request's constraints (note) and the report's rules.
        given().contentType(ContentType.JSON).body("""
                {"period":"2026-27","lines":[{"measureCode":"NOPE","quantity":-1,"evidenceLinks":["ftp://x"]},
                 {"measureCode":"FRD1","quantity":0.123456},{"measureCode":"FRD9","quantity":1e999999}],"note":"%s"}"""
                .formatted("x".repeat(2001)))
                .post(deliveries()).then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/note", "/period", "/lines/0/measureCode", "/lines/0/quantity",
                        "/lines/0/evidenceLinks/0", "/lines/1/quantity", "/lines/2/quantity"));
        given().contentType(ContentType.JSON).body("{\"period\":\"2024-25-Q1\",\"lines\":[]}").post(deliveries()).then()
                .statusCode(422).body("errors[0].code", equalTo("outside-contract"));
        given().contentType(ContentType.JSON).body("{\"period\":\"2027-28-Q1\",\"lines\":[]}").post(deliveries()).then()
                .statusCode(422).body("errors[0].code", equalTo("future-period"));
        given().get(deliveries()).then().statusCode(200).body("period", contains("2025-26-Q4", "2026-27-Q1"));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "other-supplier", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-81000002"))
    void anotherSupplierCannotSeeOrReportOnTheContract() {
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-27-Q2\",\"lines\":[]}").post(deliveries()).then().statusCode(404);
        given().get("/api/v1/contracts/" + contract + "/performance").then().statusCode(404);
        given().get("/api/v1/contracts/delivery-totals?by=contract").then().statusCode(200).body("", empty());
    }

    @Test
    @Order(5)
    void theOverdueCheckFlagsTheUnreportedQuarterOnce() {
        overdue.flagOverdue(LocalDate.of(2026, 12, 1));
        overdue.flagOverdue(LocalDate.of(2026, 12, 1));
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count(
                "eventType = ?1 and aggregateId = ?2", "framework.delivery-overdue.v1", contract)));
    }

    @Test
    @Order(6)
    @TestSecurity(user = "darlington-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theAnchorSeesCommittedAgainstDeliveredAndTheOverdueQuarter() {
        given().get("/api/v1/contracts/" + contract + "/performance").then().statusCode(200)
                .body("committedValue", equalTo(76930.00f)).body("deliveredValue", equalTo(29272.00f))
                .body("deliveredPercent", equalTo(38.05f)).body("reports", equalTo(2))
                .body("overdueQuarters", contains("2026-27-Q2"))
                .body("kpis.find { it.measureCode == 'FRD1' }.deliveredQuantity", equalTo(0.75f))
                .body("kpis.find { it.measureCode == 'FRD1' }.deliveredPercent", equalTo(37.50f))
                .body("kpis.find { it.measureCode == 'FRD20' }.deliveredValue", org.hamcrest.Matchers.nullValue())
                .body("kpis.find { it.measureCode == 'FRD20' }.deliveredQuantity", equalTo(4.0f));
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-27-Q2\",\"lines\":[{\"measureCode\":\"FRD9\",\"quantity\":100}]}")
                .post(deliveries()).then().statusCode(201);
        given().get("/api/v1/contracts/" + contract + "/performance").then().body("overdueQuarters", empty())
                .body("deliveredValue", equalTo(30965.00f));
        given().get("/api/v1/contracts/delivery-totals?by=contract").then().statusCode(200)
                .body("find { it.key == '" + contract + "' }.committedValue", equalTo(76930.00f))
                .body("find { it.key == '" + contract + "' }.deliveredValue", equalTo(30965.00f));
        given().get("/api/v1/contracts/delivery-totals?by=theme&scope=network").then().statusCode(200)
                .body("key", org.hamcrest.Matchers.hasItems("JOBS", "SOCIAL"));
        given().get("/api/v1/contracts/delivery-totals?by=supplier&scope=network").then().statusCode(400);
        given().get("/api/v1/contracts/delivery-totals?by=colour").then().statusCode(400);
    }

    @Test
    @Order(7)
    @TestSecurity(user = "green-spaces", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = SUPPLIER))
    void theSupplierSeesItsOwnTotals() {
        given().get("/api/v1/contracts/delivery-totals?by=supplier").then().statusCode(200)
                .body("", hasSize(1)).body("[0].key", equalTo(SUPPLIER)).body("[0].deliveredValue", equalTo(30965.00f));
    }

    @Test
    @Order(8)
    @TestSecurity(user = "darlington-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theAwardedTenderIsAnOcdsReleasePackageThatValidatesAgainstTheSchema() throws Exception {
        String json = given().get("/api/v1/tenders/" + tender + "/ocds").then().statusCode(200)
                .body("releases[0].tag", contains("award", "contract"))
                .body("releases[0].tender.socialValue.scoringMethod", equalTo("FIXED_BANDS"))
                .body("releases[0].tender.socialValue.measureCodes", contains("FRD1", "FRD9", "FRD20"))
                .body("releases[0].awards[0].suppliers[0].id", equalTo(SUPPLIER))
                .body("releases[0].contracts[0].milestones.code", contains("FRD1", "FRD20", "FRD9"))
                .body("releases[0].contracts[0].milestones.type", org.hamcrest.Matchers.everyItem(equalTo("delivery")))
                .body("releases[0].contracts[0].milestones.find { it.code == 'FRD1' }.status", equalTo("scheduled"))
                .body("releases[0].parties.find { it.id == '" + SUPPLIER + "' }.roles", containsInAnyOrder("tenderer", "supplier"))
                .body("releases[0].buyer.name", equalTo("Darlington Borough Council"))
                .body("releases[0].parties.find { it.id == 'GB-LAE-DAL' }.name", equalTo("Darlington Borough Council"))
                .body("releases[0].ocid", org.hamcrest.Matchers.matchesRegex("ocds-[a-z0-9]{6}-" + tender))
                .body("extensions", contains("http://localhost:8080/api/v1/ocds-extensions/social-value/extension.json"))
                .body("releases[0].contracts[0].socialValue.deliveredValue.amount", equalTo(30965.00f))
                .body("releases[0].awards[0].socialValue.committedValue.currency", equalTo("GBP"))
                .extract().asString();
        assertEquals(List.of(), OcdsValidation.errors(json), json);
        // The check reads the extension: a socialValue object of another shape does not validate.
        List<String> broken = OcdsValidation.errors(json.replace("\"scoringMethod\":\"FIXED_BANDS\"", "\"scoringMethod\":\"BEST\"")
                .replace("\"weighting\":10.00", "\"weighting\":\"10\""));
        assertTrue(broken.stream().anyMatch(error -> error.contains("socialValue/scoringMethod")), broken::toString);
        assertTrue(broken.stream().anyMatch(error -> error.contains("socialValue/weighting")), broken::toString);
    }

    @Test
    @Order(9)
    void theExtensionIsPublishedWhereThePackagesSayWithNoToken() {
        given().get("/api/v1/ocds-extensions/social-value/extension.json").then().statusCode(200)
                .body("name.en", equalTo("Social value")).body("compatibility", contains("1.1"))
                .body("schemas", contains("release-schema.json"))
                .body("documentationUrl.en", equalTo("http://localhost:8080/api/v1/ocds-extensions/social-value/README.md"));
        String served = given().get("/api/v1/ocds-extensions/social-value/release-schema.json").then().statusCode(200)
                .extract().asString();
        assertEquals(OcdsValidation.resource("ocds/social-value/release-schema.json").replaceAll("\\s", ""),
                served.replaceAll("\\s", ""), "the tests validate with the patch the service publishes");
        given().get("/api/v1/ocds-extensions/social-value/README.md").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("socialValue"));
    }

    private static String deliveries() {
        return "/api/v1/contracts/" + contract + "/deliveries";
    }

    private static long reportedEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("eventType = ?1 and aggregateId = ?2",
                "framework.delivery-reported.v1", contract));
    }
}
