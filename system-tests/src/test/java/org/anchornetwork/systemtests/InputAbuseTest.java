package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.anchornetwork.testsupport.LocalInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Hostile input through the gateway at every operation that takes a body: each gets a 4xx problem, never a 500,
 * and nothing is stored. SQL and script fragments in text are data: stored verbatim, returned as JSON, never run.
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
    }

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
                new Object[] { "drilldown=anchor&cut=category:" + "x".repeat(5000), 400, invalidParameter },
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
}
