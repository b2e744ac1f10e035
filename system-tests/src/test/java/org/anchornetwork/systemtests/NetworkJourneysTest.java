package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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
 * Journeys through the gateway of the running network, with real tokens from the local Keycloak.
 * deploy/local/test.sh starts a fresh network (its own ports and databases) before these run.
 */
class NetworkJourneysTest {

    @BeforeAll
    static void pointAtTheGateway() {
        RestAssured.baseURI = LocalInfrastructure.gatewayUrl();
        LocalInfrastructure.requireReachable("The gateway", LocalInfrastructure.addressOfUrl(RestAssured.baseURI));
    }

    private static RequestSpecification as(DemoClient client) {
        return given().auth().oauth2(KeycloakTokens.accessToken(client));
    }

    @Test
    void callsWithoutATokenAreRejectedWithA401Problem() {
        given().get("/api/v1/payments")
                .then().statusCode(401)
                .contentType(containsString("application/problem+json"))
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void anyoneReadsTheCharterPledgesAndFrameworksWithoutAToken() {
        given().get("/api/v1/charters/fairer-richer-darlington/pledges")
                .then().statusCode(200).body("code", hasItem("keep-your-money-local"));
        given().get("/api/v1/frameworks").then().statusCode(200);
    }

    @Test
    void anOfficerImportsAFrameworkFromASpreadsheetPublishesItAndAPortalValuesABidAndTheCatalogueReachesKafka() {
        String id = "journey-sv-" + UUID.randomUUID().toString().substring(0, 8);
        as(DemoClient.NETWORK_ADMIN).contentType(ContentType.JSON).body("""
                {"id":"%s","name":"Journey Social Value Framework","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}""".formatted(id))
                .post("/api/v1/frameworks").then().statusCode(201);
        String csv = """
                theme,theme_title,outcome,outcome_title,code,title,unit,proxy_value,price_base_year
                JOBS,Jobs,JOBS-1,Local employment,J1,Darlington residents employed (FTE),fte-years,30000.00,2025
                SOCIAL,Social,SOCIAL-1,Give locally,S1,Volunteering hours,hours,16.93,2025
                SOCIAL,Social,SOCIAL-2,Eyes and ears open,S2,Staff trained in modern slavery awareness,people,,
                """;
        as(DemoClient.NETWORK_ADMIN).contentType("text/csv; charset=UTF-8").body(csv)
                .post("/api/v1/frameworks/" + id + "/versions").then().statusCode(201).body("number", equalTo(1));
        given().get("/api/v1/frameworks/" + id + "/versions/1").then().statusCode(404);
        as(DemoClient.NETWORK_ADMIN).post("/api/v1/frameworks/" + id + "/versions/1/publish").then().statusCode(200);

        as(DemoClient.PORTAL).contentType(ContentType.JSON)
                .body("""
                        {"contractValue":500000,"commitments":[{"measureCode":"J1","quantity":2},
                         {"measureCode":"S1","quantity":100},{"measureCode":"S2","quantity":40}]}""")
                .post("/api/v1/frameworks/" + id + "/versions/1/valuations")
                .then().statusCode(200)
                .body("totalSocialValue", equalTo(61693.00f))
                .body("socialValuePercent", equalTo(12.34f))
                .body("unvaluedLines", equalTo(1));

        // Any service can take the whole catalogue from the event, without calling framework-service.
        var records = org.anchornetwork.testsupport.KafkaTopics.await("framework.events",
                record -> (id + "/1").equals(record.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, records.size());
        String catalogue = new String(records.get(0).value(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("framework.version-published.v1",
                org.anchornetwork.testsupport.KafkaTopics.header(records.get(0), "ce_type"));
        org.junit.jupiter.api.Assertions.assertTrue(catalogue.contains("\"code\":\"J1\"")
                && catalogue.contains("\"proxyValue\":30000.00") && catalogue.contains("\"theme\":\"SOCIAL\""), catalogue);
    }

    @Test
    void aNetworkAdminCreatesAFrameworkAndTheCouncilCannot() {
        String id = "journey-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"id":"%s","name":"Journey Framework","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}""".formatted(id);
        as(DemoClient.DARLINGTON_COUNCIL).contentType(ContentType.JSON).body(body).post("/api/v1/frameworks")
                .then().statusCode(403).contentType(containsString("application/problem+json"));
        as(DemoClient.NETWORK_ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/frameworks")
                .then().statusCode(201);
        given().get("/api/v1/frameworks/" + id).then().statusCode(200).body("name", equalTo("Journey Framework"));
    }

    @Test
    void anAnchorsPaymentsAreInvisibleToAnotherAnchor() {
        String ref = "SYS-" + UUID.randomUUID();
        String paymentId = as(DemoClient.DARLINGTON_COUNCIL).contentType(ContentType.JSON).body("""
                {"payments":[{"paymentDate":"2026-10-14","amount":4321.09,"supplierName":"DL Building Supplies Ltd",
                  "supplierOrgId":"GB-COH-10000002","transactionRef":"%s"}]}""".formatted(ref))
                .post("/api/v1/payments")
                .then().statusCode(201).body("payments[0].anchorOrgId", equalTo("GB-LAE-DAL"))
                .extract().path("payments[0].id");

        as(DemoClient.DARLINGTON_COUNCIL).get("/api/v1/payments/" + paymentId)
                .then().statusCode(200).body("amount", equalTo(4321.09f));
        as(DemoClient.NHS_TRUST).get("/api/v1/payments/" + paymentId)
                .then().statusCode(404).contentType(containsString("application/problem+json"));
        as(DemoClient.NHS_TRUST).queryParam("limit", 500).get("/api/v1/payments")
                .then().statusCode(200).body("items.transactionRef", not(hasItem(ref)));
        as(DemoClient.SIGNATORY_BUSINESS).get("/api/v1/payments/" + paymentId).then().statusCode(403);
    }

    @Test
    void aSignatoryJoiningShowsUpInSpendServiceWithinTenSeconds() {
        as(DemoClient.COLLEGE).get("/api/v1/suppliers/GB-COH-10000003").then().statusCode(404);

        as(DemoClient.SIGNATORY_BUSINESS).contentType(ContentType.JSON).body("""
                {"organisationName":"Quaker Coffee Co","signatoryType":"BUSINESS",
                 "pledgeCodes":["keep-your-money-local","give-locally"]}""")
                .post("/api/v1/charters/fairer-richer-darlington/signatories")
                .then().statusCode(201).body("organisationId", equalTo("GB-COH-10000003"));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                as(DemoClient.COLLEGE).get("/api/v1/suppliers/GB-COH-10000003")
                        .then().statusCode(200)
                        .body("charterSignatory", equalTo(true))
                        .body("signatoryCharterId", equalTo("fairer-richer-darlington")));

        given().get("/api/v1/charters/fairer-richer-darlington/signatories/GB-COH-10000003")
                .then().statusCode(200).body("pledgeCodes", hasSize(2));
    }

    @Test
    void aCouncilsSpendFileMovesTheNetworksLocalShareThatAnOfficersBiToolReads() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String joinery = "Journey Skerne Joinery " + suffix;
        String roofing = "Journey Cockerton Roofing " + suffix;
        String companyNumber = String.format("%08d", Math.floorMod(suffix.hashCode(), 100_000_000));
        as(DemoClient.DARLINGTON_COUNCIL).contentType(ContentType.JSON).body("""
                {"suppliers":[{"name":"%s","companyNumber":"%s","postcode":"DL1 5QT","sizeClass":"SMALL"},
                 {"name":"%s","postcode":"DL3 6JL","sizeClass":"SMALL"}]}""".formatted(joinery, companyNumber, roofing))
                .post("/api/v1/suppliers/vendor-master").then().statusCode(200);
        String file = "Payment Date,Supplier Name,Net Amount,Expense Type,Transaction Number\n"
                + "2031-05-14," + joinery + ",500.00,Building repairs,J-1\n"
                + "2031-05-20," + roofing + ",250.00,Building repairs,J-3\n"
                + "2031-06-02,Journey Faraway Consulting,250.00,Consultancy fees,J-2\n";
        as(DemoClient.DARLINGTON_COUNCIL).contentType("text/csv; charset=UTF-8").body(file)
                .post("/api/v1/payments/uploads?fileName=journey.csv").then().statusCode(201);

        // Two Darlington suppliers make the council's local spend: an officer sees the share, as no one supplier's.
        String query = "/api/v1/spend/aggregate?drilldown=anchor,quarter&cut=financialYear:2031-32";
        as(DemoClient.NETWORK_ADMIN).get(query).then().statusCode(200)
                .body("definitions.source", equalTo("spend_cube_month"))
                .body("cells.find { it.anchor == 'GB-LAE-DAL' && it.quarter == '2031-32-Q1' }.totalSpend", equalTo(1000.0f))
                .body("cells.find { it.anchor == 'GB-LAE-DAL' && it.quarter == '2031-32-Q1' }.localShare.darlington", equalTo(75.0f))
                .body("cells.find { it.anchor == 'GB-LAE-DAL' && it.quarter == '2031-32-Q1' }.smeShare", equalTo(75.0f));
        as(DemoClient.COLLEGE).get(query).then().statusCode(200);
        as(DemoClient.COLLEGE).get("/api/v1/spend/aggregate?drilldown=category&cut=financialYear:2031-32&format=csv")
                .then().statusCode(200).contentType(containsString("text/csv")).body(containsString("construction"));
        as(DemoClient.SUPPLIER).get(query).then().statusCode(403).contentType(containsString("application/problem+json"));
        given().get(query).then().statusCode(401);

        // Another member narrowing to one supplier the council alone pays learns nothing of it, however it drills down.
        String supplierId = as(DemoClient.COLLEGE).get("/api/v1/suppliers/GB-COH-" + companyNumber).then().statusCode(200)
                .extract().path("id");
        for (String drilldown : new String[] { "", "&drilldown=anchor", "&drilldown=month", "&drilldown=quarter,category" }) {
            as(DemoClient.COLLEGE).get("/api/v1/spend/aggregate?cut=financialYear:2031-32&cut=supplier:" + supplierId + drilldown)
                    .then().statusCode(200).body("summary.suppressed", equalTo(true))
                    .body("cells.findAll { it.totalSpend != null }", hasSize(0));
        }
        // By supplier, neither is named; by category, construction is two suppliers' and shown.
        as(DemoClient.COLLEGE).get("/api/v1/spend/aggregate?drilldown=supplier&cut=financialYear:2031-32").then().statusCode(200)
                .body(not(containsString(joinery))).body(not(containsString(roofing)));
        as(DemoClient.COLLEGE).get("/api/v1/spend/aggregate?drilldown=category&cut=financialYear:2031-32&cut=category:construction")
                .then().statusCode(200).body("cells[0].totalSpend", equalTo(750.0f));
    }

    @Test
    void malformedJsonIsA400ProblemWithoutInternals() {
        as(DemoClient.DARLINGTON_COUNCIL).contentType(ContentType.JSON).body("{\"payments\": [ {\"amount\": ")
                .post("/api/v1/payments")
                .then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(400))
                .body("detail", not(containsString("at com.")))
                .body("requestId", notNullValue());
    }

    @Test
    void theRequestIdGivenByTheCallerComesBackFromTheService() {
        String requestId = "journey-" + UUID.randomUUID();
        String echoed = as(DemoClient.DARLINGTON_COUNCIL).header("X-Request-Id", requestId)
                .get("/api/v1/payments/" + UUID.randomUUID())
                .then().statusCode(404).extract().path("requestId");
        assertEquals(requestId, echoed);
    }
}
