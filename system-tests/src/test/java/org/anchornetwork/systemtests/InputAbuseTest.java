package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.anchornetwork.testsupport.AbusiveNumbers;
import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.anchornetwork.testsupport.LocalInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Hostile input through the gateway at every operation that takes a body: each gets a 4xx problem, never a 500,
 * and nothing is stored. SQL and script fragments in text are data: stored verbatim, returned as JSON, never run.
 * Control characters in paths and query strings are a 400 at every published operation; CSV uploads that are not
 * text are the same 422 at every upload.
 */
class InputAbuseTest {

    @BeforeAll
    static void pointAtTheGateway() {
        RestAssured.baseURI = LocalInfrastructure.gatewayUrl();
        String frameworkId = VERSIONS.split("/")[4];
        given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.NETWORK_ADMIN)).contentType("application/json")
                .body("""
                        {"id":"%s","name":"Abuse versions","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}""".formatted(frameworkId))
                .post("/api/v1/frameworks").then().statusCode(201);
        // A valid import must work, or the refusals below would prove nothing.
        MARKER.set("VALID");
        given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.NETWORK_ADMIN)).contentType("application/json")
                .body(writes().stream().filter(write -> write.path().equals(VERSIONS)).findFirst().orElseThrow()
                        .bodyWithText().apply("\"Valid Ltd\""))
                .post(VERSIONS).then().statusCode(201);
        // An open tender on that version, for bid spreadsheets; the bakery signs, for its 360Giving grants.
        given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.NETWORK_ADMIN)).post(VERSIONS + "/1/publish")
                .then().statusCode(200);
        tender = given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.PORTAL)).contentType("application/json")
                .body("""
                        {"anchorOrgId":"GB-LAE-DAL","reference":"ABUSE-%s","title":"Abuse tender","frameworkId":"%s",
                         "frameworkVersion":1,"measureCodes":["M-VALID"],"socialValueWeighting":10,
                         "scoringMethod":"RELATIVE_VALUE","closingAt":"%s"}""".formatted(UUID.randomUUID(), frameworkId,
                        java.time.OffsetDateTime.now().plusHours(2)))
                .post("/api/v1/tenders").then().statusCode(201).extract().path("id");
        given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.SIGNATORY_BAKERY)).contentType("application/json")
                .body("""
                        {"organisationName":"Tees Valley Bakery","signatoryType":"BUSINESS","pledgeCodes":["give-locally"]}""")
                .post(BAKERY).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static final String BAKERY = "/api/v1/charters/fairer-richer-darlington/signatories";
    /** An open tender on the abuse framework's published version 1 (measure M-VALID). */
    private static String tender;

    /** An operation that takes a JSON body, with a valid body built around one text value, and how to find what it stored. */
    record Write(String name, DemoClient caller, String path, Function<String, String> bodyWithText,
            Function<String, Boolean> stored) {
    }

    private static List<Write> writes() {
        return List.of(
                new Write("POST /api/v1/payments", DemoClient.COLLEGE, "/api/v1/payments",
                        text -> """
                                {"payments":[{"paymentDate":"2026-10-14","amount":12.34,"supplierName":%s,"description":%s,
                                  "supplierReference":%s,"transactionRef":"ABUSE-%s"}]}""".formatted(text, text, text, marker()),
                        marker -> payments(DemoClient.COLLEGE).contains("ABUSE-" + marker)),
                new Write("POST /api/v1/frameworks", DemoClient.NETWORK_ADMIN, "/api/v1/frameworks",
                        text -> """
                                {"id":"abuse-%s","name":%s,"ownerOrgId":"GB-LAE-DAL","family":"LOCAL","description":%s,
                                 "licence":%s,"provenance":%s}""".formatted(marker().toLowerCase(), text, text, text, text),
                        marker -> given().get("/api/v1/frameworks/abuse-" + marker.toLowerCase()).statusCode() == 200),
                new Write("POST /api/v1/frameworks/{id}/versions", DemoClient.NETWORK_ADMIN, VERSIONS,
                        text -> """
                                {"themes":[{"code":"JOBS","title":%s,"description":%s}],
                                 "outcomes":[{"code":"JOBS-1","theme":"JOBS","title":%s}],
                                 "measures":[{"code":"M-%s","outcome":"JOBS-1","title":%s,"description":%s,"unit":"hours",
                                   "countingGuidance":%s,"evidenceRequired":%s}]}"""
                                .formatted(text, text, text, marker(), text, text, text, text),
                        marker -> versionsAsAdmin().contains("M-" + marker)),
                // The college signs nowhere else in the system tests, so any signature of its would come from here.
                new Write("POST /api/v1/charters/{charterId}/signatories", DemoClient.COLLEGE,
                        "/api/v1/charters/fairer-richer-darlington/signatories",
                        text -> """
                                {"organisationName":%s,"signatoryType":"PUBLIC_SECTOR_PARTNER","pledgeCodes":["give-locally"]}"""
                                .formatted(text),
                        marker -> given().get("/api/v1/charters/fairer-richer-darlington/signatories/GB-EDU-130584")
                                .statusCode() != 404));
    }

    /** Drafts imported into a framework of this test's own; their measure codes carry the marker. */
    private static final String VERSIONS = "/api/v1/frameworks/abuse-versions-"
            + UUID.randomUUID().toString().substring(0, 8) + "/versions";

    private static String versionsAsAdmin() {
        String token = KeycloakTokens.accessToken(DemoClient.NETWORK_ADMIN);
        List<Integer> numbers = given().auth().oauth2(token).get(VERSIONS).then().statusCode(200).extract().path("number");
        StringBuilder all = new StringBuilder();
        numbers.forEach(number -> all.append(given().auth().oauth2(token).get(VERSIONS + "/" + number).asString()));
        return all.toString();
    }

    private static final ThreadLocal<String> MARKER = new ThreadLocal<>();

    private static String marker() {
        return MARKER.get();
    }

    private static List<String> payments(DemoClient client) {
        return given().auth().oauth2(KeycloakTokens.accessToken(client)).queryParam("limit", 500)
                .get("/api/v1/payments").then().statusCode(200).extract().path("items.transactionRef");
    }

    private static String deeplyNested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** Hostile bodies that must be refused: name, raw bytes. */
    private static List<Object[]> refusedBodies(Write write) {
        String validText = "\"Valid Ltd\"";
        String valid = write.bodyWithText().apply(validText);
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] { "deeply nested JSON", deeplyNested(100_000).getBytes(StandardCharsets.UTF_8) });
        byte[] invalidUtf8 = valid.replace("Valid Ltd", "Valid \u0001").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < invalidUtf8.length; i++) {
            if (invalidUtf8[i] == 0x01) {
                invalidUtf8[i] = (byte) 0xC3; // a lead byte followed by a quote: not UTF-8
            }
        }
        cases.add(new Object[] { "invalid UTF-8", invalidUtf8 });
        cases.add(new Object[] { "NUL in text", write.bodyWithText().apply("\"Nul\\u0000Ltd\"").getBytes(StandardCharsets.UTF_8) });
        cases.add(new Object[] { "a 5,000-digit number",
                valid.replaceFirst("\"Valid Ltd\"", "1" + "0".repeat(5000)).getBytes(StandardCharsets.UTF_8) });
        cases.add(new Object[] { "text where an object is expected", "\"just a string\"".getBytes(StandardCharsets.UTF_8) });
        cases.add(new Object[] { "text longer than its field allows",
                write.bodyWithText().apply("\"" + "x".repeat(5001) + "\"").getBytes(StandardCharsets.UTF_8) });
        cases.add(new Object[] { "a body over the gateway's 1 MB limit",
                write.bodyWithText().apply("\"" + "x".repeat(2_000_000) + "\"").getBytes(StandardCharsets.UTF_8) });
        return cases;
    }

    @TestFactory
    Stream<DynamicNode> hostileBodiesAreRefusedWithAProblemAndStoreNothing() {
        return writes().stream().map(write -> DynamicContainer.dynamicContainer(write.name(),
                refusedBodies(write).stream().map(hostile -> DynamicTest.dynamicTest((String) hostile[0], () -> {
                    MARKER.set(UUID.randomUUID().toString().substring(0, 8).toUpperCase());
                    Response response = given().auth().oauth2(KeycloakTokens.accessToken(write.caller()))
                            .contentType("application/json; charset=UTF-8").body((byte[]) hostile[1])
                            .post(write.path());
                    int status = response.statusCode();
                    assertTrue(status >= 400 && status < 500, () -> hostile[0] + " gave " + status + ": " + response.asString());
                    assertTrue(response.contentType().startsWith("application/problem+json"), response::contentType);
                    assertFalse(response.asString().contains("Exception"), "no exception names in " + response.asString());
                    assertFalse(write.stored().apply(marker()), "nothing stored");
                }))));
    }

    @TestFactory
    Stream<DynamicTest> sqlAndScriptFragmentsAreStoredAsPlainTextNeverRun() {
        List<String> fragments = List.of("Robert'); DROP TABLE payment;--", "' OR '1'='1", "<script>alert('x')</script>",
                "${jndi:ldap://example.invalid/a}", "{{7*7}}", "../../etc/passwd");
        List<DynamicTest> tests = new ArrayList<>();
        for (String fragment : fragments) {
            tests.add(DynamicTest.dynamicTest(fragment, () -> {
                String ref = "ABUSE-TEXT-" + UUID.randomUUID();
                String quoted = "\"" + fragment.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                Response response = given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.COLLEGE))
                        .contentType("application/json")
                        .body("""
                                {"payments":[{"paymentDate":"2026-10-14","amount":1.00,"supplierName":%s,"description":%s,
                                  "transactionRef":"%s"}]}""".formatted(quoted, quoted, ref))
                        .post("/api/v1/payments");
                assertEquals(201, response.statusCode(), response::asString);
                assertTrue(response.contentType().startsWith("application/json"));
                String id = response.path("payments[0].id");
                Response read = given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.COLLEGE))
                        .get("/api/v1/payments/" + id);
                assertEquals(200, read.statusCode());
                assertEquals(fragment, read.path("supplierName"), "stored verbatim");
                assertTrue(payments(DemoClient.COLLEGE).contains(ref), "the payment table is intact");
            }));
        }
        return tests.stream();
    }

    /** Hostile spend files and file names: each a 4xx problem naming what is wrong, and nothing stored. */
    @TestFactory
    Stream<DynamicTest> hostileSpendFilesAreRefusedWithAProblemAndStoreNothing() {
        String header = "Payment Date,Supplier Name,Net Amount,Transaction Number\n";
        List<Object[]> cases = new ArrayList<>();
        for (String name : List.of("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "C:\\Windows\\win.ini", "/tmp/x.csv",
                "spend\u0000.csv")) {
            cases.add(new Object[] { "file name " + name, name,
                    (header + "2026-10-14,A Ltd,1.00,%s\n").getBytes(StandardCharsets.UTF_8), 400 });
        }
        cases.add(new Object[] { "NUL in a cell", null, (header + "2026-10-14,Nul\u0000Ltd,1.00,%s\n").getBytes(StandardCharsets.UTF_8), 422 });
        cases.add(new Object[] { "a 5,000-digit amount", null, (header + "2026-10-14,A Ltd,1" + "0".repeat(5000) + ",%s\n")
                .getBytes(StandardCharsets.UTF_8), 422 });
        cases.add(new Object[] { "an unterminated quote", null, (header + "2026-10-14,\"A Ltd,1.00,%s\n").getBytes(StandardCharsets.UTF_8), 422 });
        cases.add(new Object[] { "a supplier name longer than its field", null, (header + "2026-10-14," + "x".repeat(5001) + ",1.00,%s\n")
                .getBytes(StandardCharsets.UTF_8), 422 });
        cases.add(new Object[] { "no header at all", null, "%s\n<script>alert(1)</script>\n".getBytes(StandardCharsets.UTF_8), 422 });
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] hostile : cases) {
            tests.add(DynamicTest.dynamicTest((String) hostile[0], () -> {
                String ref = "ABUSE-FILE-" + UUID.randomUUID();
                byte[] body = new String((byte[]) hostile[2], StandardCharsets.UTF_8).replace("%s", ref).getBytes(StandardCharsets.UTF_8);
                io.restassured.specification.RequestSpecification request = given()
                        .auth().oauth2(KeycloakTokens.accessToken(DemoClient.COLLEGE))
                        .contentType("text/csv; charset=UTF-8").body(body);
                if (hostile[1] != null) {
                    request = request.queryParam("fileName", hostile[1]);
                }
                Response response = request.post("/api/v1/payments/uploads");
                assertEquals(hostile[3], response.statusCode(), () -> hostile[0] + ": " + response.asString());
                assertTrue(response.contentType().startsWith("application/problem+json"), response::contentType);
                assertFalse(response.asString().contains("Exception"), "no exception names in " + response.asString());
                assertFalse(payments(DemoClient.COLLEGE).contains(ref), "nothing stored");
            }));
        }
        return tests.stream();
    }
    /**
     * OCDS release packages are read whole (schema validation needs the tree), under the upload routes' 250 MB limit,
     * so the parser's own limits are what stand between a hostile package and the service's memory.
     */
    @TestFactory
    Stream<DynamicTest> hostileReleasePackagesAreRefusedWithAProblem() {
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] { "nested 100,000 deep", deeplyNested(100_000), 400 });
        cases.add(new Object[] { "a package nested 100,000 deep inside a release",
                "{\"releases\":[" + "{\"x\":".repeat(100_000) + "1" + "}".repeat(100_000) + "]}", 400 });
        cases.add(new Object[] { "not JSON", "<releasePackage/>", 400 });
        cases.add(new Object[] { "a string, not a package", "\"just a string\"", 422 });
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] hostile : cases) {
            tests.add(DynamicTest.dynamicTest((String) hostile[0], () -> {
                Response response = given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.COLLEGE))
                        .contentType("application/json; charset=UTF-8")
                        .body(((String) hostile[1]).getBytes(StandardCharsets.UTF_8)).post("/api/v1/ocds/release-packages");
                assertEquals(hostile[2], response.statusCode(), () -> hostile[0] + " gave " + response.statusCode());
                assertTrue(response.contentType().startsWith("application/problem+json"), response::contentType);
                assertFalse(response.asString().contains("Exception"), "no exception names");
            }));
        }
        return tests.stream();
    }

    /**
     * A write of a number that is stored (or, for valuations, compared with what is): where the number is, the body
     * around it, the problem type the write refuses with, and what the field is (so what each abusive value breaks).
     */
    record NumericWrite(String name, DemoClient caller, String method, Supplier<String> path, String pointer, String problemType,
            AbusiveNumbers field, Function<String, String> bodyWithNumber) {
    }

    /** What the numeric writes need: a published framework version, an open tender, a contract, a commitment's target. */
    private static final class NumericFixtures {
        static final String FRAMEWORK = "abuse-numbers-" + UUID.randomUUID().toString().substring(0, 8);
        static final String VERSIONS = "/api/v1/frameworks/" + FRAMEWORK + "/versions";
        static final String BAKERY = "/api/v1/charters/fairer-richer-darlington/signatories/GB-COH-10000004";
        static final String openTender;
        static final String contract;

        static {
            String admin = KeycloakTokens.accessToken(DemoClient.NETWORK_ADMIN);
            given().auth().oauth2(admin).contentType("application/json").body("""
                    {"id":"%s","name":"Abuse numbers","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}""".formatted(FRAMEWORK))
                    .post("/api/v1/frameworks").then().statusCode(201);
            given().auth().oauth2(admin).contentType("application/json").body(version("10.00")).post(VERSIONS).then().statusCode(201);
            given().auth().oauth2(admin).post(VERSIONS + "/1/publish").then().statusCode(200);
            String portal = KeycloakTokens.accessToken(DemoClient.PORTAL);
            openTender = given().auth().oauth2(portal).contentType("application/json").body(tender("15"))
                    .post("/api/v1/tenders").then().statusCode(201).extract().path("id");
            String awarded = given().auth().oauth2(portal).contentType("application/json").body(tender("15"))
                    .post("/api/v1/tenders").then().statusCode(201).extract().path("id");
            String bid = given().auth().oauth2(portal).contentType("application/json").body(bid("1000", "2", "12"))
                    .post("/api/v1/tenders/" + awarded + "/bids").then().statusCode(201).extract().path("id");
            given().auth().oauth2(portal).post("/api/v1/tenders/" + awarded + "/close").then().statusCode(200);
            given().auth().oauth2(portal).post("/api/v1/tenders/" + awarded + "/evaluation").then().statusCode(200);
            contract = given().auth().oauth2(portal).contentType("application/json")
                    .body("{\"bidId\":\"" + bid + "\",\"startsOn\":\"2026-01-01\",\"endsOn\":\"2027-12-31\"}")
                    .post("/api/v1/tenders/" + awarded + "/award").then().statusCode(201).extract().path("id");
            // The bakery's living-wage target, as CharterJourneysTest sets it, so that a figure can be reported on it.
            String bakery = KeycloakTokens.accessToken(DemoClient.SIGNATORY_BAKERY);
            given().auth().oauth2(bakery).contentType("application/json").body("""
                    {"organisationName":"Tees Valley Bakery","signatoryType":"BUSINESS",
                     "pledgeCodes":["tackling-low-incomes","give-locally"]}""")
                    .post("/api/v1/charters/fairer-richer-darlington/signatories").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            given().auth().oauth2(bakery).contentType("application/json").body(targets("100"))
                    .put(BAKERY + "/commitments/tackling-low-incomes").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }

        static String version(String proxyValue) {
            return """
                    {"themes":[{"code":"JOBS","title":"Jobs"}],"outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"Jobs"}],
                     "measures":[{"code":"M1","outcome":"JOBS-1","title":"Hours","unit":"hours","proxyValue":%s,
                       "priceBaseYear":2025}]}""".formatted(proxyValue);
        }

        static String tender(String weighting) {
            return """
                    {"anchorOrgId":"GB-LAE-DAL","anchorName":"Darlington Borough Council","reference":"ABUSE-%s",
                     "title":"Numbers","frameworkId":"%s","frameworkVersion":1,"measureCodes":["M1"],
                     "socialValueWeighting":%s,"scoringMethod":"RELATIVE_VALUE","closingAt":"%s"}"""
                    .formatted(UUID.randomUUID(), FRAMEWORK, weighting, java.time.OffsetDateTime.now().plusHours(2));
        }

        static String bid(String price, String quantity, String months) {
            return """
                    {"bidderOrgId":"GB-COH-10000002","bidderName":"DL Building Supplies Ltd","submissionId":"abuse-%s",
                     "bidPrice":%s,"commitments":[{"measureCode":"M1","quantity":%s,"timescaleMonths":%s}]}"""
                    .formatted(UUID.randomUUID(), price, quantity, months);
        }

        static String targets(String target) {
            return """
                    {"targets":[{"metricCode":"real-living-wage-employees-pct","baseline":70,"baselinePeriod":"2025-26",
                                 "target":%s,"deadline":"2028-03-31"}],
                     "plannedActions":["Move bakers on zero-hours contracts to the real Living Wage"]}""".formatted(target);
        }

        static String release(String weighting) {
            String reference = "ABUSE-OCDS-" + UUID.randomUUID();
            return """
                    {"uri":"https://portal.example/ocds/%1$s","version":"1.1","publishedDate":"2026-11-30T09:00:00Z",
                     "publisher":{"name":"Tees Tender Portal"},
                     "releases":[{"ocid":"ocds-abuse-%1$s","id":"ocds-abuse-%1$s-01","date":"2026-11-30T09:00:00Z",
                       "tag":["tender"],"initiationType":"tender","buyer":{"id":"GB-LAE-DAL","name":"Darlington Borough Council"},
                       "tender":{"id":"%1$s","title":"Numbers","tenderPeriod":{"endDate":"%2$s"},
                         "socialValue":{"frameworkId":"%3$s","frameworkVersion":1,"measureCodes":["M1"],"weighting":%4$s,
                           "scoringMethod":"RELATIVE_VALUE"}}}]}""".formatted(reference,
                    java.time.OffsetDateTime.now().plusHours(2).withNano(0), FRAMEWORK, weighting);
        }
    }

    private static List<NumericWrite> numericWrites() {
        String tenders = "/api/v1/tenders";
        return List.of(
                new NumericWrite("POST /api/v1/tenders", DemoClient.PORTAL, "POST", () -> tenders, "/socialValueWeighting",
                        "validation", AbusiveNumbers.POSITIVE, NumericFixtures::tender),
                new NumericWrite("POST /api/v1/tenders/{id}/bids", DemoClient.PORTAL, "POST",
                        () -> tenders + "/" + NumericFixtures.openTender + "/bids", "/bidPrice", "validation", AbusiveNumbers.POSITIVE,
                        v -> NumericFixtures.bid(v, "2", "12")),
                new NumericWrite("POST /api/v1/tenders/{id}/bids", DemoClient.PORTAL, "POST",
                        () -> tenders + "/" + NumericFixtures.openTender + "/bids", "/commitments/0/quantity", "validation",
                        AbusiveNumbers.QUANTITY, v -> NumericFixtures.bid("1000", v, "12")),
                new NumericWrite("POST /api/v1/tenders/{id}/bids", DemoClient.PORTAL, "POST",
                        () -> tenders + "/" + NumericFixtures.openTender + "/bids", "/commitments/0/timescaleMonths", "validation",
                        AbusiveNumbers.WHOLE, v -> NumericFixtures.bid("1000", "2", v)),
                new NumericWrite("POST /api/v1/tenders/ocds-releases", DemoClient.PORTAL, "POST", () -> tenders + "/ocds-releases",
                        "/releases/0/tender/socialValue/weighting", "validation", AbusiveNumbers.POSITIVE, NumericFixtures::release),
                new NumericWrite("POST /api/v1/contracts/{id}/deliveries", DemoClient.PORTAL, "POST",
                        () -> "/api/v1/contracts/" + NumericFixtures.contract + "/deliveries", "/lines/0/quantity", "validation",
                        AbusiveNumbers.QUANTITY, v -> "{\"period\":\"2025-26-Q4\",\"lines\":[{\"measureCode\":\"M1\",\"quantity\":" + v + "}]}"),
                new NumericWrite("POST /api/v1/frameworks/{id}/versions", DemoClient.NETWORK_ADMIN, "POST",
                        () -> NumericFixtures.VERSIONS, "/measures/0/proxyValue", "validation", AbusiveNumbers.NOT_NEGATIVE,
                        NumericFixtures::version),
                new NumericWrite("POST /api/v1/frameworks/{id}/versions/{number}/valuations", DemoClient.COLLEGE, "POST",
                        () -> NumericFixtures.VERSIONS + "/1/valuations", "/contractValue", "validation", AbusiveNumbers.POSITIVE,
                        v -> "{\"commitments\":[{\"measureCode\":\"M1\",\"quantity\":1}],\"contractValue\":" + v + "}"),
                new NumericWrite("POST /api/v1/payments", DemoClient.COLLEGE, "POST", () -> "/api/v1/payments", "/payments/0/amount",
                        "batch-rejected", AbusiveNumbers.SIGNED, v -> """
                                {"payments":[{"paymentDate":"2026-10-14","amount":%s,"supplierName":"Numbers Ltd",
                                  "transactionRef":"ABUSE-N-%s"}]}""".formatted(v, UUID.randomUUID())),
                new NumericWrite("PUT /api/v1/spend/lm3/surveys/{supplier}/{financialYear}", DemoClient.COLLEGE, "PUT",
                        () -> "/api/v1/spend/lm3/surveys/GB-COH-10000002/2026-27", "/staffLocalShare", "validation",
                        AbusiveNumbers.NOT_NEGATIVE, v -> "{\"staffLocalShare\":" + v + ",\"supplierLocalShare\":10}"),
                new NumericWrite("PUT /api/v1/spend/lm3/workforce/{financialYear}", DemoClient.COLLEGE, "PUT",
                        () -> "/api/v1/spend/lm3/workforce/2026-27", "/payroll", "validation", AbusiveNumbers.NOT_NEGATIVE,
                        v -> "{\"payroll\":" + v + ",\"localResidentShare\":50}"),
                new NumericWrite("PUT /api/v1/spend/lm3/default-rates", DemoClient.NETWORK_ADMIN, "PUT",
                        () -> "/api/v1/spend/lm3/default-rates", "/staffRate", "validation", AbusiveNumbers.NOT_NEGATIVE,
                        v -> "{\"localSupplierRate\":76,\"nonLocalSupplierRate\":36,\"staffRate\":" + v + ",\"source\":\"x\"}"),
                new NumericWrite("PUT /api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}",
                        DemoClient.SIGNATORY_BAKERY, "PUT", () -> NumericFixtures.BAKERY + "/commitments/tackling-low-incomes",
                        "/targets/0/target", "validation", AbusiveNumbers.NOT_NEGATIVE, NumericFixtures::targets),
                new NumericWrite("POST /api/v1/charters/{charterId}/signatories/{organisationId}/commitments/{pledgeCode}/progress",
                        DemoClient.SIGNATORY_BAKERY, "POST",
                        () -> NumericFixtures.BAKERY + "/commitments/tackling-low-incomes/progress", "/value", "validation",
                        AbusiveNumbers.NOT_NEGATIVE, v -> """
                                {"metricCode":"real-living-wage-employees-pct","period":"2026-27-Q1","value":%s}""".formatted(v)));
    }

    /**
     * Numbers of every service's writes (issue 15): huge, tiny, negative or more precise than stored, each is a 422 of
     * the write's problem type with one error at the field (never a 500, never stored as another value).
     */
    @TestFactory
    Stream<DynamicNode> abusiveNumbersAreA422AtTheirPointer() {
        return numericWrites().stream().map(write -> DynamicContainer.dynamicContainer(write.name() + " " + write.pointer(),
                write.field().valuesAndCodes().stream().map(abuse -> DynamicTest.dynamicTest(abuse[0] + ": 422 " + abuse[1], () -> {
                    Response response = given().auth().oauth2(KeycloakTokens.accessToken(write.caller()))
                            .contentType("application/json").body(write.bodyWithNumber().apply(abuse[0]))
                            .request(write.method(), write.path().get());
                    assertEquals(422, response.statusCode(), response::asString);
                    assertTrue(response.contentType().startsWith("application/problem+json"), response::contentType);
                    assertEquals("https://anchor-network.org/problems/" + write.problemType(), response.path("type"));
                    assertEquals(List.of(write.pointer() + " " + abuse[1]),
                            response.path("errors.collect { it.pointer + ' ' + it.code }"), response::asString);
                }))));
    }

    /** Query parameters that take one of a few values: another value is a 400 naming the parameter, never a 404. */
    @TestFactory
    Stream<DynamicTest> choicesInQueryParametersOutsideTheirValuesAreA400() {
        List<String[]> cases = List.of(
                new String[] { "/api/v1/charters/fairer-richer-darlington/signatories?signatoryType=PERSON", "signatoryType" },
                new String[] { "/api/v1/charters/fairer-richer-darlington/signatories?includeLeft=maybe", "includeLeft" },
                new String[] { "/api/v1/spend/aggregate?scope=everyone", "scope" },
                new String[] { "/api/v1/spend/aggregate?denominator=some", "denominator" },
                new String[] { "/api/v1/spend/lm3?mode=guessed", "mode" });
        return cases.stream().map(query -> DynamicTest.dynamicTest(query[0], () -> {
            Response response = given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.NETWORK_ADMIN)).get(query[0]);
            assertEquals(400, response.statusCode(), response::asString);
            assertEquals("https://anchor-network.org/problems/invalid-parameter", response.path("type"));
            assertEquals(List.of(query[1]), response.path("errors.pointer"), response::asString);
        }));
    }

    /** Numbers in query parameters: out of range or not plain digits, a 400 naming the parameter. */
    @TestFactory
    Stream<DynamicTest> numbersInQueryParametersOutOfRangeAreA400() {
        List<String[]> cases = List.of(new String[] { "/api/v1/payments?limit=1e3", "invalid-limit" },
                new String[] { "/api/v1/tenders?limit=99999999999", "invalid-limit" },
                new String[] { "/api/v1/charters/fairer-richer-darlington/pledges?version=99999999999", "invalid-parameter" },
                new String[] { "/api/v1/spend/aggregate?limit=1e3", "invalid-parameter" },
                new String[] { "/api/v1/spend/what-if?category=construction&percent=1e999999", "invalid-parameter" });
        return cases.stream().map(query -> DynamicTest.dynamicTest(query[0], () -> {
            Response response = given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.DARLINGTON_COUNCIL)).get(query[0]);
            assertEquals(400, response.statusCode(), response::asString);
            assertEquals("https://anchor-network.org/problems/" + query[1], response.path("type"));
        }));
    }

    /**
     * Aggregates over everything at the finest grain, and queries built to confuse the parser: each is answered, or
     * refused with exactly the problem it should get; never a 500.
     */
    @TestFactory
    Stream<DynamicTest> pathologicalAnalysesAreAnsweredOrRefusedWithTheirProblem() {
        String invalidParameter = "https://anchor-network.org/problems/invalid-parameter";
        List<Object[]> queries = List.of(
                new Object[] { "drilldown=supplier,month,anchor,category,localAuthority,supplierSize,vcse,signatory"
                        + "&measures=supplierCount,totalSpend", 200, null },
                new Object[] { "drilldown=anchor&cut=anchor:GB-LAE-DAL'%20or%201=1--", 400, invalidParameter },
                new Object[] { "drilldown=anchor&cut=category:" + "x".repeat(3000), 400, invalidParameter },
                new Object[] { "drilldown=anchor&cut=category:" + "x".repeat(5000), 414,
                        "https://anchor-network.org/problems/uri-too-long" },
                new Object[] { "cut=" + "financialYear:2025-26|".repeat(150), 200, null },
                new Object[] { "drilldown=" + "anchor,".repeat(500), 400, invalidParameter },
                new Object[] { "order=" + "totalSpend".repeat(200), 400, invalidParameter },
                new Object[] { "cut=supplier:not-a-uuid&drilldown=anchor", 400, invalidParameter },
                new Object[] { "limit=0", 400, invalidParameter },
                new Object[] { "cursor=" + "A".repeat(300), 400, "https://anchor-network.org/problems/invalid-cursor" });
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] query : queries) {
            String text = (String) query[0];
            tests.add(DynamicTest.dynamicTest(text.substring(0, Math.min(60, text.length())), () -> {
                Response response = given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.NETWORK_ADMIN)).urlEncodingEnabled(false)
                        .get("/api/v1/spend/aggregate?" + text.replace("|", "%7C"));
                assertEquals(query[1], response.statusCode(), () -> text.substring(0, Math.min(60, text.length())) + " gave "
                        + response.statusCode() + ": " + response.asString());
                if (query[2] != null) {
                    assertTrue(response.contentType().startsWith("application/problem+json"), response::contentType);
                    assertEquals(query[2], response.path("type"), response::asString);
                    assertFalse(response.asString().contains("Exception"), "no exception names");
                }
            }));
        }
        return tests.stream();
    }

    // ------------------------------------------------------------------------------------------ control characters

    /** Control bytes as they arrive percent-encoded: NUL, other C0 controls, tab and line breaks, DEL, a C1 control. */
    private static final List<String> CONTROL_BYTES = List.of("%00", "%01", "%09", "%0A", "%0D", "%1B", "%7F", "%C2%85");
    private static final String INVALID_PARAMETER = "https://anchor-network.org/problems/invalid-parameter";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Requests through the gateway kept under its per-client rate limit (anonymous: 20 a second). */
    private static long lastRequest;

    private static synchronized void pace() throws InterruptedException {
        long wait = lastRequest + 60 - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        lastRequest = System.currentTimeMillis();
    }

    /** One published operation: method, path template, whether it needs a token, and its query parameters. */
    record Published(String method, String template, boolean needsToken, List<String> queryParameters) {
        String name() {
            return method + " " + template;
        }

        boolean hasPathParameters() {
            return template.contains("{");
        }

        /** The path with every parameter "x", or the first one holding {@code control}. */
        String path(String control) {
            String path = template;
            boolean first = true;
            while (path.contains("{")) {
                String value = first && control != null ? "abc" + control + "def" : "x";
                path = path.substring(0, path.indexOf('{')) + value + path.substring(path.indexOf('}') + 1);
                first = false;
            }
            return path;
        }

        String query(String control) {
            return (queryParameters.isEmpty() ? "probe" : queryParameters.get(0)) + "=abc" + control + "def";
        }
    }

    /** Every operation of the three services' OpenAPI documents, as the tenant isolation matrix reads them. */
    private static List<Published> publishedOperations() throws Exception {
        List<Published> operations = new ArrayList<>();
        for (String service : List.of("framework", "spend", "pledge")) {
            JsonNode paths = JSON.readTree(given().get("/openapi/" + service).then().statusCode(200).extract().asString())
                    .path("paths");
            paths.fieldNames().forEachRemaining(path -> paths.get(path).fields().forEachRemaining(method -> {
                if (!Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                    return;
                }
                List<String> query = new ArrayList<>();
                method.getValue().path("parameters").forEach(parameter -> {
                    if ("query".equals(parameter.path("in").asText())) {
                        query.add(parameter.path("name").asText());
                    }
                });
                boolean needsToken = method.getValue().has("security") || !method.getKey().equals("get");
                operations.add(new Published(method.getKey().toUpperCase(), path, needsToken, query));
            }));
        }
        return operations;
    }

    private static void assertInvalidParameter(Response response, String what) {
        assertEquals(400, response.statusCode(), () -> what + " gave " + response.statusCode() + ": " + response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), () -> what + ": " + response.contentType());
        assertEquals(INVALID_PARAMETER, response.path("type"), () -> what + ": " + response.asString());
        assertEquals("control-character", response.path("errors[0].code"), () -> what + ": " + response.asString());
        assertFalse(response.asString().contains("Exception"), "no exception names in " + response.asString());
    }

    /**
     * {@code %00} in a path segment or a query parameter, and the other control bytes, at every operation the services
     * publish: a 400 invalid-parameter problem before anything runs, for members and (on public reads) anonymous callers.
     */
    @TestFactory
    Stream<DynamicNode> controlCharactersInPathsAndQueriesAreA400AtEveryOperation() throws Exception {
        List<Published> operations = publishedOperations();
        assertTrue(operations.size() > 50, "the OpenAPI documents list the operations: " + operations.size());
        List<DynamicNode> nodes = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            Published operation = operations.get(i);
            String other = CONTROL_BYTES.get(1 + i % (CONTROL_BYTES.size() - 1));
            List<DynamicTest> calls = new ArrayList<>();
            List<String[]> urls = new ArrayList<>();
            if (operation.hasPathParameters()) {
                urls.add(new String[] { "%00 in the path", operation.path("%00") });
                urls.add(new String[] { other + " in the path", operation.path(other) });
            }
            urls.add(new String[] { "%00 in the query", operation.path(null) + "?" + operation.query("%00") });
            urls.add(new String[] { other + " in the query", operation.path(null) + "?" + operation.query(other) });
            for (String[] url : urls) {
                calls.add(DynamicTest.dynamicTest(url[0] + " with a token", () -> {
                    pace();
                    Response response = given().urlEncodingEnabled(false)
                            .auth().oauth2(KeycloakTokens.accessToken(DemoClient.NETWORK_ADMIN))
                            .request(operation.method(), url[1]);
                    assertInvalidParameter(response, operation.name() + " " + url[1]);
                }));
                if (!operation.needsToken()) {
                    calls.add(DynamicTest.dynamicTest(url[0] + " anonymously", () -> {
                        pace();
                        Response response = given().urlEncodingEnabled(false).request(operation.method(), url[1]);
                        assertInvalidParameter(response, "anonymous " + operation.name() + " " + url[1]);
                    }));
                }
            }
            nodes.add(DynamicContainer.dynamicContainer(operation.name(), calls));
        }
        return nodes.stream();
    }

    // ------------------------------------------------------------------------------------------ CSV uploads

    /**
     * A CSV upload: who sends it where, its header and one row around a text cell (%1$s, in column {@code column})
     * and a marker (%2$s), and what the caller can see of what it stored (the same before and after a refusal).
     */
    record CsvUpload(String name, DemoClient caller, Supplier<String> path, String header, String row, int column,
            Function<String, String> seen) {
    }

    private static List<CsvUpload> csvUploads() {
        return List.of(
                new CsvUpload("spend file", DemoClient.COLLEGE, () -> "/api/v1/payments/uploads",
                        "Payment Date,Supplier Name,Net Amount,Transaction Number", "2026-10-14,%1$s,1.00,ABUSE-CSV-%2$s", 2,
                        marker -> String.valueOf(payments(DemoClient.COLLEGE).contains("ABUSE-CSV-" + marker))),
                new CsvUpload("vendor master", DemoClient.COLLEGE, () -> "/api/v1/suppliers/vendor-master",
                        "Organisation ID,Supplier Name", "GB-COH-A%2$s,%1$s", 2,
                        marker -> String.valueOf(given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.NETWORK_ADMIN))
                                .get("/api/v1/suppliers/GB-COH-A" + marker).statusCode())),
                new CsvUpload("measures", DemoClient.NETWORK_ADMIN, () -> VERSIONS,
                        "theme,theme_title,outcome,outcome_title,code,title,unit", "JOBS,Jobs,JOBS-1,Local jobs,M-%2$s,%1$s,hours", 6,
                        marker -> String.valueOf(versionsAsAdmin().contains("M-" + marker))),
                new CsvUpload("bid spreadsheet", DemoClient.SUPPLIER,
                        () -> "/api/v1/tenders/" + tender + "/bids/upload?bidderName=AbuseLtd&bidPrice=1000&submissionId=abuse-"
                                + marker(),
                        "Measure Code,Quantity,Narrative", "M-VALID,1,%1$s", 3,
                        marker -> given().auth().oauth2(KeycloakTokens.accessToken(DemoClient.SUPPLIER))
                                .get("/api/v1/tenders/" + tender + "/bids").then().statusCode(200).extract()
                                .path("submissionId").toString()),
                new CsvUpload("360Giving grants", DemoClient.SIGNATORY_BAKERY, () -> BAKERY + "/GB-COH-10000004/giving",
                        "Identifier,Title,Currency,Amount Awarded,Award Date,Funding Org:Identifier",
                        "360G-abuse-%2$s,%1$s,GBP,10,2026-05-01,GB-COH-10000004", 2,
                        marker -> given().get(BAKERY + "/GB-COH-10000004/giving").then().statusCode(200).extract().asString()));
    }

    /**
     * NUL and other control characters in a cell, and bytes that are not the declared UTF-8, in each CSV upload of the
     * network: the same 422 csv-unreadable problem naming the row and column, and nothing stored.
     */
    @TestFactory
    Stream<DynamicNode> csvUploadsThatAreNotTextAreRefusedAtTheirRowAndColumnAndStoreNothing() {
        record Case(String name, String text, boolean latin1, String code) {
        }
        List<Case> cases = List.of(new Case("NUL in a cell", "Nul\u0000Ltd", false, "control-character"),
                new Case("an escape sequence in a cell", "Red\u001B[31mLtd", false, "control-character"),
                new Case("bytes that are not the declared UTF-8", "Caf\u00e9 Ltd", true, "invalid-encoding"));
        return csvUploads().stream().map(upload -> DynamicContainer.dynamicContainer(upload.name(), cases.stream()
                .map(hostile -> DynamicTest.dynamicTest(hostile.name(), () -> {
                    MARKER.set(UUID.randomUUID().toString().substring(0, 8).toUpperCase());
                    String before = upload.seen().apply(marker());
                    String file = upload.header() + "\n" + upload.row().formatted(hostile.text(), marker()) + "\n";
                    Response response = given().auth().oauth2(KeycloakTokens.accessToken(upload.caller()))
                            .contentType("text/csv; charset=UTF-8")
                            .body(file.getBytes(hostile.latin1() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8))
                            .post(upload.path().get());
                    assertEquals(422, response.statusCode(), () -> upload.name() + ": " + response.asString());
                    assertTrue(response.contentType().startsWith("application/problem+json"), response::contentType);
                    assertEquals("https://anchor-network.org/problems/csv-unreadable", response.path("type"), response::asString);
                    assertEquals(hostile.code(), response.path("errors[0].code"), response::asString);
                    assertEquals(2, (Integer) response.path("errors[0].row"), response::asString);
                    assertEquals(upload.column(), (Integer) response.path("errors[0].column"), response::asString);
                    assertFalse(response.asString().contains("Exception"), "no exception names in " + response.asString());
                    assertEquals(before, upload.seen().apply(marker()), "nothing stored");
                }))));
    }

    /** The same file without the hostile cell is stored: the refusals above are about the cell, not the upload. */
    @TestFactory
    Stream<DynamicTest> theSameCsvUploadsWithPlainTextAreStored() {
        return csvUploads().stream().map(upload -> DynamicTest.dynamicTest(upload.name(), () -> {
            MARKER.set(UUID.randomUUID().toString().substring(0, 8).toUpperCase());
            String before = upload.seen().apply(marker());
            String file = upload.header() + "\n" + upload.row().formatted("Plain Ltd", marker()) + "\n";
            Response response = given().auth().oauth2(KeycloakTokens.accessToken(upload.caller()))
                    .contentType("text/csv; charset=UTF-8").body(file.getBytes(StandardCharsets.UTF_8))
                    .post(upload.path().get());
            assertTrue(response.statusCode() == 200 || response.statusCode() == 201,
                    () -> upload.name() + " gave " + response.statusCode() + ": " + response.asString());
            org.junit.jupiter.api.Assertions.assertNotEquals(before, upload.seen().apply(marker()), "stored");
        }));
    }
}
