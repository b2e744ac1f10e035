package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.anchornetwork.messaging.OutboxEvent;
import org.anchornetwork.testsupport.AbusiveNumbers;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import io.restassured.response.Response;

/**
 * Issue 15, numbers as a class: every number pledge-service stores (targets, baselines, progress figures), sent huge,
 * tiny, negative or more precise than stored, is a 422 at its pointer and changes nothing; number query parameters out
 * of range are a 400; and what is answered is what is stored, re-read and published.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NumbersTest {

    private static final String ORGANISATION = "GB-COH-78100001";
    private static final String CHARTER = "/api/v1/charters/fairer-richer-darlington";
    private static final String COMMITMENT = CHARTER + "/signatories/" + ORGANISATION + "/commitments/tackling-low-incomes";
    private static final String VALIDATION = "https://anchor-network.org/problems/validation";

    @Test
    @Order(1)
    @TestSecurity(user = "numbers", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORGANISATION))
    void aSignatoryWithTargetsInHoursAndPercent() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Numbers Ltd","signatoryType":"BUSINESS","pledgeCodes":["tackling-low-incomes"]}""")
                .post(CHARTER + "/signatories").then().statusCode(201);
        given().contentType(ContentType.JSON).body(targets("100", "50", "80")).put(COMMITMENT).then().statusCode(200);
    }

    /** A figure's place in a write, its metric's unit, and the body with the figure's JSON text. */
    record Figure(String write, String pointer, boolean percent, java.util.function.Function<String, String> body) {
        @Override
        public String toString() {
            return write + " " + pointer;
        }
    }

    static List<Figure> figures() {
        String targets = "PUT .../commitments/{pledgeCode}";
        String progress = "POST .../commitments/{pledgeCode}/progress";
        return List.of(new Figure(targets, "/targets/0/target", false, v -> targets(v, "50", "80")),
                new Figure(targets, "/targets/0/baseline", false, v -> targets("100", v, "80")),
                new Figure(targets, "/targets/1/target", true, v -> targets("100", "50", v)),
                new Figure(progress, "/value", false, v -> progress("volunteering-hours", v)),
                new Figure(progress, "/value", true, v -> progress("real-living-wage-employees-pct", v)));
    }

    static Stream<Arguments> abusiveNumbers() {
        return figures().stream().flatMap(figure -> Stream.concat(AbusiveNumbers.NOT_NEGATIVE.valuesAndCodes().stream(),
                Stream.<String[]>of(new String[] { figure.percent() ? "100.01" : "1e16", "out-of-range" }))
                .map(abuse -> Arguments.of(figure, abuse[0], abuse[1])));
    }

    @ParameterizedTest(name = "{0} = {1}: 422 {2}")
    @MethodSource("abusiveNumbers")
    @Order(2)
    @TestSecurity(user = "numbers", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORGANISATION))
    void everyFigureRefusesAbusiveNumbersAtItsPointerAndChangesNothing(Figure figure, String value, String code) {
        String before = given().get(COMMITMENT.replace("/tackling-low-incomes", "")).asString()
                + given().get(COMMITMENT + "/progress").asString();
        Response response = figure.write().startsWith("PUT")
                ? given().contentType(ContentType.JSON).body(figure.body().apply(value)).put(COMMITMENT)
                : given().contentType(ContentType.JSON).body(figure.body().apply(value)).post(COMMITMENT + "/progress");
        response.then().statusCode(422).contentType("application/problem+json").body("type", equalTo(VALIDATION));
        List<String> errors = response.path("errors.collect { it.pointer + ' ' + it.code }");
        assertEquals(List.of(figure.pointer() + " " + code), errors, response::asString);
        assertEquals(before, given().get(COMMITMENT.replace("/tackling-low-incomes", "")).asString()
                + given().get(COMMITMENT + "/progress").asString(), "nothing changed");
    }

    @ParameterizedTest(name = "version={0}: {1}")
    @CsvSource({ "99999999999, 400", "1e3, 400", "0, 400", "-1, 400", "1.0, 400", "7, 404", "1, 200" })
    @Order(3)
    void theCharterVersionParameterIsAWholeNumberOr400(String version, int status) {
        given().get(CHARTER + "/pledges?version=" + version).then().statusCode(status);
        if (status == 400) {
            given().get(CHARTER + "/pledges?version=" + version).then()
                    .body("type", equalTo("https://anchor-network.org/problems/invalid-parameter"))
                    .body("errors[0].pointer", equalTo("version"));
        }
    }

    @Test
    @Order(4)
    @TestSecurity(user = "numbers", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORGANISATION))
    void whatIsAnsweredIsWhatIsStoredReReadAndPublished() {
        String set = given().contentType(ContentType.JSON).body(targets("5E+2", "1.0E+1", "75.5")).put(COMMITMENT).then()
                .statusCode(200).extract().asString();
        String reread = given().get(COMMITMENT.replace("/tackling-low-incomes", "")).asString();
        for (String stored : List.of("\"target\":500.00", "\"baseline\":10.00", "\"target\":75.50")) {
            assertTrue(set.contains(stored), stored + " in " + set);
            assertTrue(reread.contains(stored), stored + " in " + reread);
        }
        String reported = given().contentType(ContentType.JSON).body(progress("volunteering-hours", "1.2E+2"))
                .post(COMMITMENT + "/progress").then().statusCode(201).extract().asString();
        assertTrue(reported.contains("\"value\":120.00"), reported);
        assertTrue(given().get(COMMITMENT + "/progress").asString().contains("\"value\":120.00"));
        String published = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>list(
                "eventType = ?1 and aggregateId = ?2 order by position desc", "pledge.progress-recorded.v1", ORGANISATION)
                .get(0).payload);
        assertTrue(published.contains("\"value\":120.00"), published);
    }

    private static String targets(String hours, String baseline, String percent) {
        return """
                {"targets":[{"metricCode":"volunteering-hours","baseline":%s,"target":%s,"deadline":"2028-03-31"},
                            {"metricCode":"real-living-wage-employees-pct","target":%s,"deadline":"2028-03-31"}]}"""
                .formatted(baseline, hours, percent);
    }

    private static String progress(String metric, String value) {
        return """
                {"metricCode":"%s","period":"2026-27-Q1","value":%s}""".formatted(metric, value);
    }
}
