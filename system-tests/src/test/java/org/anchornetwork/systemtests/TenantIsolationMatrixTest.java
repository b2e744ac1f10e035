package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.LocalInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The tenant isolation matrix: every operation in the three services' OpenAPI documents, called through the
 * gateway by every kind of caller, on objects owned by anchor A (Darlington Borough Council). An operation
 * without an expectation here fails the test, so every new endpoint is born with its access rules written down.
 */
class TenantIsolationMatrixTest {

    /** Who calls. Each is a real client of the local realm, except the anonymous caller. */
    enum Caller {
        ANONYMOUS(null),
        ANCHOR_A("darlington-council"),
        ANCHOR_B("cddft-nhs-trust"),
        PORTAL_FOR_A("tees-tender-portal"),
        PORTAL_NOT_FOR_A("durham-tender-portal"),
        SUPPLIER("dl-building-supplies"),
        SIGNATORY("tees-valley-bakery"),
        NETWORK_ADMIN("network-admin");

        final String clientId;

        Caller(String clientId) {
            this.clientId = clientId;
        }

        RequestSpecification request() {
            RequestSpecification request = given().redirects().follow(false);
            return clientId == null ? request : request.auth().oauth2(KeycloakTokens.accessToken(clientId, clientId + "-secret"));
        }
    }

    /** Statuses a caller may get; anything else fails. */
    record Outcome(Set<Integer> statuses) {
        static Outcome of(Integer... statuses) {
            return new Outcome(Set.of(statuses));
        }
    }

    private static final Outcome OK = Outcome.of(200);
    private static final Outcome CREATED_OR_OK = Outcome.of(200, 201);
    private static final Outcome UNAUTHENTICATED = Outcome.of(401);
    private static final Outcome FORBIDDEN = Outcome.of(403);
    private static final Outcome NOT_FOUND = Outcome.of(404);

    private static final String DARLINGTON = "GB-LAE-DAL";
    private static final String CHARTER = "fairer-richer-darlington";

    /** A's objects, created before the matrix runs. */
    private static String paymentOfA;
    private static String batchOfA;
    private static String awardOfA;
    private static String frameworkOfNetwork;
    private static String draftOfNetwork;
    private static String publishedOfNetwork;
    private static String charterOfNetwork;
    private static String tenderOfA;
    private static String bidOfA;
    private static String evaluatedTenderOfA;
    private static String contractOfA;
    /** The tender an award call is about, prepared by the call's body (bodies are made before paths). */
    private static String tenderToAward;

    @BeforeAll
    static void createObjectsOwnedByAnchorA() {
        RestAssured.baseURI = LocalInfrastructure.gatewayUrl();
        paymentOfA = Caller.ANCHOR_A.request().contentType("application/json")
                .body(payment("MATRIX-A-" + UUID.randomUUID()))
                .post("/api/v1/payments").then().statusCode(201).extract().path("payments[0].id");
        batchOfA = Caller.ANCHOR_A.request().contentType("text/csv; charset=UTF-8").body(SampleDocuments.spendFile("MATRIX"))
                .post("/api/v1/payments/uploads").then().statusCode(201).extract().path("id");
        Caller.ANCHOR_A.request().contentType("application/json").body(SampleDocuments.releasePackage("matrix"))
                .post("/api/v1/ocds/release-packages").then().statusCode(201);
        awardOfA = Caller.ANCHOR_A.request().get("/api/v1/contract-awards?limit=1").then().statusCode(200)
                .extract().path("items[0].id");
        Caller.ANCHOR_A.request().contentType("application/json").body(mapping())
                .put("/api/v1/payments/column-mappings/matrix-layout").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        Caller.ANCHOR_A.request().contentType("application/json").body(signature("Darlington Borough Council"))
                .post("/api/v1/charters/" + CHARTER + "/signatories").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        frameworkOfNetwork = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        Caller.NETWORK_ADMIN.request().contentType("application/json").body(framework(frameworkOfNetwork))
                .post("/api/v1/frameworks").then().statusCode(201);
        charterOfNetwork = "matrix-charter-" + UUID.randomUUID().toString().substring(0, 8);
        Caller.NETWORK_ADMIN.request().contentType("application/json").body(newCharter(charterOfNetwork))
                .post("/api/v1/charters").then().statusCode(201);
        draftOfNetwork = newDraft();
        publishedOfNetwork = newPublishedVersion();
        tenderOfA = newTenderOfA();
        bidOfA = bidOn(tenderOfA);
        evaluatedTenderOfA = newTenderOfA();
        String winner = bidOn(evaluatedTenderOfA);
        evaluate(evaluatedTenderOfA);
        contractOfA = Caller.PORTAL_FOR_A.request().contentType("application/json").body(award(winner))
                .post("/api/v1/tenders/" + evaluatedTenderOfA + "/award").then().statusCode(201).extract().path("id");
    }

    /** An open tender of A's, created by A's portal with the network's published framework version. */
    private static String newTenderOfA() {
        String[] version = publishedOfNetwork.split("/");
        return Caller.PORTAL_FOR_A.request().contentType("application/json").body("""
                {"anchorOrgId":"GB-LAE-DAL","anchorName":"Darlington Borough Council","reference":"MATRIX-%s",
                 "title":"Matrix tender","frameworkId":"%s",
                 "frameworkVersion":%s,"measureCodes":["M1"],"socialValueWeighting":15,"scoringMethod":"RELATIVE_VALUE",
                 "closingAt":"%s"}""".formatted(UUID.randomUUID(), frameworkOfNetwork, version[version.length - 1],
                java.time.OffsetDateTime.now().plusHours(2)))
                .post("/api/v1/tenders").then().statusCode(201).extract().path("id");
    }

    /** A bid of DL Building Supplies (the SUPPLIER caller) on the tender, sent by A's portal. */
    private static String bidOn(String tender) {
        return Caller.PORTAL_FOR_A.request().contentType("application/json").body(bidBody("GB-COH-10000002"))
                .post("/api/v1/tenders/" + tender + "/bids").then().statusCode(201).extract().path("id");
    }

    private static String bidBody(String bidder) {
        return """
                {%s"bidderName":"DL Building Supplies Ltd","submissionId":"matrix-%s","bidPrice":10000.00,
                 "commitments":[{"measureCode":"M1","quantity":3}]}""".formatted(
                bidder == null ? "" : "\"bidderOrgId\":\"" + bidder + "\",", UUID.randomUUID());
    }

    private static void evaluate(String tender) {
        Caller.PORTAL_FOR_A.request().post("/api/v1/tenders/" + tender + "/close").then().statusCode(200);
        Caller.PORTAL_FOR_A.request().post("/api/v1/tenders/" + tender + "/evaluation").then().statusCode(200);
    }

    private static String award(String bid) {
        return "{\"bidId\":\"" + bid + "\",\"startsOn\":\"2026-01-01\",\"endsOn\":\"2028-12-31\"}";
    }

    /** A new draft version of the network's framework; returns its path. */
    private static String newDraft() {
        int number = Caller.NETWORK_ADMIN.request().contentType("application/json").body(versionDocument())
                .post("/api/v1/frameworks/" + frameworkOfNetwork + "/versions").then().statusCode(201)
                .extract().path("number");
        return "/api/v1/frameworks/" + frameworkOfNetwork + "/versions/" + number;
    }

    private static String newPublishedVersion() {
        String path = newDraft();
        Caller.NETWORK_ADMIN.request().post(path + "/publish").then().statusCode(200);
        return path;
    }

    private static String versionDocument() {
        return """
                {"themes":[{"code":"JOBS","title":"Jobs"}],"outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"Local jobs"}],
                 "measures":[{"code":"M1","outcome":"JOBS-1","title":"Local FTE","unit":"fte-years","proxyValue":100.00,
                 "priceBaseYear":2025}]}""";
    }

    private static String payment(String transactionRef) {
        return """
                {"payments":[{"paymentDate":"2026-10-14","amount":321.00,"supplierName":"DL Building Supplies Ltd",
                  "supplierOrgId":"GB-COH-10000002","transactionRef":"%s"}]}""".formatted(transactionRef);
    }

    private static String paymentFor(String anchorOrgId, String transactionRef) {
        return payment(transactionRef).replaceFirst("\\{", "{\"anchorOrgId\":\"" + anchorOrgId + "\",");
    }

    /** A supplier recorded twice: a new one from A's vendor master, as the body of a merge. */
    private static String duplicateSupplier() {
        String organisationId = "GB-COH-M" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
        Caller.ANCHOR_A.request().contentType("application/json")
                .body("{\"suppliers\":[{\"name\":\"Matrix Duplicate " + organisationId + "\",\"organisationId\":\""
                        + organisationId + "\"}]}")
                .post("/api/v1/suppliers/vendor-master").then().statusCode(200);
        String id = Caller.NETWORK_ADMIN.request().get("/api/v1/suppliers/" + organisationId).then().statusCode(200)
                .extract().path("id");
        return "{\"supplierId\":\"" + id + "\"}";
    }

    private static String mapping() {
        return """
                {"columns":{"supplierName":"Beneficiary","amount":"Value"},"amountBasis":"GROSS"}""";
    }

    private static String signature(String name) {
        return """
                {"organisationName":"%s","signatoryType":"PUBLIC_SECTOR_PARTNER","pledgeCodes":["keep-your-money-local"]}"""
                .formatted(name);
    }

    private static String newCharter(String id) {
        return """
                {"id":"%s","title":"Matrix Charter","publishedOn":"2026-10-01",
                 "pledges":[{"code":"matrix-pledge","title":"Matrix pledge","description":"A pledge of the matrix."}]}"""
                .formatted(id);
    }

    /** A's narrative report for this period, with a link, sent again each time. */
    private static String narrativeReport() {
        return """
                {"period":"2026-27","note":"Matrix narrative","evidenceLinks":["https://example.org/matrix-evidence"]}""";
    }

    private static String framework(String id) {
        return """
                {"id":"%s","name":"Matrix Framework","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}""".formatted(id);
    }

    /** One operation: how to call it on A's objects (a JSON body unless said otherwise), and what each caller gets. */
    record Operation(Supplier<String> path, Supplier<String> body, String contentType, Map<Caller, Outcome> outcomes) {
        Operation(Supplier<String> path, Supplier<String> body, Map<Caller, Outcome> outcomes) {
            this(path, body, "application/json", outcomes);
        }
    }

    private static Map<Caller, Outcome> outcomes(Outcome anonymous, Outcome anchorA, Outcome anchorB, Outcome portalForA,
            Outcome portalNotForA, Outcome supplier, Outcome signatory, Outcome networkAdmin) {
        Map<Caller, Outcome> outcomes = new EnumMap<>(Caller.class);
        outcomes.put(Caller.ANONYMOUS, anonymous);
        outcomes.put(Caller.ANCHOR_A, anchorA);
        outcomes.put(Caller.ANCHOR_B, anchorB);
        outcomes.put(Caller.PORTAL_FOR_A, portalForA);
        outcomes.put(Caller.PORTAL_NOT_FOR_A, portalNotForA);
        outcomes.put(Caller.SUPPLIER, supplier);
        outcomes.put(Caller.SIGNATORY, signatory);
        outcomes.put(Caller.NETWORK_ADMIN, networkAdmin);
        return outcomes;
    }

    private static Map<Caller, Outcome> everyone(Outcome outcome) {
        return outcomes(outcome, outcome, outcome, outcome, outcome, outcome, outcome, outcome);
    }

    private static Map<Caller, Outcome> membersOnly(Outcome outcome) {
        return outcomes(UNAUTHENTICATED, outcome, outcome, outcome, outcome, outcome, outcome, outcome);
    }

    /**
     * The expectations, keyed "METHOD /path/template" exactly as in the OpenAPI documents. Anchors work only on
     * their own records: B asking for A's payment gets 404 (not 403), so ids reveal nothing.
     */
    private static Map<String, Operation> expectations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        // framework-service
        operations.put("GET /api/v1/frameworks", new Operation(() -> "/api/v1/frameworks", null, everyone(OK)));
        operations.put("GET /api/v1/frameworks/{id}",
                new Operation(() -> "/api/v1/frameworks/" + frameworkOfNetwork, null, everyone(OK)));
        operations.put("POST /api/v1/frameworks", new Operation(() -> "/api/v1/frameworks",
                () -> framework("matrix-" + UUID.randomUUID().toString().substring(0, 8)),
                outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, Outcome.of(201))));
        Map<Caller, Outcome> adminOnlyOk = outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,
                FORBIDDEN, OK);
        operations.put("GET /api/v1/frameworks/{id}/versions", new Operation(
                () -> "/api/v1/frameworks/" + frameworkOfNetwork + "/versions", null, everyone(OK)));
        operations.put("POST /api/v1/frameworks/{id}/versions", new Operation(
                () -> "/api/v1/frameworks/" + frameworkOfNetwork + "/versions", TenantIsolationMatrixTest::versionDocument,
                outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, Outcome.of(201))));
        operations.put("GET /api/v1/frameworks/{id}/versions/{number}",
                new Operation(() -> publishedOfNetwork, null, everyone(OK)));
        operations.put("PUT /api/v1/frameworks/{id}/versions/{number}",
                new Operation(() -> draftOfNetwork, TenantIsolationMatrixTest::versionDocument, adminOnlyOk));
        // Each call gets a version in the state it needs, so only the network admin's call changes anything.
        operations.put("POST /api/v1/frameworks/{id}/versions/{number}/publish",
                new Operation(() -> newDraft() + "/publish", null, adminOnlyOk));
        operations.put("POST /api/v1/frameworks/{id}/versions/{number}/retire",
                new Operation(() -> newPublishedVersion() + "/retire", null, adminOnlyOk));
        operations.put("POST /api/v1/frameworks/{id}/versions/{number}/valuations",
                new Operation(() -> publishedOfNetwork + "/valuations",
                        () -> "{\"commitments\":[{\"measureCode\":\"M1\",\"quantity\":2}],\"contractValue\":1000}",
                        membersOnly(OK)));
        operations.put("GET /api/v1/frameworks/{id}/versions/{number}/measures",
                new Operation(() -> publishedOfNetwork + "/measures", null, everyone(OK)));
        operations.put("GET /api/v1/frameworks/{id}/versions/{number}/diff",
                new Operation(() -> publishedOfNetwork + "/diff?from=" + publishedOfNetwork.substring(
                        publishedOfNetwork.lastIndexOf('/') + 1), null, everyone(OK)));
        operations.put("GET /api/v1/frameworks/{id}/versions/{number}/crosswalk",
                new Operation(() -> publishedOfNetwork + "/crosswalk", null, everyone(OK)));
        operations.put("POST /api/v1/frameworks/{id}/versions/{number}/drafts",
                new Operation(() -> publishedOfNetwork + "/drafts", null,
                        outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, Outcome.of(201))));
        // spend-service
        operations.put("GET /api/v1/payments", new Operation(() -> "/api/v1/payments", null,
                outcomes(UNAUTHENTICATED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        // Payments for A: A itself and the portal acting for A may record them; anchor B naming A may not.
        operations.put("POST /api/v1/payments", new Operation(() -> "/api/v1/payments",
                () -> paymentFor(DARLINGTON, "MATRIX-" + UUID.randomUUID()),
                outcomes(UNAUTHENTICATED, Outcome.of(201), FORBIDDEN, Outcome.of(201), FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        // The export holds only the caller's own payments: every anchor gets its own file.
        operations.put("GET /api/v1/payments/export", new Operation(() -> "/api/v1/payments/export", null,
                outcomes(UNAUTHENTICATED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        operations.put("GET /api/v1/payments/{id}", new Operation(() -> "/api/v1/payments/" + paymentOfA, null,
                outcomes(UNAUTHENTICATED, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        // Spend files for A: A and the portal acting for A upload them; anchor B naming A may not.
        Map<Caller, Outcome> writersForA = outcomes(UNAUTHENTICATED, Outcome.of(201), FORBIDDEN, Outcome.of(201), FORBIDDEN,
                FORBIDDEN, FORBIDDEN, FORBIDDEN);
        operations.put("POST /api/v1/payments/uploads", new Operation(() -> "/api/v1/payments/uploads?anchorOrgId=" + DARLINGTON,
                () -> SampleDocuments.spendFile("MATRIX"), "text/csv; charset=UTF-8", writersForA));
        operations.put("POST /api/v1/payments/uploads/preview", new Operation(
                () -> "/api/v1/payments/uploads/preview?anchorOrgId=" + DARLINGTON, () -> SampleDocuments.spendFile("MATRIX"),
                "text/csv; charset=UTF-8", outcomes(UNAUTHENTICATED, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        // Batches: the anchor reads its own, a portal those it sent; anyone else is told there is no such batch.
        Map<Caller, Outcome> readersOfBatchOfA = outcomes(UNAUTHENTICATED, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN,
                FORBIDDEN);
        operations.put("GET /api/v1/payments/batches", new Operation(() -> "/api/v1/payments/batches", null,
                outcomes(UNAUTHENTICATED, OK, OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        operations.put("GET /api/v1/payments/batches/{id}", new Operation(() -> "/api/v1/payments/batches/" + batchOfA, null, readersOfBatchOfA));
        operations.put("GET /api/v1/payments/batches/{id}/errors",
                new Operation(() -> "/api/v1/payments/batches/" + batchOfA + "/errors", null, readersOfBatchOfA));
        // Column mappings belong to A: A and its portal manage them; B naming A, or a portal not acting for A, may not.
        Map<Caller, Outcome> mappingsOfA = outcomes(UNAUTHENTICATED, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN);
        operations.put("GET /api/v1/payments/column-mappings", new Operation(
                () -> "/api/v1/payments/column-mappings?anchorOrgId=" + DARLINGTON, null, mappingsOfA));
        operations.put("GET /api/v1/payments/column-mappings/{name}", new Operation(
                () -> "/api/v1/payments/column-mappings/matrix-layout?anchorOrgId=" + DARLINGTON, null, mappingsOfA));
        operations.put("PUT /api/v1/payments/column-mappings/{name}", new Operation(
                () -> "/api/v1/payments/column-mappings/matrix-layout?anchorOrgId=" + DARLINGTON, TenantIsolationMatrixTest::mapping,
                outcomes(UNAUTHENTICATED, CREATED_OR_OK, FORBIDDEN, CREATED_OR_OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        operations.put("DELETE /api/v1/payments/column-mappings/{name}", new Operation(() -> {
            String name = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
            Caller.ANCHOR_A.request().contentType("application/json").body(mapping())
                    .put("/api/v1/payments/column-mappings/" + name).then().statusCode(201);
            return "/api/v1/payments/column-mappings/" + name + "?anchorOrgId=" + DARLINGTON;
        }, null, outcomes(UNAUTHENTICATED, Outcome.of(204), FORBIDDEN, Outcome.of(204), FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        // The network's spend headline names nobody: public.
        operations.put("GET /api/v1/spend/headline", new Operation(() -> "/api/v1/spend/headline", null, everyone(OK)));
        // Network analyses are for members (anchors and the network admin); portals, suppliers and signatories are not.
        Map<Caller, Outcome> membersOfTheNetwork = outcomes(UNAUTHENTICATED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK);
        operations.put("GET /api/v1/spend/aggregate", new Operation(
                () -> "/api/v1/spend/aggregate?drilldown=anchor,quarter&cut=financialYear:2026-27", null, membersOfTheNetwork));
        operations.put("GET /api/v1/spend/anchors", new Operation(() -> "/api/v1/spend/anchors", null, membersOfTheNetwork));
        operations.put("PUT /api/v1/spend/anchors/{orgId}", new Operation(() -> "/api/v1/spend/anchors/" + DARLINGTON,
                () -> "{\"name\":\"Darlington Borough Council\",\"anchorType\":\"LOCAL_AUTHORITY\"}", adminOnlyOk));
        // Categories are public to read (analyses name them); only the network admin replaces them (here: with themselves).
        operations.put("GET /api/v1/spend/categories", new Operation(() -> "/api/v1/spend/categories", null, everyone(OK)));
        operations.put("PUT /api/v1/spend/categories", new Operation(() -> "/api/v1/spend/categories",
                () -> given().get("/api/v1/spend/categories").then().statusCode(200).extract().asString(), adminOnlyOk));
        operations.put("GET /api/v1/spend/leakage", new Operation(
                () -> "/api/v1/spend/leakage?financialYear=2026-27&top=5", null, membersOfTheNetwork));
        operations.put("GET /api/v1/spend/what-if", new Operation(
                () -> "/api/v1/spend/what-if?financialYear=2026-27&category=construction&percent=10", null, membersOfTheNetwork));
        operations.put("GET /api/v1/spend/lm3", new Operation(() -> "/api/v1/spend/lm3?financialYear=2026-27", null,
                membersOfTheNetwork));
        operations.put("GET /api/v1/spend/lm3/surveys", new Operation(() -> "/api/v1/spend/lm3/surveys?financialYear=2026-27",
                null, membersOfTheNetwork));
        // Any member records a supplier's survey answers; an anchor records only its own workforce.
        operations.put("PUT /api/v1/spend/lm3/surveys/{supplier}/{financialYear}", new Operation(
                () -> "/api/v1/spend/lm3/surveys/GB-COH-10000002/2026-27",
                () -> "{\"staffLocalShare\":40,\"supplierLocalShare\":20}",
                outcomes(UNAUTHENTICATED, CREATED_OR_OK, CREATED_OR_OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, CREATED_OR_OK)));
        operations.put("PUT /api/v1/spend/lm3/workforce/{financialYear}", new Operation(
                () -> "/api/v1/spend/lm3/workforce/2026-27",
                () -> "{\"payroll\":1000000,\"localResidentShare\":70,\"staffLocalRespendShare\":50}",
                outcomes(UNAUTHENTICATED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        operations.put("GET /api/v1/spend/lm3/default-rates", new Operation(() -> "/api/v1/spend/lm3/default-rates", null,
                membersOfTheNetwork));
        operations.put("PUT /api/v1/spend/lm3/default-rates", new Operation(() -> "/api/v1/spend/lm3/default-rates",
                () -> Caller.NETWORK_ADMIN.request().get("/api/v1/spend/lm3/default-rates").then().statusCode(200).extract().asString(),
                adminOnlyOk));
        operations.put("GET /api/v1/spend/categories/expense-types",
                new Operation(() -> "/api/v1/spend/categories/expense-types", null, membersOfTheNetwork));
        // Geography is public to read; only the network admin defines tiers.
        operations.put("GET /api/v1/geography/tiers", new Operation(() -> "/api/v1/geography/tiers", null, everyone(OK)));
        operations.put("GET /api/v1/geography/tiers/{name}/versions",
                new Operation(() -> "/api/v1/geography/tiers/tees-valley/versions", null, everyone(OK)));
        operations.put("POST /api/v1/geography/tiers/{name}/versions", new Operation(
                () -> "/api/v1/geography/tiers/matrix-tier/versions",
                () -> "{\"label\":\"Matrix tier\",\"areaCodes\":[\"E06000005\"],\"effectiveFrom\":\"2030-04-01\"}",
                outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, Outcome.of(201))));
        operations.put("GET /api/v1/geography/postcodes/{postcode}",
                new Operation(() -> "/api/v1/geography/postcodes/DL15QT", null, everyone(OK)));
        // OCDS release packages for A: A and the portal acting for A send them; its awards are read the same way.
        operations.put("POST /api/v1/ocds/release-packages", new Operation(
                () -> "/api/v1/ocds/release-packages?anchorOrgId=" + DARLINGTON, () -> SampleDocuments.releasePackage("matrix"),
                writersForA));
        operations.put("GET /api/v1/contract-awards", new Operation(
                () -> "/api/v1/contract-awards?anchorOrgId=" + DARLINGTON, null, mappingsOfA));
        operations.put("GET /api/v1/contract-awards/{id}", new Operation(
                () -> "/api/v1/contract-awards/" + awardOfA + "?anchorOrgId=" + DARLINGTON, null, mappingsOfA));
        operations.put("GET /api/v1/suppliers", new Operation(() -> "/api/v1/suppliers", null, membersOnly(OK)));
        operations.put("GET /api/v1/suppliers/{id}",
                new Operation(() -> "/api/v1/suppliers/GB-COH-10000002", null, membersOnly(OK)));
        // A's vendor master: A and the portal acting for A give it; nobody else writes for A.
        operations.put("POST /api/v1/suppliers/vendor-master", new Operation(
                () -> "/api/v1/suppliers/vendor-master?anchorOrgId=" + DARLINGTON,
                () -> "{\"suppliers\":[{\"reference\":\"MATRIX-V\",\"name\":\"Matrix Supplies Ltd\",\"postcode\":\"DL1 5QT\"}]}",
                outcomes(UNAUTHENTICATED, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        operations.put("GET /api/v1/suppliers/unmatched-names", new Operation(() -> "/api/v1/suppliers/unmatched-names", null,
                outcomes(UNAUTHENTICATED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)));
        operations.put("POST /api/v1/suppliers/{id}/aliases", new Operation(() -> "/api/v1/suppliers/GB-COH-10000002/aliases",
                () -> "{\"name\":\"DLBS Matrix " + UUID.randomUUID() + "\"}",
                outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)));
        // Each call folds a fresh duplicate into DL Building Supplies; only the network admin's call does anything.
        operations.put("POST /api/v1/suppliers/{id}/merge", new Operation(() -> "/api/v1/suppliers/GB-COH-10000002/merge",
                TenantIsolationMatrixTest::duplicateSupplier,
                outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)));
        operations.put("GET /api/v1/geography/districts/{ladCode}",
                new Operation(() -> "/api/v1/geography/districts/E06000005", null, everyone(OK)));
        // framework-service: tenders, bids, evaluation, award, contracts
        Map<Caller, Outcome> managers = outcomes(UNAUTHENTICATED, OK, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN);
        Map<Caller, Outcome> readers = outcomes(UNAUTHENTICATED, OK, NOT_FOUND, OK, NOT_FOUND, OK, FORBIDDEN, OK);
        Map<Caller, Outcome> procurementMembers = outcomes(UNAUTHENTICATED, OK, OK, OK, OK, OK, FORBIDDEN, OK);
        operations.put("POST /api/v1/tenders", new Operation(() -> "/api/v1/tenders", () -> {
            String[] version = publishedOfNetwork.split("/");
            return """
                    {"anchorOrgId":"GB-LAE-DAL","anchorName":"Darlington Borough Council","reference":"MATRIX-%s",
                     "title":"Matrix tender","frameworkId":"%s",
                     "frameworkVersion":%s,"measureCodes":["M1"],"socialValueWeighting":15,"scoringMethod":"RELATIVE_VALUE",
                     "closingAt":"%s"}""".formatted(UUID.randomUUID(), frameworkOfNetwork, version[version.length - 1],
                    java.time.OffsetDateTime.now().plusHours(2));
        }, outcomes(UNAUTHENTICATED, Outcome.of(201), FORBIDDEN, Outcome.of(201), FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        operations.put("GET /api/v1/tenders", new Operation(() -> "/api/v1/tenders", null, procurementMembers));
        operations.put("GET /api/v1/tenders/{id}", new Operation(() -> "/api/v1/tenders/" + tenderOfA, null, readers));
        operations.put("POST /api/v1/tenders/{id}/close",
                new Operation(() -> "/api/v1/tenders/" + newTenderOfA() + "/close", null, managers));
        operations.put("POST /api/v1/tenders/{id}/cancel",
                new Operation(() -> "/api/v1/tenders/" + newTenderOfA() + "/cancel", null, managers));
        operations.put("POST /api/v1/tenders/{id}/bids", new Operation(() -> "/api/v1/tenders/" + tenderOfA + "/bids",
                () -> bidBody(null).replace("{\"bidderName\"", "{\"bidderOrgId\":\"GB-COH-10000002\",\"bidderName\""),
                outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, Outcome.of(201), NOT_FOUND, Outcome.of(201), FORBIDDEN, FORBIDDEN)));
        operations.put("POST /api/v1/tenders/{id}/bids/upload", new Operation(() -> "/api/v1/tenders/" + tenderOfA
                + "/bids/upload?bidderOrgId=GB-COH-10000002&bidderName=DL%20Building%20Supplies%20Ltd&submissionId=matrix-up-"
                + UUID.randomUUID() + "&bidPrice=100", () -> "Measure Code,Quantity\nM1,2\n", "text/csv",
                outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, Outcome.of(201), NOT_FOUND, Outcome.of(201), FORBIDDEN, FORBIDDEN)));
        operations.put("GET /api/v1/tenders/{id}/bids/template",
                new Operation(() -> "/api/v1/tenders/" + tenderOfA + "/bids/template", null, readers));
        operations.put("GET /api/v1/tenders/{id}/bids", new Operation(() -> "/api/v1/tenders/" + tenderOfA + "/bids", null, readers));
        operations.put("GET /api/v1/tenders/{id}/bids/{bidId}",
                new Operation(() -> "/api/v1/tenders/" + tenderOfA + "/bids/" + bidOfA, null, readers));
        operations.put("POST /api/v1/tenders/{id}/evaluation", new Operation(() -> {
            String tender = newTenderOfA();
            bidOn(tender);
            Caller.PORTAL_FOR_A.request().post("/api/v1/tenders/" + tender + "/close").then().statusCode(200);
            return "/api/v1/tenders/" + tender + "/evaluation";
        }, null, managers));
        operations.put("GET /api/v1/tenders/{id}/evaluation",
                new Operation(() -> "/api/v1/tenders/" + evaluatedTenderOfA + "/evaluation", null, readers));
        operations.put("POST /api/v1/tenders/{id}/award", new Operation(() -> "/api/v1/tenders/" + tenderToAward + "/award", () -> {
            tenderToAward = newTenderOfA();
            String bid = bidOn(tenderToAward);
            evaluate(tenderToAward);
            return award(bid);
        }, outcomes(UNAUTHENTICATED, Outcome.of(201), NOT_FOUND, Outcome.of(201), NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        operations.put("POST /api/v1/tenders/ocds-releases", new Operation(() -> "/api/v1/tenders/ocds-releases", () -> {
            String[] version = publishedOfNetwork.split("/");
            String reference = "MATRIX-OCDS-" + UUID.randomUUID();
            return """
                    {"uri":"https://portal.example/ocds/%1$s","version":"1.1","publishedDate":"2026-11-30T09:00:00Z",
                     "publisher":{"name":"Tees Tender Portal"},
                     "releases":[{"ocid":"ocds-matrix-%1$s","id":"ocds-matrix-%1$s-01","date":"2026-11-30T09:00:00Z",
                       "tag":["tender"],"initiationType":"tender",
                       "buyer":{"id":"GB-LAE-DAL","name":"Darlington Borough Council"},
                       "tender":{"id":"%1$s","title":"Matrix OCDS tender","tenderPeriod":{"endDate":"%2$s"},
                         "socialValue":{"frameworkId":"%3$s","frameworkVersion":%4$s,"measureCodes":["M1"],"weighting":10,
                           "scoringMethod":"RELATIVE_VALUE"}}}]}""".formatted(reference,
                    java.time.OffsetDateTime.now().plusHours(2), frameworkOfNetwork, version[version.length - 1]);
        }, outcomes(UNAUTHENTICATED, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        operations.put("GET /api/v1/tenders/{id}/ocds", new Operation(() -> "/api/v1/tenders/" + evaluatedTenderOfA + "/ocds", null,
                outcomes(UNAUTHENTICATED, OK, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, OK)));
        // The social value OCDS extension the packages declare: public, like the frameworks.
        for (String document : List.of("extension.json", "release-schema.json", "README.md")) {
            operations.put("GET /api/v1/ocds-extensions/social-value/" + document, new Operation(
                    () -> "/api/v1/ocds-extensions/social-value/" + document, null, everyone(OK)));
        }
        operations.put("GET /api/v1/contracts", new Operation(() -> "/api/v1/contracts", null, procurementMembers));
        operations.put("GET /api/v1/contracts/{id}", new Operation(() -> "/api/v1/contracts/" + contractOfA, null, readers));
        operations.put("POST /api/v1/contracts/{id}/deliveries", new Operation(() -> "/api/v1/contracts/" + contractOfA + "/deliveries",
                () -> "{\"period\":\"2026-27-Q1\",\"lines\":[{\"measureCode\":\"M1\",\"quantity\":1}]}",
                outcomes(UNAUTHENTICATED, CREATED_OR_OK, NOT_FOUND, CREATED_OR_OK, NOT_FOUND, CREATED_OR_OK, FORBIDDEN, FORBIDDEN)));
        operations.put("GET /api/v1/contracts/{id}/deliveries",
                new Operation(() -> "/api/v1/contracts/" + contractOfA + "/deliveries", null, readers));
        operations.put("GET /api/v1/contracts/{id}/performance",
                new Operation(() -> "/api/v1/contracts/" + contractOfA + "/performance", null, readers));
        operations.put("GET /api/v1/contracts/delivery-totals",
                new Operation(() -> "/api/v1/contracts/delivery-totals?by=anchor", null, procurementMembers));
        // pledge-service
        operations.put("GET /api/v1/charters", new Operation(() -> "/api/v1/charters", null, everyone(OK)));
        operations.put("GET /api/v1/charters/{charterId}",
                new Operation(() -> "/api/v1/charters/" + CHARTER, null, everyone(OK)));
        operations.put("GET /api/v1/charters/{charterId}/pledges",
                new Operation(() -> "/api/v1/charters/" + CHARTER + "/pledges", null, everyone(OK)));
        operations.put("GET /api/v1/charters/{charterId}/signatories",
                new Operation(() -> "/api/v1/charters/" + CHARTER + "/signatories", null, everyone(OK)));
        operations.put("GET /api/v1/charters/{charterId}/signatories/{organisationId}",
                new Operation(() -> "/api/v1/charters/" + CHARTER + "/signatories/" + DARLINGTON, null, everyone(OK)));
        operations.put("POST /api/v1/charters/{charterId}/signatories",
                new Operation(() -> "/api/v1/charters/" + CHARTER + "/signatories", () -> signature("Matrix Signatory"),
                        outcomes(UNAUTHENTICATED, CREATED_OR_OK, CREATED_OR_OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, CREATED_OR_OK,
                                FORBIDDEN)));
        Map<Caller, Outcome> adminOnlyCreated = outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,
                FORBIDDEN, FORBIDDEN, Outcome.of(201));
        operations.put("POST /api/v1/charters", new Operation(() -> "/api/v1/charters",
                () -> newCharter("matrix-charter-" + UUID.randomUUID().toString().substring(0, 8)), adminOnlyCreated));
        operations.put("GET /api/v1/charters/{charterId}/versions",
                new Operation(() -> "/api/v1/charters/" + CHARTER + "/versions", null, everyone(OK)));
        operations.put("POST /api/v1/charters/{charterId}/versions", new Operation(
                () -> "/api/v1/charters/" + charterOfNetwork + "/versions",
                () -> """
                        {"summary":"Matrix version","publishedOn":"2026-11-01","addedPledges":[{"code":"p-%s","title":"P",
                         "description":"A pledge of the matrix."}]}""".formatted(UUID.randomUUID().toString().substring(0, 8)),
                adminOnlyCreated));
        operations.put("GET /api/v1/charters/{charterId}/metrics",
                new Operation(() -> "/api/v1/charters/" + CHARTER + "/metrics", null, everyone(OK)));
        String signatoryA = "/api/v1/charters/" + CHARTER + "/signatories/" + DARLINGTON;
        String commitmentOfA = signatoryA + "/commitments/keep-your-money-local";
        Map<Caller, Outcome> onlyA = outcomes(UNAUTHENTICATED, CREATED_OR_OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,
                FORBIDDEN, FORBIDDEN);
        operations.put("PUT /api/v1/charters/{charterId}/signatories/{organisationId}/identifiers",
                new Operation(() -> signatoryA + "/identifiers", () -> "{\"identifiers\":[\"360G-darlington-matrix\"]}", onlyA));
        operations.put("GET /api/v1/charters/{charterId}/signatories/{organisationId}/standing",
                new Operation(() -> signatoryA + "/standing?on=2026-12-01", null, everyone(OK)));
        operations.put("GET /api/v1/charters/{charterId}/signatories/{organisationId}/commitments",
                new Operation(() -> signatoryA + "/commitments", null, everyone(OK)));
        operations.put("PUT /api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}",
                new Operation(() -> commitmentOfA, () -> """
                        {"targets":[{"metricCode":"local-spend-share","tier":"darlington","target":30,"deadline":"2030-03-31"}],
                         "plannedActions":["Matrix action"]}""", onlyA));
        operations.put("GET /api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}/progress",
                new Operation(() -> commitmentOfA + "/progress", null, everyone(OK)));
        operations.put("POST /api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}/progress",
                new Operation(() -> commitmentOfA + "/progress", TenantIsolationMatrixTest::narrativeReport, onlyA));
        // A's commitment carries evidence before each call, so the network admin's verification has something to verify.
        operations.put("POST /api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}/verify",
                new Operation(() -> {
                    Caller.ANCHOR_A.request().contentType("application/json").body(narrativeReport())
                            .post(commitmentOfA + "/progress").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
                    return commitmentOfA + "/verify";
                }, () -> "{\"note\":\"Matrix check\"}", adminOnlyOk));
        operations.put("GET /api/v1/charters/{charterId}/signatories/{organisationId}/giving",
                new Operation(() -> signatoryA + "/giving", null, everyone(OK)));
        operations.put("POST /api/v1/charters/{charterId}/signatories/{organisationId}/giving",
                new Operation(() -> signatoryA + "/giving", () -> """
                        {"grants":[{"id":"360G-matrix-%s","title":"Matrix grant","currency":"GBP","amountAwarded":10,
                         "awardDate":"2026-05-01","recipientOrganization":[{"id":"GB-CHC-1","name":"R","postalCode":"DL1 5QT"}],
                         "fundingOrganization":[{"id":"GB-LAE-DAL","name":"Darlington Borough Council"}]}]}"""
                        .formatted(UUID.randomUUID()), onlyA));
        operations.put("GET /api/v1/charters/{charterId}/reports/{financialYear}",
                new Operation(() -> "/api/v1/charters/" + CHARTER + "/reports/2026-27", null, everyone(OK)));
        // Leaving is tried on the bakery (the SIGNATORY caller), which signs again before each call.
        operations.put("POST /api/v1/charters/{charterId}/signatories/{organisationId}/leave", new Operation(() -> {
            Caller.SIGNATORY.request().contentType("application/json").body("""
                    {"organisationName":"Tees Valley Bakery","signatoryType":"BUSINESS","pledgeCodes":["give-locally"]}""")
                    .post("/api/v1/charters/" + CHARTER + "/signatories").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            return "/api/v1/charters/" + CHARTER + "/signatories/GB-COH-10000004/leave";
        }, () -> "{}", outcomes(UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)));
        return operations;
    }

    @Test
    void everyPublishedOperationHasAnExpectationForEveryCaller() {
        Set<String> published = PublishedOperations.all();
        Map<String, Operation> expected = expectations();
        Set<String> missing = new TreeSet<>(published);
        missing.removeAll(expected.keySet());
        Set<String> stale = new TreeSet<>(expected.keySet());
        stale.removeAll(published);
        if (!missing.isEmpty() || !stale.isEmpty()) {
            fail("Tenant isolation matrix out of date. Operations without expectations: " + missing
                    + "; expectations for operations that no longer exist: " + stale);
        }
        expected.forEach((operation, rules) -> assertEquals(Set.of(Caller.values()), rules.outcomes().keySet(),
                operation + " must say what every kind of caller gets"));
    }

    @TestFactory
    Stream<DynamicNode> everyCallerGetsExactlyWhatTheMatrixAllows() {
        List<DynamicNode> nodes = new ArrayList<>();
        expectations().forEach((operation, rules) -> {
            String method = operation.substring(0, operation.indexOf(' '));
            List<DynamicTest> perCaller = new ArrayList<>();
            rules.outcomes().forEach((caller, outcome) -> perCaller.add(DynamicTest.dynamicTest(caller.name(), () -> {
                RequestSpecification request = caller.request();
                if (rules.body() != null) {
                    request = request.contentType(rules.contentType()).body(rules.body().get());
                }
                Response response = request.request(method, rules.path().get());
                assertTrue(outcome.statuses().contains(response.statusCode()), () -> caller + " " + operation + " gave "
                        + response.statusCode() + ", expected one of " + outcome.statuses() + ": " + response.asString());
                if (response.statusCode() >= 400) {
                    assertTrue(response.contentType().startsWith("application/problem+json"),
                            () -> caller + " " + operation + " denial must be problem+json, was " + response.contentType());
                }
            })));
            nodes.add(DynamicContainer.dynamicContainer(operation, perCaller));
        });
        return nodes.stream();
    }

    @Test
    void organisationIdsInQueriesHeadersOrBodiesNeverChangeWhoTheCallerIs() {
        String ref = "MATRIX-SPOOF-" + UUID.randomUUID();
        Caller.ANCHOR_A.request().contentType("application/json").body(payment(ref)).post("/api/v1/payments")
                .then().statusCode(201);

        List<String> seenByB = Caller.ANCHOR_B.request()
                .queryParam("anchorOrgId", DARLINGTON).queryParam("org_id", DARLINGTON).queryParam("limit", 500)
                .header("X-Org-Id", DARLINGTON).header("X-Organisation-Id", DARLINGTON)
                .get("/api/v1/payments").then().statusCode(200).extract().path("items.transactionRef");
        assertTrue(!seenByB.contains(ref), "anchor B must not see A's payment whatever it sends");

        Caller.ANCHOR_B.request().contentType("application/json")
                .body("""
                        {"anchorOrgId":"GB-LAE-DAL","payments":[{"paymentDate":"2026-10-14","amount":1,"supplierName":"X","transactionRef":"%s"}]}"""
                        .formatted(ref))
                .post("/api/v1/payments").then().statusCode(403);
        Caller.ANCHOR_B.request().header("X-Org-Id", DARLINGTON).get("/api/v1/payments/" + paymentOfA).then().statusCode(404);
        // An analysis of "own" spend is of the token's organisation, whatever the query or headers claim.
        String own = "/api/v1/spend/aggregate?scope=own&drilldown=anchor&cut=financialYear:2026-27";
        List<String> anchorsSeenByB = Caller.ANCHOR_B.request().queryParam("anchorOrgId", DARLINGTON).header("X-Org-Id", DARLINGTON)
                .get(own).then().statusCode(200).body("definitions.scope", org.hamcrest.Matchers.equalTo("OWN"))
                .extract().path("cells.anchor");
        assertTrue(anchorsSeenByB.stream().allMatch("GB-NHS-RXP"::equals), "B's own analysis holds only B: " + anchorsSeenByB);
        Caller.ANCHOR_B.request().header("X-Org-Id", DARLINGTON).get("/api/v1/contract-awards/" + awardOfA).then().statusCode(404);
    }
}
