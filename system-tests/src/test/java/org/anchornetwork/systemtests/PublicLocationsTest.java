package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.anchornetwork.testsupport.LocalInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every 201 answer names what it created by the network's public address: its {@code Location} starts with the
 * gateway's URL (never a service's own address), and reading it back through the gateway works. Each operation that
 * documents a 201 is called once through the gateway; an operation that answers 201 without a Location is listed as
 * such, and a new 201 operation without an entry here fails {@link #everyOperationThatAnswers201IsCovered()}. Called
 * directly, with a Host and forwarded headers of the caller's choosing, a service still names the gateway.
 */
class PublicLocationsTest {

    private static final String MEASURE = "M1";

    /** "METHOD /path/template" of every operation documenting a 201, and whether its 201 carries a Location. */
    private static final Map<String, Boolean> CREATES = new LinkedHashMap<>();

    static {
        CREATES.put("POST /api/v1/frameworks", true);
        CREATES.put("POST /api/v1/frameworks/{id}/versions", true);
        CREATES.put("POST /api/v1/frameworks/{id}/versions/{number}/drafts", true);
        CREATES.put("POST /api/v1/tenders", true);
        CREATES.put("POST /api/v1/tenders/{id}/bids", true);
        CREATES.put("POST /api/v1/tenders/{id}/bids/upload", true);
        CREATES.put("POST /api/v1/tenders/{id}/award", true);
        CREATES.put("POST /api/v1/contracts/{id}/deliveries", true);
        CREATES.put("POST /api/v1/ocds/release-packages", true);
        CREATES.put("POST /api/v1/payments/uploads", true);
        CREATES.put("POST /api/v1/payments", true);
        CREATES.put("PUT /api/v1/payments/column-mappings/{name}", true);
        CREATES.put("PUT /api/v1/spend/lm3/surveys/{supplier}/{financialYear}", true);
        CREATES.put("POST /api/v1/geography/tiers/{name}/versions", true);
        CREATES.put("POST /api/v1/charters", true);
        CREATES.put("POST /api/v1/charters/{charterId}/versions", true);
        CREATES.put("POST /api/v1/charters/{charterId}/signatories", true);
        CREATES.put("PUT /api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}", true);
        CREATES.put("POST /api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}/progress", true);
    }

    private final Set<String> called = new TreeSet<>();

    @BeforeAll
    static void pointAtTheGateway() {
        RestAssured.baseURI = LocalInfrastructure.gatewayUrl();
    }

    private static RequestSpecification as(DemoClient client) {
        return given().auth().oauth2(KeycloakTokens.accessToken(client));
    }

    @Test
    void everyOperationThatAnswers201IsCovered() {
        Set<String> published = PublishedOperations.answering("201");
        Set<String> missing = new TreeSet<>(published);
        missing.removeAll(CREATES.keySet());
        Set<String> stale = new TreeSet<>(CREATES.keySet());
        stale.removeAll(published);
        if (!missing.isEmpty() || !stale.isEmpty()) {
            fail("Operations answering 201 without an entry here: " + missing + "; entries for operations that no longer "
                    + "answer 201: " + stale);
        }
    }

    @Test
    void everyLocationAnsweredThroughTheGatewayIsTheGatewaysPublicUrl() {
        // framework-service: a framework, its versions (JSON, CSV, a draft from a published one), a tender, bids, award,
        // a delivery report.
        String framework = "locations-" + UUID.randomUUID().toString().substring(0, 8);
        created("POST /api/v1/frameworks", DemoClient.NETWORK_ADMIN, as(DemoClient.NETWORK_ADMIN).contentType("application/json")
                .body("{\"id\":\"" + framework + "\",\"name\":\"Locations Framework\",\"ownerOrgId\":\"GB-LAE-DAL\",\"family\":\"LOCAL\"}")
                .post("/api/v1/frameworks"));
        String versions = "/api/v1/frameworks/" + framework + "/versions";
        created("POST /api/v1/frameworks/{id}/versions", DemoClient.NETWORK_ADMIN, as(DemoClient.NETWORK_ADMIN)
                .contentType("application/json").body("""
                        {"themes":[{"code":"JOBS","title":"Jobs"}],"outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"Local jobs"}],
                         "measures":[{"code":"%s","outcome":"JOBS-1","title":"Local FTE","unit":"fte-years","proxyValue":100.00,
                         "priceBaseYear":2025}]}""".formatted(MEASURE))
                .post(versions));
        as(DemoClient.NETWORK_ADMIN).post(versions + "/1/publish").then().statusCode(200);
        String measures = given().get(versions + "/1/measures?format=csv").then().statusCode(200).extract().asString();
        created("POST /api/v1/frameworks/{id}/versions", DemoClient.NETWORK_ADMIN, as(DemoClient.NETWORK_ADMIN)
                .contentType("text/csv; charset=UTF-8").body(measures).post(versions + "?effectiveFrom=2027-04-01"));
        created("POST /api/v1/frameworks/{id}/versions/{number}/drafts", DemoClient.NETWORK_ADMIN,
                as(DemoClient.NETWORK_ADMIN).post(versions + "/1/drafts"));

        Response tender = as(DemoClient.PORTAL).contentType("application/json").body("""
                {"anchorOrgId":"GB-LAE-DAL","reference":"LOCATIONS-%s","title":"Locations tender","frameworkId":"%s",
                 "frameworkVersion":1,"measureCodes":["%s"],"socialValueWeighting":15,"scoringMethod":"RELATIVE_VALUE",
                 "closingAt":"%s"}""".formatted(UUID.randomUUID(), framework, MEASURE, OffsetDateTime.now().plusHours(2)))
                .post("/api/v1/tenders");
        created("POST /api/v1/tenders", DemoClient.PORTAL, tender);
        String bids = "/api/v1/tenders/" + tender.path("id") + "/bids";
        Response bid = as(DemoClient.PORTAL).contentType("application/json").body("""
                {"bidderOrgId":"GB-COH-10000002","bidderName":"DL Building Supplies Ltd","submissionId":"locations-%s",
                 "bidPrice":10000.00,"commitments":[{"measureCode":"%s","quantity":3}]}""".formatted(UUID.randomUUID(), MEASURE))
                .post(bids);
        created("POST /api/v1/tenders/{id}/bids", DemoClient.PORTAL, bid);
        created("POST /api/v1/tenders/{id}/bids/upload", DemoClient.PORTAL, as(DemoClient.PORTAL).contentType("text/csv")
                .body("Measure Code,Quantity\n" + MEASURE + ",2\n")
                .post(bids + "/upload?bidderOrgId=GB-COH-90000021&bidderName=Upload%20Ltd&bidPrice=20000&submissionId=locations-"
                        + UUID.randomUUID()));
        as(DemoClient.PORTAL).post("/api/v1/tenders/" + tender.path("id") + "/close").then().statusCode(200);
        as(DemoClient.PORTAL).post("/api/v1/tenders/" + tender.path("id") + "/evaluation").then().statusCode(200);
        Response contract = as(DemoClient.PORTAL).contentType("application/json")
                .body("{\"bidId\":\"" + bid.path("id") + "\",\"startsOn\":\"2026-01-01\",\"endsOn\":\"2028-12-31\"}")
                .post("/api/v1/tenders/" + tender.path("id") + "/award");
        created("POST /api/v1/tenders/{id}/award", DemoClient.PORTAL, contract);
        created("POST /api/v1/contracts/{id}/deliveries", DemoClient.SUPPLIER, as(DemoClient.SUPPLIER).contentType("application/json")
                .body("{\"period\":\"2026-27-Q1\",\"lines\":[{\"measureCode\":\"" + MEASURE + "\",\"quantity\":1}]}")
                .post("/api/v1/contracts/" + contract.path("id") + "/deliveries"));

        // spend-service: a release package and a spend file (each a batch), payments, a column mapping, an LM3 survey
        // of a new supplier, a tier version.
        created("POST /api/v1/ocds/release-packages", DemoClient.DARLINGTON_COUNCIL, as(DemoClient.DARLINGTON_COUNCIL)
                .contentType("application/json").body(SampleDocuments.releasePackage("locations")).post("/api/v1/ocds/release-packages"));
        created("POST /api/v1/payments/uploads", DemoClient.DARLINGTON_COUNCIL, as(DemoClient.DARLINGTON_COUNCIL)
                .contentType("text/csv; charset=UTF-8").body(SampleDocuments.spendFile("LOCATIONS")).post("/api/v1/payments/uploads"));
        created("POST /api/v1/payments", DemoClient.DARLINGTON_COUNCIL, as(DemoClient.DARLINGTON_COUNCIL)
                .contentType("application/json").body("""
                        {"payments":[{"paymentDate":"2026-10-14","amount":321.00,"supplierName":"DL Building Supplies Ltd",
                          "supplierOrgId":"GB-COH-10000002","transactionRef":"LOCATIONS-%s"}]}""".formatted(UUID.randomUUID()))
                .post("/api/v1/payments"));
        created("PUT /api/v1/payments/column-mappings/{name}", DemoClient.DARLINGTON_COUNCIL, as(DemoClient.DARLINGTON_COUNCIL)
                .contentType("application/json").body("{\"columns\":{\"supplierName\":\"Beneficiary\",\"amount\":\"Value\"}}")
                .put("/api/v1/payments/column-mappings/locations-" + UUID.randomUUID().toString().substring(0, 8)));
        String supplier = "GB-COH-L" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
        as(DemoClient.DARLINGTON_COUNCIL).contentType("application/json")
                .body("{\"suppliers\":[{\"name\":\"Locations Supplier " + supplier + "\",\"organisationId\":\"" + supplier + "\"}]}")
                .post("/api/v1/suppliers/vendor-master").then().statusCode(200);
        created("PUT /api/v1/spend/lm3/surveys/{supplier}/{financialYear}", DemoClient.DARLINGTON_COUNCIL,
                as(DemoClient.DARLINGTON_COUNCIL).contentType("application/json")
                        .body("{\"staffLocalShare\":40,\"supplierLocalShare\":20}")
                        .put("/api/v1/spend/lm3/surveys/" + supplier + "/2026-27"));
        // The tier and its version as TenantIsolationMatrixTest adds them: nothing new for the network's analyses.
        created("POST /api/v1/geography/tiers/{name}/versions", DemoClient.NETWORK_ADMIN, as(DemoClient.NETWORK_ADMIN)
                .contentType("application/json")
                .body("{\"label\":\"Matrix tier\",\"areaCodes\":[\"E06000005\"],\"effectiveFrom\":\"2030-04-01\"}")
                .post("/api/v1/geography/tiers/matrix-tier/versions"));

        // pledge-service: a charter and a version of it, the council signing it, a commitment and a progress report.
        String charter = "locations-" + UUID.randomUUID().toString().substring(0, 8);
        created("POST /api/v1/charters", DemoClient.NETWORK_ADMIN, as(DemoClient.NETWORK_ADMIN).contentType("application/json")
                .body(newCharter(charter)).post("/api/v1/charters"));
        created("POST /api/v1/charters/{charterId}/versions", DemoClient.NETWORK_ADMIN, as(DemoClient.NETWORK_ADMIN)
                .contentType("application/json").body("""
                        {"summary":"Locations version","publishedOn":"2026-11-01","addedPledges":[{"code":"added-pledge",
                         "title":"Added","description":"A pledge added by a version."}]}""")
                .post("/api/v1/charters/" + charter + "/versions"));
        created("POST /api/v1/charters/{charterId}/signatories", DemoClient.DARLINGTON_COUNCIL, as(DemoClient.DARLINGTON_COUNCIL)
                .contentType("application/json").body("""
                        {"organisationName":"Darlington Borough Council","signatoryType":"PUBLIC_SECTOR_PARTNER",
                         "pledgeCodes":["locations-pledge"]}""")
                .post("/api/v1/charters/" + charter + "/signatories"));
        // Signing took the pledge it names; the version's added pledge is taken by the commitment.
        String commitment = "/api/v1/charters/" + charter + "/signatories/GB-LAE-DAL/commitments/added-pledge";
        created("PUT /api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}",
                DemoClient.DARLINGTON_COUNCIL, as(DemoClient.DARLINGTON_COUNCIL).contentType("application/json").body("""
                        {"targets":[{"metricCode":"local-spend-share","tier":"darlington","target":30,"deadline":"2030-03-31"}],
                         "plannedActions":["Buy locally"]}""")
                        .put(commitment));
        created("POST /api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}/progress",
                DemoClient.DARLINGTON_COUNCIL, as(DemoClient.DARLINGTON_COUNCIL).contentType("application/json")
                        .body("{\"period\":\"2026-27\",\"note\":\"Locations narrative\",\"evidenceLinks\":[\"https://example.org/locations\"]}")
                        .post(commitment + "/progress"));

        assertEquals(CREATES.keySet(), called, "every operation answering 201 was called");
    }

    @Test
    void aServiceCalledDirectlyNamesTheGatewayWhateverHostOrForwardedHeadersTheCallerSends() {
        String framework = "locations-direct-" + UUID.randomUUID().toString().substring(0, 8);
        Response frameworkCreated = spoofing(as(DemoClient.NETWORK_ADMIN).baseUri(LocalInfrastructure.frameworkServiceUrl()))
                .contentType("application/json")
                .body("{\"id\":\"" + framework + "\",\"name\":\"Direct\",\"ownerOrgId\":\"GB-LAE-DAL\",\"family\":\"LOCAL\"}")
                .post("/api/v1/frameworks");
        Response batchCreated = spoofing(as(DemoClient.DARLINGTON_COUNCIL).baseUri(LocalInfrastructure.spendServiceUrl()))
                .contentType("text/csv; charset=UTF-8").body(SampleDocuments.spendFile("LOCATIONS")).post("/api/v1/payments/uploads");
        String charter = "locations-direct-" + UUID.randomUUID().toString().substring(0, 8);
        Response charterCreated = spoofing(as(DemoClient.NETWORK_ADMIN).baseUri(LocalInfrastructure.pledgeServiceUrl()))
                .contentType("application/json").body(newCharter(charter)).post("/api/v1/charters");
        String gateway = LocalInfrastructure.gatewayUrl();
        assertAll(
                () -> assertEquals(201, frameworkCreated.statusCode(), frameworkCreated::asString),
                () -> assertEquals(gateway + "/api/v1/frameworks/" + framework, frameworkCreated.header("Location")),
                () -> assertEquals(201, batchCreated.statusCode(), batchCreated::asString),
                () -> assertEquals(gateway + "/api/v1/payments/batches/" + batchCreated.path("id"), batchCreated.header("Location")),
                () -> assertEquals(201, charterCreated.statusCode(), charterCreated::asString),
                () -> assertEquals(gateway + "/api/v1/charters/" + charter, charterCreated.header("Location")));
    }

    /** A caller's attempt to choose the origin a Location names. */
    private static RequestSpecification spoofing(RequestSpecification request) {
        return request.header("Host", "evil.example:666")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443")
                .header("X-Forwarded-Prefix", "/evil")
                .header("Forwarded", "host=evil.example;proto=https");
    }

    /**
     * {@code response} to {@code operation} is a 201; if the operation names what it created, the Location is the
     * gateway's URL followed by an API path, and the caller can read it there.
     */
    private void created(String operation, DemoClient caller, Response response) {
        called.add(operation);
        assertEquals(201, response.statusCode(), () -> operation + " answered: " + response.asString());
        String location = response.header("Location");
        if (!CREATES.get(operation)) {
            assertNull(location, operation + " answers 201 without a Location (CREATES says so)");
            return;
        }
        String gateway = LocalInfrastructure.gatewayUrl();
        assertTrue(location != null && location.startsWith(gateway + "/api/v1/"),
                () -> operation + ": Location " + location + " is not under the gateway's URL " + gateway);
        as(caller).get(location.substring(gateway.length())).then().statusCode(200);
    }

    private static String newCharter(String id) {
        return """
                {"id":"%s","title":"Locations Charter","publishedOn":"2026-10-01",
                 "pledges":[{"code":"locations-pledge","title":"Locations pledge","description":"A pledge of this test."}]}"""
                .formatted(id);
    }

}
