package org.anchornetwork.framework;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.anchornetwork.testsupport.AbusiveNumbers;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Issue 15, numbers as a class: every numeric field of every write of framework-service, sent huge (1e20, 1e999999),
 * tiny (1e-999999), negative and more precise than stored, is a 422 validation problem pointing at the field, and
 * nothing is stored; numeric query parameters out of range are a 400 naming the parameter; and a value written in any
 * notation is answered as stored and re-read the same.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NumbersTest {

    private static final String FRAMEWORK = "numbers-test-sv";
    private static final String VERSIONS = "/api/v1/frameworks/" + FRAMEWORK + "/versions";
    private static final String VALIDATION = "https://anchor-network.org/problems/validation";
    private static String openTender;
    private static String contract;

    /** One caller that may make every write: the council's own token with the portal and admin roles as well. */
    @Test
    @Order(1)
    @TestSecurity(user = "everyone", roles = { "anchor", "portal", "network-admin" })
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-LAE-DAL"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void aFrameworkATenderOpenForBidsAndAContract() {
        given().contentType(ContentType.JSON).body("""
                {"id":"%s","name":"Numbers","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}""".formatted(FRAMEWORK))
                .post("/api/v1/frameworks").then().statusCode(201);
        given().contentType(ContentType.JSON).body(version("10.00")).post(VERSIONS).then().statusCode(201);
        given().post(VERSIONS + "/1/publish").then().statusCode(200);
        given().contentType(ContentType.JSON).body(version("10.00")).post(VERSIONS).then().statusCode(201); // draft 2
        openTender = given().contentType(ContentType.JSON).body(tender("20", "")).post("/api/v1/tenders").then()
                .statusCode(201).extract().path("id");
        String awarded = given().contentType(ContentType.JSON).body(tender("20", "")).post("/api/v1/tenders").then()
                .statusCode(201).extract().path("id");
        String bid = given().contentType(ContentType.JSON).body(bid("1000.00", "2", "12"))
                .post("/api/v1/tenders/" + awarded + "/bids").then().statusCode(201).extract().path("id");
        given().post("/api/v1/tenders/" + awarded + "/close").then().statusCode(200);
        given().post("/api/v1/tenders/" + awarded + "/evaluation").then().statusCode(200);
        contract = given().contentType(ContentType.JSON)
                .body("{\"bidId\":\"" + bid + "\",\"startsOn\":\"2026-01-01\",\"endsOn\":\"2027-12-31\"}")
                .post("/api/v1/tenders/" + awarded + "/award").then().statusCode(201).extract().path("id");
    }

    /** A write with one numeric field in its body: the body with that field's JSON text. */
    record Field(String write, Supplier<String> path, String method, String pointer, AbusiveNumbers kind, Function<String, String> body) {
        @Override
        public String toString() {
            return write + " " + pointer;
        }
    }

    static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        String tenders = "POST /api/v1/tenders";
        fields.add(new Field(tenders, () -> "/api/v1/tenders", "POST", "/socialValueWeighting", AbusiveNumbers.POSITIVE, v -> tender(v, "")));
        fields.add(new Field(tenders, () -> "/api/v1/tenders", "POST", "/minimumSocialValue", AbusiveNumbers.NOT_NEGATIVE,
                v -> tender("20", ",\"minimumSocialValue\":" + v)));
        fields.add(new Field(tenders, () -> "/api/v1/tenders", "POST", "/minimumSocialValuePercent", AbusiveNumbers.NOT_NEGATIVE,
                v -> tender("20", ",\"minimumSocialValuePercent\":" + v)));
        fields.add(new Field(tenders, () -> "/api/v1/tenders", "POST", "/bands/0/fromPercent", AbusiveNumbers.NOT_NEGATIVE,
                v -> tender("20", ",\"bands\":[{\"fromPercent\":" + v + ",\"scorePercent\":50}]").replace("RELATIVE_VALUE", "FIXED_BANDS")));
        fields.add(new Field(tenders, () -> "/api/v1/tenders", "POST", "/bands/0/scorePercent", AbusiveNumbers.NOT_NEGATIVE,
                v -> tender("20", ",\"bands\":[{\"fromPercent\":1,\"scorePercent\":" + v + "}]").replace("RELATIVE_VALUE", "FIXED_BANDS")));
        fields.add(new Field(tenders, () -> "/api/v1/tenders", "POST", "/frameworkVersion", AbusiveNumbers.WHOLE,
                v -> tender("20", "").replace("\"frameworkVersion\":1", "\"frameworkVersion\":" + v)));
        String bids = "POST /api/v1/tenders/{id}/bids";
        fields.add(new Field(bids, () -> "/api/v1/tenders/" + openTender + "/bids", "POST", "/bidPrice", AbusiveNumbers.POSITIVE,
                v -> bid(v, "2", "12")));
        fields.add(new Field(bids, () -> "/api/v1/tenders/" + openTender + "/bids", "POST", "/commitments/0/quantity",
                AbusiveNumbers.QUANTITY, v -> bid("1000", v, "12")));
        fields.add(new Field(bids, () -> "/api/v1/tenders/" + openTender + "/bids", "POST", "/commitments/0/timescaleMonths",
                AbusiveNumbers.WHOLE, v -> bid("1000", "2", v)));
        fields.add(new Field("POST /api/v1/contracts/{id}/deliveries", () -> "/api/v1/contracts/" + contract + "/deliveries",
                "POST", "/lines/0/quantity", AbusiveNumbers.QUANTITY,
                v -> "{\"period\":\"2025-26-Q4\",\"lines\":[{\"measureCode\":\"FRD1\",\"quantity\":" + v + "}]}"));
        for (String[] write : List.of(new String[] { "POST /api/v1/frameworks/{id}/versions", "POST", VERSIONS },
                new String[] { "PUT /api/v1/frameworks/{id}/versions/{number}", "PUT", VERSIONS + "/2" })) {
            fields.add(new Field(write[0], () -> write[2], write[1], "/measures/0/proxyValue", AbusiveNumbers.NOT_NEGATIVE, NumbersTest::version));
            fields.add(new Field(write[0], () -> write[2], write[1], "/measures/0/priceBaseYear", AbusiveNumbers.WHOLE,
                    v -> version("10").replace("\"priceBaseYear\":2025", "\"priceBaseYear\":" + v)));
            fields.add(new Field(write[0], () -> write[2], write[1], "/targets/0/minimumSocialValuePercent", AbusiveNumbers.NOT_NEGATIVE,
                    v -> version("10").replace("\"minimumSocialValuePercent\":10", "\"minimumSocialValuePercent\":" + v)));
            fields.add(new Field(write[0], () -> write[2], write[1], "/targets/0/contractValueFrom", AbusiveNumbers.NOT_NEGATIVE,
                    v -> version("10").replace("\"contractValueFrom\":100000", "\"contractValueFrom\":" + v)));
        }
        String valuations = "POST /api/v1/frameworks/{id}/versions/{number}/valuations";
        fields.add(new Field(valuations, () -> VERSIONS + "/1/valuations", "POST", "/commitments/0/quantity", AbusiveNumbers.QUANTITY,
                v -> "{\"commitments\":[{\"measureCode\":\"FRD1\",\"quantity\":" + v + "}],\"contractValue\":1000}"));
        fields.add(new Field(valuations, () -> VERSIONS + "/1/valuations", "POST", "/contractValue", AbusiveNumbers.POSITIVE,
                v -> "{\"commitments\":[{\"measureCode\":\"FRD1\",\"quantity\":1}],\"contractValue\":" + v + "}"));
        String ocds = "POST /api/v1/tenders/ocds-releases";
        for (String[] rule : List.of(new String[] { "weighting", "POSITIVE" }, new String[] { "minimumSocialValue", "NOT_NEGATIVE" },
                new String[] { "minimumSocialValuePercent", "NOT_NEGATIVE" }, new String[] { "frameworkVersion", "WHOLE" })) {
            fields.add(new Field(ocds, () -> "/api/v1/tenders/ocds-releases", "POST",
                    "/releases/0/tender/socialValue/" + rule[0], AbusiveNumbers.valueOf(rule[1]), v -> release(rule[0], v)));
        }
        return fields;
    }

    static Stream<Arguments> abusiveNumbers() {
        return fields().stream().flatMap(field -> field.kind().valuesAndCodes().stream()
                .map(abuse -> Arguments.of(field, abuse[0], abuse[1])));
    }

    @ParameterizedTest(name = "{0} = {1}: 422 {2}")
    @MethodSource("abusiveNumbers")
    @Order(2)
    @TestSecurity(user = "everyone", roles = { "anchor", "portal", "network-admin" })
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-LAE-DAL"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void everyNumericFieldRefusesAbusiveNumbersAtItsPointerAndStoresNothing(Field field, String value, String code) {
        long before = rows();
        Response response = given().contentType(ContentType.JSON).body(field.body().apply(value))
                .request(field.method(), field.path().get());
        response.then().statusCode(422).contentType("application/problem+json").body("type", equalTo(VALIDATION));
        List<String> errors = response.path("errors.collect { it.pointer + ' ' + it.code }");
        assertEquals(List.of(field.pointer() + " " + code), errors, response::asString);
        assertEquals(before, rows(), "nothing stored");
    }

    static Stream<Arguments> numericQueryParameters() {
        return Stream.of(Arguments.of("GET", "/api/v1/tenders?limit=1e3", "invalid-limit"),
                Arguments.of("GET", "/api/v1/tenders?limit=99999999999", "invalid-limit"),
                Arguments.of("GET", "/api/v1/contracts?limit=-1", "invalid-limit"),
                Arguments.of("GET", "/api/v1/frameworks?limit=1.5", "invalid-limit"),
                Arguments.of("GET", VERSIONS + "/2/diff?from=99999999999", "invalid-parameter"),
                Arguments.of("GET", VERSIONS + "/2/diff?from=1e0", "invalid-parameter"),
                Arguments.of("POST", VERSIONS + "?basedOnFramework=x&basedOnVersion=99999999999", "invalid-parameter"),
                Arguments.of("POST", "/api/v1/tenders/{open}/bids/upload?bidderOrgId=GB-COH-1&bidderName=B&submissionId=q"
                        + "&bidPrice=1e999999", "invalid-parameter"),
                Arguments.of("POST", "/api/v1/tenders/{open}/bids/upload?bidderOrgId=GB-COH-1&bidderName=B&submissionId=q"
                        + "&bidPrice=0.001", "invalid-parameter"));
    }

    @ParameterizedTest(name = "{0} {1}: 400 {2}")
    @MethodSource("numericQueryParameters")
    @Order(3)
    @TestSecurity(user = "everyone", roles = { "anchor", "portal", "network-admin" })
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-LAE-DAL"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void numericQueryParametersOutOfRangeAreA400NamingTheParameter(String method, String path, String slug) {
        io.restassured.specification.RequestSpecification request = given().urlEncodingEnabled(false);
        if (method.equals("POST")) {
            request = request.contentType("text/csv").body("Measure Code,Quantity\n");
        }
        request.request(method, path.replace("{open}", openTender)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/" + slug));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "everyone", roles = { "anchor", "portal", "network-admin" })
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-LAE-DAL"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void numbersInSpreadsheetCellsAreCheckedTheSameWay() {
        given().contentType("text/csv").body("Measure Code,Quantity\nFRD1,1e999999\nFRD9,1e-999999\n")
                .post("/api/v1/tenders/" + openTender + "/bids/upload?bidderOrgId=GB-COH-1&bidderName=B&submissionId=c&bidPrice=1")
                .then().statusCode(422).body("type", equalTo(VALIDATION))
                .body("errors.collect { it.row + ':' + it.column + ' ' + it.code }",
                        org.hamcrest.Matchers.contains("2:2 out-of-range", "3:2 too-many-decimals"));
        given().contentType("text/csv").body("""
                theme,theme_title,outcome,outcome_title,code,title,unit,proxy_value,price_base_year
                JOBS,Jobs,JOBS-1,Employment,FRD1,Local FTE,fte-years,1e999999,2025
                JOBS,Jobs,JOBS-1,Employment,FRD9,Hours,hours,1e-999999,2025
                """).post(VERSIONS).then().statusCode(422).body("type", equalTo(VALIDATION))
                // A proxy value is an amount in pounds, written as finance systems write them: never with an exponent.
                .body("errors.collect { it.row + ':' + it.column + ' ' + it.code }",
                        org.hamcrest.Matchers.contains("2:8 invalid-number", "3:8 invalid-number"));
        given().contentType("text/csv").body("""
                theme,theme_title,outcome,outcome_title,code,title,unit,proxy_value,price_base_year
                JOBS,Jobs,JOBS-1,Employment,FRD1,Local FTE,fte-years,"100,000,000,000,000,000,000",2025
                JOBS,Jobs,JOBS-1,Employment,FRD9,Hours,hours,0.0000001,2025
                """).post(VERSIONS).then().statusCode(422).body("type", equalTo(VALIDATION))
                .body("errors.collect { it.row + ':' + it.column + ' ' + it.code }",
                        org.hamcrest.Matchers.contains("2:8 out-of-range", "3:8 too-many-decimals"));
    }

    /** What is answered is what is stored, and re-read: one presentation, at the column's scale, never 1E+2. */
    @Test
    @Order(5)
    @TestSecurity(user = "everyone", roles = { "anchor", "portal", "network-admin" })
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-LAE-DAL"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void whatIsAnsweredIsWhatIsStoredAndReRead() {
        String created = given().contentType(ContentType.JSON)
                .body(tender("1.5E+1", ",\"minimumSocialValue\":1E+3,\"minimumSocialValuePercent\":2.500,"
                        + "\"bands\":[{\"fromPercent\":5.0,\"scorePercent\":1E+2}]").replace("RELATIVE_VALUE", "FIXED_BANDS"))
                .post("/api/v1/tenders").then().statusCode(201).extract().asString();
        String reread = given().get("/api/v1/tenders/" + JsonPath.from(created).getString("id")).then().statusCode(200)
                .extract().asString();
        for (String stored : List.of("\"socialValueWeighting\":15.00", "\"minimumSocialValue\":1000.00",
                "\"minimumSocialValuePercent\":2.50", "{\"fromPercent\":5.00,\"scorePercent\":100.00}")) {
            assertTrue(created.contains(stored), stored + " in " + created);
            assertTrue(reread.contains(stored), stored + " in " + reread);
        }

        String bid = given().contentType(ContentType.JSON).body(bid("1E+6", "1E+1", "12"))
                .post("/api/v1/tenders/" + openTender + "/bids").then().statusCode(201).extract().asString();
        String bidId = JsonPath.from(bid).getString("id");
        String bidReread = given().get("/api/v1/tenders/" + openTender + "/bids/" + bidId).asString();
        for (String stored : List.of("\"bidPrice\":1000000.00", "\"quantity\":10.0000")) {
            assertTrue(bid.contains(stored), stored + " in " + bid);
            assertTrue(bidReread.contains(stored), stored + " in " + bidReread);
        }

        String delivered = given().contentType(ContentType.JSON)
                .body("{\"period\":\"2025-26-Q4\",\"lines\":[{\"measureCode\":\"FRD1\",\"quantity\":2.50}]}")
                .post("/api/v1/contracts/" + contract + "/deliveries").then().statusCode(201).extract().asString();
        String deliveredReread = given().get("/api/v1/contracts/" + contract + "/deliveries").asString();
        assertTrue(delivered.contains("\"quantity\":2.5000"), delivered);
        assertTrue(deliveredReread.contains("\"quantity\":2.5000"), deliveredReread);
        assertTrue(delivered.contains("\"deliveredValue\":25.00") && deliveredReread.contains("\"deliveredValue\":25.00"),
                deliveredReread);

        String draft = given().contentType(ContentType.JSON).body(version("1.6930E+1")).post(VERSIONS).then().statusCode(201)
                .extract().asString();
        String number = String.valueOf(JsonPath.from(draft).getInt("number"));
        String draftReread = given().get(VERSIONS + "/" + number).asString();
        for (String stored : List.of("\"proxyValue\":16.93", "\"minimumSocialValuePercent\":10.00", "\"contractValueFrom\":100000.00")) {
            assertTrue(draft.contains(stored), stored + " in " + draft);
            assertTrue(draftReread.contains(stored), stored + " in " + draftReread);
        }

        String valued = given().contentType(ContentType.JSON)
                .body("{\"commitments\":[{\"measureCode\":\"FRD1\",\"quantity\":1E+1}],\"contractValue\":1E+3}")
                .post(VERSIONS + "/1/valuations").then().statusCode(200).extract().asString();
        assertTrue(valued.contains("\"quantity\":10.0000") && valued.contains("\"contractValue\":1000.00"), valued);
    }

    private static long rows() {
        return QuarkusTransaction.requiringNew().call(() -> (Long) org.anchornetwork.framework.tender.Tender.getEntityManager()
                .createNativeQuery("select (select count(*) from tender) + (select count(*) from bid)"
                        + " + (select count(*) from delivery_report) + (select count(*) from framework_version)", Long.class)
                .getSingleResult());
    }

    private static String version(String proxyValue) {
        return """
                {"themes":[{"code":"JOBS","title":"Jobs"}],"outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"Employment"}],
                 "measures":[{"code":"FRD1","outcome":"JOBS-1","title":"Local FTE","unit":"fte-years","proxyValue":%s,
                   "priceBaseYear":2025},{"code":"FRD9","outcome":"JOBS-1","title":"Hours","unit":"hours"}],
                 "targets":[{"description":"Large tenders","minimumSocialValuePercent":10,"contractValueFrom":100000}]}"""
                .formatted(proxyValue);
    }

    private static String tender(String weighting, String extra) {
        return """
                {"anchorName":"Darlington Borough Council","reference":"N-%s","title":"Numbers","frameworkId":"%s",
                 "frameworkVersion":1,"measureCodes":["FRD1","FRD9"],"socialValueWeighting":%s,"scoringMethod":"RELATIVE_VALUE",
                 "closingAt":"%s"%s}""".formatted(UUID.randomUUID(), FRAMEWORK, weighting, OffsetDateTime.now().plusHours(1), extra);
    }

    private static String bid(String price, String quantity, String months) {
        return """
                {"bidderOrgId":"GB-COH-82000001","bidderName":"Numbers Ltd","submissionId":"s-%s","bidPrice":%s,
                 "commitments":[{"measureCode":"FRD1","quantity":%s,"timescaleMonths":%s}]}"""
                .formatted(UUID.randomUUID(), price, quantity, months);
    }

    private static String release(String rule, String value) {
        String rules = "{\"frameworkId\":\"" + FRAMEWORK + "\",\"frameworkVersion\":1,\"measureCodes\":[\"FRD1\"],"
                + "\"weighting\":10,\"scoringMethod\":\"RELATIVE_VALUE\"";
        rules = rule.equals("weighting") || rule.equals("frameworkVersion")
                ? rules.replaceFirst("\"" + rule + "\":[0-9]+", "\"" + rule + "\":" + value)
                : rules + ",\"" + rule + "\":" + value;
        String reference = "OCDS-N-" + UUID.randomUUID();
        return """
                {"uri":"https://portal.example/ocds/n","version":"1.1","publishedDate":"2026-11-30T09:00:00Z",
                 "publisher":{"name":"Tees Tender Portal"},
                 "releases":[{"ocid":"ocds-portal-%1$s","id":"ocds-portal-%1$s-01","date":"2026-11-30T09:00:00Z","tag":["tender"],
                   "initiationType":"tender","buyer":{"id":"GB-LAE-DAL","name":"Darlington Borough Council"},
                   "tender":{"id":"%1$s","title":"Numbers","tenderPeriod":{"endDate":"%2$s"},"socialValue":%3$s}}]}"""
                .formatted(reference, OffsetDateTime.now().plusDays(3).withNano(0), rules + "}");
    }
}
