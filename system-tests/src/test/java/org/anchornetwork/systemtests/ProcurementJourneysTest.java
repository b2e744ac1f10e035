package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.anchornetwork.testsupport.LocalInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Social value in procurement through the gateway with real tokens: the council's portal creates a tender and sends
 * three bids, a bidder sees only its own, the council evaluates and awards, and the winner sees its contract's KPIs.
 */
class ProcurementJourneysTest {

    @BeforeAll
    static void pointAtTheGateway() {
        RestAssured.baseURI = LocalInfrastructure.gatewayUrl();
    }

    private static RequestSpecification as(DemoClient client) {
        return given().auth().oauth2(KeycloakTokens.accessToken(client));
    }

    @Test
    void aPortalsTenderIsBidEvaluatedAndAwardedAndTheWinnerSeesItsKpis() {
        String framework = "journey-sv-" + UUID.randomUUID().toString().substring(0, 8);
        as(DemoClient.NETWORK_ADMIN).contentType(ContentType.JSON).body("""
                {"id":"%s","name":"Journey Framework","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}""".formatted(framework))
                .post("/api/v1/frameworks").then().statusCode(201);
        as(DemoClient.NETWORK_ADMIN).contentType(ContentType.JSON).body("""
                {"themes":[{"code":"JOBS","title":"Jobs"}],"outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"Local jobs"}],
                 "measures":[{"code":"J1","outcome":"JOBS-1","title":"Local FTE","unit":"fte-years","proxyValue":30000.00,"priceBaseYear":2025},
                             {"code":"J2","outcome":"JOBS-1","title":"Apprenticeship weeks","unit":"weeks","proxyValue":250.00,"priceBaseYear":2025}]}""")
                .post("/api/v1/frameworks/" + framework + "/versions").then().statusCode(201);
        as(DemoClient.NETWORK_ADMIN).post("/api/v1/frameworks/" + framework + "/versions/1/publish").then().statusCode(200);

        String tender = as(DemoClient.PORTAL).contentType(ContentType.JSON).body("""
                {"anchorOrgId":"GB-LAE-DAL","anchorName":"Darlington Borough Council","reference":"JOURNEY-%s",
                 "title":"Depot refurbishment","frameworkId":"%s","frameworkVersion":1,"measureCodes":["J1","J2"],"socialValueWeighting":10,"scoringMethod":"RELATIVE_PERCENT",
                 "closingAt":"%s"}""".formatted(UUID.randomUUID(), framework, OffsetDateTime.now().plusDays(7)))
                .post("/api/v1/tenders").then().statusCode(201).extract().path("id");
        String bids = "/api/v1/tenders/" + tender + "/bids";
        // DL Building Supplies: £60,000 + £5,000 on £1,300,000 = 5.00%; two others.
        String winner = as(DemoClient.PORTAL).contentType(ContentType.JSON).body(bid("GB-COH-10000002", "DL Building Supplies Ltd",
                "1300000.00", "{\"measureCode\":\"J1\",\"quantity\":2,\"timescaleMonths\":12},{\"measureCode\":\"J2\",\"quantity\":20}"))
                .post(bids).then().statusCode(201).extract().path("id");
        as(DemoClient.PORTAL).contentType(ContentType.JSON).body(bid("GB-COH-90000001", "Faraway Construction plc", "1000000.00",
                "{\"measureCode\":\"J1\",\"quantity\":1}")).post(bids).then().statusCode(201);
        as(DemoClient.PORTAL).contentType(ContentType.JSON).body(bid("GB-COH-90000002", "No Commitments Ltd", "900000.00", ""))
                .post(bids).then().statusCode(201);

        as(DemoClient.SUPPLIER).get(bids).then().statusCode(200).body("bidderOrgId", contains("GB-COH-10000002"));
        as(DemoClient.NHS_TRUST).get(bids).then().statusCode(404);

        as(DemoClient.DARLINGTON_COUNCIL).post("/api/v1/tenders/" + tender + "/close").then().statusCode(200);
        as(DemoClient.DARLINGTON_COUNCIL).post("/api/v1/tenders/" + tender + "/evaluation").then().statusCode(200)
                .body("bids.find { it.bidderOrgId == 'GB-COH-10000002' }.socialValuePercent", equalTo(5.00f))
                .body("bids.find { it.bidderOrgId == 'GB-COH-10000002' }.score", equalTo(10.00f))
                .body("bids.find { it.bidderOrgId == 'GB-COH-10000002' }.rank", equalTo(1))
                .body("bids.find { it.bidderOrgId == 'GB-COH-90000001' }.score", equalTo(6.00f))
                .body("bids.find { it.bidderOrgId == 'GB-COH-90000002' }.score", equalTo(0.00f));
        as(DemoClient.SUPPLIER).get("/api/v1/tenders/" + tender + "/evaluation").then().statusCode(200).body("bids", hasSize(1));

        String contract = as(DemoClient.DARLINGTON_COUNCIL).contentType(ContentType.JSON)
                .body("{\"bidId\":\"" + winner + "\",\"startsOn\":\"2026-04-01\",\"endsOn\":\"2028-03-31\"}")
                .post("/api/v1/tenders/" + tender + "/award").then().statusCode(201)
                .body("committedSocialValue", equalTo(65000.00f))
                .body("kpis.find { it.measureCode == 'J1' }.dueOn", equalTo("2027-04-01"))
                .extract().path("id");
        // The network's delivered social value by theme, before and after the supplier's first quarter.
        float before = networkDeliveredJobs();
        as(DemoClient.SUPPLIER).contentType(ContentType.JSON).body("""
                {"period":"2026-27-Q1","lines":[{"measureCode":"J1","quantity":0.5,"evidenceLinks":["https://dlbs.example/q1.pdf"]},
                 {"measureCode":"J2","quantity":4}]}""")
                .post("/api/v1/contracts/" + contract + "/deliveries").then().statusCode(201).body("deliveredValue", equalTo(16000.00f));
        as(DemoClient.DARLINGTON_COUNCIL).get("/api/v1/contracts/" + contract + "/performance").then().statusCode(200)
                .body("deliveredValue", equalTo(16000.00f)).body("deliveredPercent", equalTo(24.62f));
        org.junit.jupiter.api.Assertions.assertEquals(before + 16000.00f, networkDeliveredJobs(), 0.001f);
        as(DemoClient.NHS_TRUST).contentType(ContentType.JSON).body("{\"period\":\"2026-27-Q1\",\"lines\":[]}")
                .post("/api/v1/contracts/" + contract + "/deliveries").then().statusCode(404);
        as(DemoClient.SUPPLIER).get("/api/v1/contracts").then().statusCode(200).body("items.id", hasItem(contract));
        as(DemoClient.SUPPLIER).get("/api/v1/contracts/" + contract).then().statusCode(200).body("kpis", hasSize(2));
        as(DemoClient.NHS_TRUST).get("/api/v1/contracts/" + contract).then().statusCode(404);
        given().get("/api/v1/tenders/" + tender).then().statusCode(401);
    }

    private static float networkDeliveredJobs() {
        Float jobs = as(DemoClient.COLLEGE).get("/api/v1/contracts/delivery-totals?by=theme&scope=network").then().statusCode(200)
                .extract().path("find { it.key == 'JOBS' }.deliveredValue");
        return jobs == null ? 0f : jobs;
    }

    private static String bid(String bidder, String name, String price, String commitments) {
        return "{\"bidderOrgId\":\"" + bidder + "\",\"bidderName\":\"" + name + "\",\"submissionId\":\"journey-"
                + UUID.randomUUID() + "\",\"bidPrice\":" + price + ",\"commitments\":[" + commitments + "]}";
    }
}
