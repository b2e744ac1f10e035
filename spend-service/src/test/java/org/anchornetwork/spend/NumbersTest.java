package org.anchornetwork.spend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.anchornetwork.testsupport.AbusiveNumbers;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Issue 15, numbers as a class: every number of every JSON write of spend-service (payments, LM3 surveys, workforce
 * and default rates), sent huge, tiny, beyond its range or more precise than its numeric(p,s) column, is refused at its
 * pointer with the problem type of its write, and nothing is stored; number query parameters are a 400; and what is
 * answered is what is stored and re-read. (OCDS amounts: ReleasePackageTest; the what-if and leakage parameters:
 * LeakageAndLm3Test.)
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class NumbersTest {

    private static final String ANCHOR = "GB-LAE-N15";

    /** A write with one number in its body, the problem type it refuses with, and the body with the number's JSON text. */
    record Field(String write, String method, String path, String pointer, String problemType, AbusiveNumbers kind,
            Function<String, String> body) {
        @Override
        public String toString() {
            return write + " " + pointer;
        }
    }

    static List<Field> fields() {
        String payments = "POST /api/v1/payments";
        String surveys = "PUT /api/v1/spend/lm3/surveys/{supplier}/{financialYear}";
        String workforce = "PUT /api/v1/spend/lm3/workforce/{financialYear}";
        String rates = "PUT /api/v1/spend/lm3/default-rates";
        return List.of(
                new Field(payments, "POST", "/api/v1/payments", "/payments/0/amount", "batch-rejected", AbusiveNumbers.SIGNED,
                        v -> payment(v, "1.00")),
                new Field(payments, "POST", "/api/v1/payments", "/payments/0/vatAmount", "batch-rejected", AbusiveNumbers.SIGNED,
                        v -> payment("10.00", v)),
                new Field(surveys, "PUT", "/api/v1/spend/lm3/surveys/GB-COH-99999999/2041-42", "/staffLocalShare", "validation",
                        AbusiveNumbers.NOT_NEGATIVE, v -> "{\"staffLocalShare\":" + v + ",\"supplierLocalShare\":10}"),
                new Field(surveys, "PUT", "/api/v1/spend/lm3/surveys/GB-COH-99999999/2041-42", "/supplierLocalShare", "validation",
                        AbusiveNumbers.NOT_NEGATIVE, v -> "{\"staffLocalShare\":10,\"supplierLocalShare\":" + v + "}"),
                new Field(workforce, "PUT", "/api/v1/spend/lm3/workforce/2041-42", "/payroll", "validation", AbusiveNumbers.NOT_NEGATIVE,
                        v -> "{\"payroll\":" + v + ",\"localResidentShare\":50}"),
                new Field(workforce, "PUT", "/api/v1/spend/lm3/workforce/2041-42", "/localResidentShare", "validation", AbusiveNumbers.NOT_NEGATIVE,
                        v -> "{\"payroll\":1000,\"localResidentShare\":" + v + "}"),
                new Field(workforce, "PUT", "/api/v1/spend/lm3/workforce/2041-42", "/staffLocalRespendShare", "validation", AbusiveNumbers.NOT_NEGATIVE,
                        v -> "{\"payroll\":1000,\"localResidentShare\":50,\"staffLocalRespendShare\":" + v + "}"),
                new Field(rates, "PUT", "/api/v1/spend/lm3/default-rates", "/localSupplierRate", "validation", AbusiveNumbers.NOT_NEGATIVE,
                        v -> rates(v, "36", "50")),
                new Field(rates, "PUT", "/api/v1/spend/lm3/default-rates", "/nonLocalSupplierRate", "validation", AbusiveNumbers.NOT_NEGATIVE,
                        v -> rates("76", v, "50")),
                new Field(rates, "PUT", "/api/v1/spend/lm3/default-rates", "/staffRate", "validation", AbusiveNumbers.NOT_NEGATIVE,
                        v -> rates("76", "36", v)));
    }

    static Stream<Arguments> abusiveNumbers() {
        return fields().stream().flatMap(field -> field.kind().valuesAndCodes().stream()
                .map(abuse -> Arguments.of(field, abuse[0], abuse[1])));
    }

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @MethodSource("abusiveNumbers")
    @TestSecurity(user = "everyone", roles = { "anchor", "network-admin" })
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void everyNumberRefusesAbusiveValuesAtItsPointerAndStoresNothing(Field field, String value, String code) {
        long before = rows();
        Response response = given().contentType(ContentType.JSON).body(field.body().apply(value))
                .request(field.method(), field.path());
        response.then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/" + field.problemType()));
        List<String> errors = response.path("errors.collect { it.pointer + ' ' + it.code }");
        assertEquals(List.of(field.pointer() + " " + code), errors, response::asString);
        assertEquals(before, rows(), "nothing stored");
    }

    @ParameterizedTest(name = "{0}: 400 {1}")
    @CsvSource({ "/api/v1/payments?limit=1e3, invalid-limit", "/api/v1/payments?limit=99999999999, invalid-limit",
            "/api/v1/spend/aggregate?limit=1e3, invalid-parameter", "/api/v1/spend/aggregate?limit=0, invalid-parameter",
            "/api/v1/suppliers?limit=-1, invalid-limit" })
    @TestSecurity(user = "everyone", roles = { "anchor", "network-admin" })
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void numberQueryParametersOutOfRangeAreA400(String path, String slug) {
        given().get(path).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/" + slug));
    }

    @Test
    @TestSecurity(user = "everyone", roles = { "anchor", "network-admin" })
    @OidcSecurity(claims = @Claim(key = "org_id", value = ANCHOR))
    void whatIsAnsweredIsWhatIsStoredAndReRead() {
        String recorded = given().contentType(ContentType.JSON).body(payment("1.25E+3", "2.500E+2")).post("/api/v1/payments")
                .then().statusCode(201).extract().asString();
        String id = JsonPath.from(recorded).getString("payments[0].id");
        String reread = given().get("/api/v1/payments/" + id).then().statusCode(200).extract().asString();
        for (String stored : List.of("\"amount\":1250.00", "\"vatAmount\":250.00")) {
            assertTrue(recorded.contains(stored), stored + " in " + recorded);
            assertTrue(reread.contains(stored), stored + " in " + reread);
        }
        String workforce = given().contentType(ContentType.JSON)
                .body("{\"payroll\":4.825E+7,\"localResidentShare\":71,\"staffLocalRespendShare\":54.5}")
                .put("/api/v1/spend/lm3/workforce/2041-42").then().statusCode(200).extract().asString();
        assertEquals("{\"payroll\":48250000.00,\"localResidentShare\":71.00,\"staffLocalRespendShare\":54.50}", workforce);
        assertEquals("48250000.00", QuarkusTransaction.requiringNew().call(() -> org.anchornetwork.spend.lm3.Lm3Workforce
                .<org.anchornetwork.spend.lm3.Lm3Workforce>findById(new org.anchornetwork.spend.lm3.Lm3Workforce.Key(ANCHOR,
                        java.time.LocalDate.of(2041, 4, 1))).payroll.toPlainString()));
        String original = given().get("/api/v1/spend/lm3/default-rates").then().statusCode(200).extract().asString();
        try {
            String set = given().contentType(ContentType.JSON).body(rates("7.6E+1", "36.0", "5E+1"))
                    .put("/api/v1/spend/lm3/default-rates").then().statusCode(200).extract().asString();
            String expected = "{\"localSupplierRate\":76.00,\"nonLocalSupplierRate\":36.00,\"staffRate\":50.00,"
                    + "\"source\":\"Issue 15 test\"}";
            assertEquals(expected, set);
            assertEquals(expected, given().get("/api/v1/spend/lm3/default-rates").then().statusCode(200).extract().asString());
        } finally {
            given().contentType(ContentType.JSON).body(original).put("/api/v1/spend/lm3/default-rates").then().statusCode(200);
        }
    }

    private static long rows() {
        return QuarkusTransaction.requiringNew().call(() -> (Long) org.anchornetwork.spend.payment.Payment.getEntityManager()
                .createNativeQuery("select (select count(*) from payment) + (select count(*) from lm3_supplier_survey)"
                        + " + (select count(*) from lm3_workforce)", Long.class)
                .getSingleResult());
    }

    private static String payment(String amount, String vat) {
        return """
                {"payments":[{"paymentDate":"2026-10-14","amount":%s,"vatAmount":%s,"supplierName":"Numbers Ltd",
                  "transactionRef":"N-%s"}]}""".formatted(amount, vat, UUID.randomUUID());
    }

    private static String rates(String local, String nonLocal, String staff) {
        return """
                {"localSupplierRate":%s,"nonLocalSupplierRate":%s,"staffRate":%s,"source":"Issue 15 test"}"""
                .formatted(local, nonLocal, staff);
    }
}
