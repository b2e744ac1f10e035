package org.anchornetwork.framework.tender;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;

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
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/**
 * A tender from creation to award: the portal creates it and submits three bids, a bidder revises its own, the anchor
 * closes, evaluates (RELATIVE_VALUE, 20%) and awards; the winning commitments become KPIs.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenderToAwardTest {

    private static final String DOCUMENT = """
            {"effectiveFrom":"2026-04-01",
             "themes":[{"code":"JOBS","title":"Jobs"},{"code":"SOCIAL","title":"Social"}],
             "outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"Local employment"},
                         {"code":"SOCIAL-1","theme":"SOCIAL","title":"Volunteering"}],
             "measures":[{"code":"FRD1","outcome":"JOBS-1","title":"Local people employed (FTE)","unit":"fte-years",
                          "proxyValue":30000.00,"priceBaseYear":2025},
                         {"code":"FRD9","outcome":"SOCIAL-1","title":"Volunteering hours","unit":"hours",
                          "proxyValue":16.93,"priceBaseYear":2025},
                         {"code":"FRD20","outcome":"SOCIAL-1","title":"Staff trained in safeguarding","unit":"people"}]}""";

    private static final String FRAMEWORK = "tender-test-sv";
    private static String tender;
    private static String bidOfA;

    @Test
    @Order(1)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aPublishedFramework() {
        PublishedFrameworks.publish(FRAMEWORK, DOCUMENT);
        given().contentType(ContentType.JSON).body(DOCUMENT).post("/api/v1/frameworks/" + FRAMEWORK + "/versions").then().statusCode(201);
    }

    @Test
    @Order(2)
    @TestSecurity(user = "tees-tender-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-10000001"), @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void thePortalCreatesATenderForTheCouncil() {
        tender = given().contentType(ContentType.JSON).body(tenderBody("T-1", "1", "[\"FRD1\",\"FRD9\"]", "RELATIVE_VALUE", "",
                OffsetDateTime.now().plusHours(1)))
                .post("/api/v1/tenders").then().statusCode(201)
                .body("anchorOrgId", equalTo("GB-LAE-DAL")).body("status", equalTo("OPEN"))
                .body("measureCodes", contains("FRD1", "FRD9"))
                .extract().path("id");
        given().contentType(ContentType.JSON).body(tenderBody("T-1", "1", "[\"FRD1\"]", "RELATIVE_VALUE", "",
                OffsetDateTime.now().plusHours(1))).post("/api/v1/tenders").then().statusCode(409);
        given().contentType(ContentType.JSON).body(tenderBody("T-2", "1", "[\"FRD1\",\"NOPE\"]", "FIXED_BANDS", "",
                OffsetDateTime.now().minusHours(1)))
                .post("/api/v1/tenders").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/measureCodes/1", "/bands", "/closingAt"));
        given().contentType(ContentType.JSON).body(tenderBody("T-3", "2", "[\"FRD1\"]", "RELATIVE_VALUE", "",
                OffsetDateTime.now().plusHours(1)))
                .post("/api/v1/tenders").then().statusCode(422).body("errors[0].code", equalTo("not-published"));
        given().contentType(ContentType.JSON).body(tenderBody("T-4", "1", "[\"FRD1\"]", "RELATIVE_VALUE", "",
                OffsetDateTime.now().plusHours(1)).replace("GB-LAE-DAL", "GB-NHS-RXP"))
                .post("/api/v1/tenders").then().statusCode(403);
    }

    @Test
    @Order(3)
    @TestSecurity(user = "tees-tender-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-10000001"), @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void thePortalSubmitsThreeBidsAndARetryStoresNothingTwice() {
        String a = bid("GB-COH-80000001", "A Ltd", "sub-a-1", "1000000.00",
                "{\"measureCode\":\"FRD1\",\"quantity\":2,\"timescaleMonths\":24},{\"measureCode\":\"FRD9\",\"quantity\":1000}");
        bidOfA = given().contentType(ContentType.JSON).body(a).post(bids()).then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(a).post(bids()).then().statusCode(200).body("id", equalTo(bidOfA));
        given().contentType(ContentType.JSON).body(a.replace("\"quantity\":2", "\"quantity\":3")).post(bids()).then()
                .statusCode(409).body("type", equalTo("https://anchor-network.org/problems/submission-differs"));
        given().contentType(ContentType.JSON).body(bid("GB-COH-80000002", "B Ltd", "sub-b-1", "500000.00",
                "{\"measureCode\":\"FRD1\",\"quantity\":1}")).post(bids()).then().statusCode(201);
        given().contentType(ContentType.JSON).body(bid("GB-COH-80000003", "C Ltd", "sub-c-1", "900000.00", ""))
                .post(bids()).then().statusCode(201);
        given().contentType(ContentType.JSON).body(bid("GB-COH-80000004", "D Ltd", "sub-d-1", "900000.00",
                "{\"measureCode\":\"FRD20\",\"quantity\":1},{\"measureCode\":\"FRD1\",\"quantity\":-1}"))
                .post(bids()).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/commitments/0/measureCode"))
                .body("errors[0].code", equalTo("not-in-tender"));
        given().contentType(ContentType.JSON).body(bid("GB-COH-80000004", "D Ltd", "sub-d-1", "900000.00",
                "{\"measureCode\":\"FRD1\",\"quantity\":-1}"))
                .post(bids()).then().statusCode(422).body("errors[0].pointer", equalTo("/commitments/0/quantity"));
        given().get(bids()).then().statusCode(200).body("bidderOrgId", contains("GB-COH-80000001", "GB-COH-80000002", "GB-COH-80000003"));
    }

    /** Issue 15: a bid with several kinds of error is refused once, listing every error of every kind. */
    @Test
    @Order(3)
    @TestSecurity(user = "tees-tender-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-10000001"), @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void aBidWithEveryKindOfErrorListsThemAllAtOnce() {
        given().contentType(ContentType.JSON).body("""
                {"bidderName":"","submissionId":"sub-e-1","bidPrice":1e-999999,
                 "commitments":[{"measureCode":"FRD20","quantity":1},{"measureCode":"FRD1","quantity":-1},
                                {"measureCode":"FRD1","quantity":2.123456},{"measureCode":"FRD9","quantity":1e999999,"timescaleMonths":0},
                                {"quantity":1}]}""")
                .post(bids()).then().statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/validation"))
                .body("errors.collect { it.pointer + ' ' + it.code }", containsInAnyOrder(
                        "/bidderName NotBlank", "/bidderOrgId required", "/bidPrice too-many-decimals",
                        "/commitments/0/measureCode not-in-tender", "/commitments/1/quantity negative-value",
                        "/commitments/2/measureCode duplicate-measure", "/commitments/2/quantity too-many-decimals",
                        "/commitments/3/quantity out-of-range", "/commitments/3/timescaleMonths out-of-range",
                        "/commitments/4/measureCode required"));
        given().get(bids()).then().statusCode(200).body("submissionId", org.hamcrest.Matchers.not(hasItem("sub-e-1")));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "b-ltd", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-80000002"))
    void aBidderSeesOnlyItsOwnBidAndRevisesIt() {
        given().get(bids()).then().statusCode(200).body("bidderOrgId", contains("GB-COH-80000002"));
        given().get(bids() + "/" + bidOfA).then().statusCode(404);
        given().contentType(ContentType.JSON).body(bid("GB-COH-80000001", "B Ltd", "sub-b-2", "500000.00",
                "{\"measureCode\":\"FRD1\",\"quantity\":1.5}")).post(bids()).then().statusCode(403);
        given().contentType(ContentType.JSON).body(bid(null, "B Ltd", "sub-b-2", "500000.00",
                "{\"measureCode\":\"FRD1\",\"quantity\":1.5}")).post(bids()).then().statusCode(201)
                .body("bidderOrgId", equalTo("GB-COH-80000002"));
        given().get(bids()).then().body("", hasSize(1)).body("[0].submissionId", equalTo("sub-b-2"));
        given().post("/api/v1/tenders/" + tender + "/evaluation").then().statusCode(403);
    }

    @Test
    @Order(5)
    @TestSecurity(user = "darlington-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theAnchorClosesEvaluatesAndSeesEveryLine() {
        given().post("/api/v1/tenders/" + tender + "/evaluation").then().statusCode(409)
                .body("type", equalTo("https://anchor-network.org/problems/tender-open"));
        given().post("/api/v1/tenders/" + tender + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));
        given().post("/api/v1/tenders/" + tender + "/evaluation").then().statusCode(200)
                .body("bids.bidderOrgId", contains("GB-COH-80000001", "GB-COH-80000002", "GB-COH-80000003"))
                .body("bids[0].socialValue", equalTo(76930.00f))
                .body("bids[0].score", equalTo(20.00f)).body("bids[0].rank", equalTo(1))
                .body("bids[0].lines.measureCode", contains("FRD1", "FRD9"))
                .body("bids[0].lines[1].value", equalTo(16930.00f))
                .body("bids[1].socialValue", equalTo(45000.00f))
                .body("bids[1].score", equalTo(11.70f)).body("bids[1].rank", equalTo(2))
                .body("bids[1].explanation[1]", equalTo("Relative to the best bid: 20 × £45000 / £76930 = 11.70 of 20"))
                .body("bids[2].score", equalTo(0.00f)).body("bids[2].rank", equalTo(3));
        given().get("/api/v1/tenders/" + tender).then().body("status", equalTo("EVALUATED"));
    }

    @Test
    @Order(6)
    @TestSecurity(user = "b-ltd", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-80000002"))
    void aBidderSeesOnlyItsOwnLineOfTheEvaluation() {
        given().get("/api/v1/tenders/" + tender + "/evaluation").then().statusCode(200)
                .body("bids", hasSize(1)).body("bids[0].bidderOrgId", equalTo("GB-COH-80000002")).body("bids[0].rank", equalTo(2));
    }

    @Test
    @Order(7)
    @TestSecurity(user = "cddft-nhs-trust", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-NHS-RXP"))
    void anotherAnchorIsToldTheTenderDoesNotExist() {
        given().get("/api/v1/tenders/" + tender).then().statusCode(404);
        given().get(bids()).then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"bidId\":\"" + bidOfA + "\",\"startsOn\":\"2027-03-01\",\"endsOn\":\"2029-02-28\"}")
                .post("/api/v1/tenders/" + tender + "/award").then().statusCode(404);
    }

    @Test
    @Order(8)
    @TestSecurity(user = "darlington-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theAwardTurnsTheWinningCommitmentsIntoKpis() {
        String award = "{\"bidId\":\"" + bidOfA + "\",\"startsOn\":\"2027-03-01\",\"endsOn\":\"2029-02-28\"}";
        String contract = given().contentType(ContentType.JSON).body(award).post("/api/v1/tenders/" + tender + "/award")
                .then().statusCode(201)
                .body("supplierOrgId", equalTo("GB-COH-80000001")).body("contractValue", equalTo(1000000.00f))
                .body("committedSocialValue", equalTo(76930.00f))
                .body("kpis.measureCode", contains("FRD1", "FRD9"))
                .body("kpis[0].committedValue", equalTo(60000.00f))
                .body("kpis[0].dueOn", equalTo(LocalDate.of(2029, 2, 28).toString()))
                .body("kpis[1].dueOn", equalTo("2029-02-28"))
                .body("kpis[0].theme", equalTo("JOBS"))
                .extract().path("id");
        given().contentType(ContentType.JSON).body(award).post("/api/v1/tenders/" + tender + "/award").then().statusCode(409);
        given().get("/api/v1/contracts").then().statusCode(200).body("items.id", hasItem(contract));
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count(
                "eventType = ?1 and aggregateId = ?2", "framework.contract-awarded.v1", contract)));
    }

    @Test
    @Order(9)
    @TestSecurity(user = "b-ltd", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-80000002"))
    void aLosingBidderSeesNoContract() {
        given().get("/api/v1/contracts").then().statusCode(200).body("items", hasSize(0));
    }

    private static String bids() {
        return "/api/v1/tenders/" + tender + "/bids";
    }

    private static String bid(String bidder, String name, String submission, String price, String commitments) {
        return "{" + (bidder == null ? "" : "\"bidderOrgId\":\"" + bidder + "\",") + "\"bidderName\":\"" + name
                + "\",\"submissionId\":\"" + submission + "\",\"bidPrice\":" + price + ",\"commitments\":[" + commitments + "]}";
    }

    private static String tenderBody(String reference, String version, String measures, String method, String extra,
            OffsetDateTime closing) {
        return """
                {"anchorOrgId":"GB-LAE-DAL","anchorName":"Darlington Borough Council","reference":"%s",
                 "title":"Town hall refurbishment","frameworkId":"%s","frameworkVersion":%s,"measureCodes":%s,"socialValueWeighting":20,"scoringMethod":"%s"%s,"closingAt":"%s"}"""
                .formatted(reference, FRAMEWORK, version, measures, method, extra, closing);
    }
}
