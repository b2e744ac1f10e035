package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/** The charter's annual report, JSON and CSV, on a charter of this test's own. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnnualReportTest {

    private static final String CHARTER = "/api/v1/charters/report-test";
    private static final String A = CHARTER + "/signatories/GB-COH-75000001";
    private static final String B = CHARTER + "/signatories/GB-COH-75000002";
    private static final String EVIDENCE = "\"evidenceLinks\":[\"https://example.org/evidence\"]";

    @Test
    @Order(1)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aCharterForTheReport() {
        given().contentType(ContentType.JSON).body("""
                {"id":"report-test","title":"Report Test","publishedOn":"2026-04-01","pledges":[
                  {"code":"volunteer","title":"Volunteer","description":"Volunteer locally."},
                  {"code":"wages","title":"Fair wages","description":"Pay the real Living Wage."}]}""")
                .post("/api/v1/charters").then().statusCode(201);
    }

    @Test
    @Order(2)
    @TestSecurity(user = "a", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-75000001"))
    void aReportsQuarterlyOnTwoPledges() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"=HYPERLINK(\\"x\\") Ltd","signatoryType":"BUSINESS","pledgeCodes":["volunteer","wages"]}""")
                .post(CHARTER + "/signatories").then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"volunteering-hours","target":100,"deadline":"2027-12-31"}]}""")
                .put(A + "/commitments/volunteer").then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"real-living-wage-employees-pct","target":90,"deadline":"2027-12-31"}]}""")
                .put(A + "/commitments/wages").then().statusCode(200);
        report(A + "/commitments/volunteer", "volunteering-hours", "2026-27-Q1", "40");
        report(A + "/commitments/volunteer", "volunteering-hours", "2026-27-Q2", "70");
        report(A + "/commitments/wages", "real-living-wage-employees-pct", "2026-27-Q1", "80");
        report(A + "/commitments/wages", "real-living-wage-employees-pct", "2026-27-Q2", "95");
        report(A + "/commitments/volunteer", "volunteering-hours", "2025-26", "999");
    }

    @Test
    @Order(3)
    @TestSecurity(user = "b", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-75000002"))
    void bReportsForTheWholeYear() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Bee Ltd","signatoryType":"VCSE","pledgeCodes":["volunteer"]}""")
                .post(CHARTER + "/signatories").then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"volunteering-hours","target":100,"deadline":"2027-12-31"}]}""")
                .put(B + "/commitments/volunteer").then().statusCode(200);
        report(B + "/commitments/volunteer", "volunteering-hours", "2026-27", "30");
    }

    @Test
    @Order(4)
    void theYearsReportTotalsPledgesAndMetrics() {
        given().get(CHARTER + "/reports/2026-27").then().statusCode(200).contentType("application/json")
                .body("financialYear", equalTo("2026-27")).body("from", equalTo("2026-04-01")).body("to", equalTo("2027-03-31"))
                .body("summary.signatories", equalTo(2)).body("summary.joined", equalTo(2))
                .body("summary.byType.BUSINESS", equalTo(1)).body("summary.byType.VCSE", equalTo(1))
                .body("pledges.find { it.pledgeCode == 'volunteer' }.signatories", equalTo(2))
                .body("pledges.find { it.pledgeCode == 'volunteer' }.evidenced", equalTo(2))
                .body("pledges.find { it.pledgeCode == 'wages' }.withFigures", equalTo(1))
                .body("metrics.find { it.metricCode == 'volunteering-hours' }.signatoriesReporting", equalTo(2))
                .body("metrics.find { it.metricCode == 'volunteering-hours' }.total", equalTo(140.00f))
                .body("metrics.find { it.metricCode == 'volunteering-hours' }.average", equalTo(70.00f))
                .body("metrics.find { it.metricCode == 'volunteering-hours' }.targetsMet", equalTo(1))
                .body("metrics.find { it.metricCode == 'real-living-wage-employees-pct' }.total", nullValue())
                .body("metrics.find { it.metricCode == 'real-living-wage-employees-pct' }.average", equalTo(95.00f))
                .body("signatories[0].commitments.find { it.pledgeCode == 'volunteer' }.figures[0].basis",
                        equalTo("SUM_OF_QUARTERS 2"))
                .body("signatories[0].commitments.find { it.pledgeCode == 'volunteer' }.figures[0].targetMet", equalTo(true))
                .body("signatories[0].commitments.find { it.pledgeCode == 'wages' }.figures[0].basis",
                        equalTo("LATEST_QUARTER 2026-27-Q2"))
                .body("signatories[1].commitments[0].figures[0].basis", equalTo("YEAR"))
                .body("signatories[1].commitments[0].figures[0].targetMet", equalTo(false));
        given().get(CHARTER + "/reports/2025-26").then().statusCode(200).body("summary.signatories", equalTo(0));
    }

    @Test
    @Order(5)
    void theReportAsCsvHasARowPerCommitmentTargetAndNeutralisesFormulas() {
        String csv = given().queryParam("format", "csv").get(CHARTER + "/reports/2026-27").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("\"financial_year\",\"organisation_id\",\"organisation_name\",\"signatory_type\""),
                lines.get(0));
        // Text quoted (no separator of any locale can split it), numbers plain.
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("\"2026-27\",\"GB-COH-75000002\",\"Bee Ltd\",\"VCSE\",")
                && line.contains(",\"volunteer\",\"EVIDENCED\",\"false\",\"volunteering-hours\",\"\",\"HOURS\",30.00,\"YEAR\","
                        + "\"MANUAL\",100.00,\"2027-12-31\",\"false\"")), csv);
        assertTrue(lines.stream().anyMatch(line -> line.contains("\"'=HYPERLINK(\"\"x\"\") Ltd\"")), csv);
        given().header("Accept", "text/csv").get(CHARTER + "/reports/2026-27").then().contentType(containsString("text/csv"));
        given().get(CHARTER + "/reports/2026").then().statusCode(400).contentType("application/problem+json");
        given().get(CHARTER + "/reports/2026-27-Q1").then().statusCode(400);
        given().get(CHARTER + "/reports/2026-27?format=xlsx").then().statusCode(400);
    }

    private static void report(String commitment, String metric, String period, String value) {
        given().contentType(ContentType.JSON).body("{\"metricCode\":\"" + metric + "\",\"period\":\"" + period
                + "\",\"value\":" + value + "," + EVIDENCE + "}")
                .post(commitment + "/progress").then().statusCode(201);
    }
}
