package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.anchornetwork.messaging.OutboxEvent;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/** A business signs, sets measurable targets, reports progress with evidence and is verified: the status ladder. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommitmentsAndProgressTest {

    private static final String ORG = "GB-COH-71000001";
    private static final String RECORD = "/api/v1/charters/fairer-richer-darlington/signatories/" + ORG;
    private static final String WAGES = RECORD + "/commitments/tackling-low-incomes";

    private static final String TARGETS = """
            {"targets":[{"metricCode":"real-living-wage-employees-pct","baseline":80,"baselinePeriod":"2025-26",
                         "target":100,"deadline":"2028-03-31"},
                        {"metricCode":"local-donations-gbp","tier":"darlington","target":5000.00,"deadline":"2027-03-31"}],
             "plannedActions":["Pay contracted cleaners the real Living Wage","Apply for Living Wage accreditation"]}""";

    @Test
    @Order(1)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void aBusinessSignsAndSetsMeasurableTargets() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Targets Coffee","signatoryType":"BUSINESS","pledgeCodes":["keep-your-eyes-and-ears-open"]}""")
                .when().post("/api/v1/charters/fairer-richer-darlington/signatories").then().statusCode(201);

        // A pledge not yet taken is taken by setting its targets.
        given().contentType(ContentType.JSON).body(TARGETS).when().put(WAGES)
                .then().statusCode(201)
                .body("status", equalTo("PLEDGED"))
                .body("targets.metricCode", contains("real-living-wage-employees-pct", "local-donations-gbp"))
                .body("targets[0].unit", equalTo("PERCENT"))
                .body("targets[0].tier", nullValue())
                .body("targets[1].tier", equalTo("darlington"))
                .body("targets[1].target", equalTo(5000.00f))
                .body("plannedActions", hasSize(2));
        given().contentType(ContentType.JSON).body(TARGETS).when().put(WAGES).then().statusCode(200);
        given().get(RECORD + "/commitments").then().statusCode(200)
                .body("pledgeCode", contains("keep-your-eyes-and-ears-open", "tackling-low-incomes"));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void badTargetsAreAllReportedAtOnceAndNothingChanges() {
        given().contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"happiness","target":1,"deadline":"2028-01-01"},
                            {"metricCode":"local-spend-share","target":30,"deadline":"2028-01-01"},
                            {"metricCode":"volunteering-hours","tier":"darlington","target":-5,"deadline":"2020-01-01"},
                            {"metricCode":"real-living-wage-employees-pct","target":120,"baselinePeriod":"2025","deadline":"2028-01-01"},
                            {"metricCode":"real-living-wage-employees-pct","target":90.123},
                            {"metricCode":"local-donations-gbp","tier":"Darlington Borough","target":100,"deadline":"2028-01-01"}],
                 "plannedActions":["  "]}""")
                .when().put(WAGES)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/targets/0/metricCode", "/targets/1/tier", "/targets/2/tier",
                        "/targets/2/target", "/targets/2/deadline", "/targets/3/target", "/targets/3/baselinePeriod",
                        "/targets/4", "/targets/4/target", "/targets/4/deadline", "/targets/5/tier", "/plannedActions/0"))
                .body("errors.find { it.pointer == '/targets/0/metricCode' }.code", equalTo("unknown-metric"))
                .body("errors.find { it.pointer == '/targets/3/target' }.code", equalTo("out-of-range"))
                .body("errors.find { it.pointer == '/targets/4' }.code", equalTo("duplicate-target"))
                .body("errors.find { it.pointer == '/targets/2/deadline' }.code", equalTo("deadline-not-after-commitment"));
        given().get(WAGES.replace("/tackling-low-incomes", "")).then()
                .body("find { it.pledgeCode == 'tackling-low-incomes' }.targets", hasSize(2));
        given().contentType(ContentType.JSON).body("{\"targets\":[]}").when()
                .put(RECORD + "/commitments/free-lunches").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"targets\": [ {").when().put(WAGES).then().statusCode(400);
    }

    @Test
    @Order(3)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void progressWithEvidenceMovesTheCommitmentToEvidencedAndARepeatChangesNothing() {
        String report = """
                {"metricCode":"real-living-wage-employees-pct","period":"2026-27-Q2","value":92.5,
                 "evidenceLinks":["https://example.org/payroll-summary-q2.pdf"],"note":"Cleaners moved to the real Living Wage."}""";
        given().contentType(ContentType.JSON).body(report).when().post(WAGES + "/progress")
                .then().statusCode(201)
                .body("value", equalTo(92.5f))
                .body("unit", equalTo("PERCENT"))
                .body("source", equalTo("MANUAL"))
                .body("reportedBy", equalTo("quaker-coffee"));
        long events = progressEvents();
        given().contentType(ContentType.JSON).body(report).when().post(WAGES + "/progress").then().statusCode(200);
        assertEquals(events, progressEvents(), "an unchanged report publishes nothing");
        given().contentType(ContentType.JSON).body(report.replace("92.5", "93.0")).when().post(WAGES + "/progress")
                .then().statusCode(200).body("value", equalTo(93.0f));
        assertEquals(events + 1, progressEvents(), "a corrected figure is published");

        given().get(WAGES + "/progress").then().statusCode(200).body("", hasSize(1)).body("[0].value", equalTo(93.0f));
        given().get(RECORD + "/commitments").then()
                .body("find { it.pledgeCode == 'tackling-low-incomes' }.status", equalTo("EVIDENCED"))
                .body("find { it.pledgeCode == 'tackling-low-incomes' }.latestProgress.period", equalTo("2026-27-Q2"));

        // A narrative report for a pledge without figures, with no evidence: progress, but not evidence.
        given().contentType(ContentType.JSON).body("""
                {"period":"2026-27","note":"Staff trained to spot signs of financial hardship."}""")
                .when().post(RECORD + "/commitments/keep-your-eyes-and-ears-open/progress").then().statusCode(201)
                .body("metricCode", nullValue());
        given().get(RECORD + "/commitments").then()
                .body("find { it.pledgeCode == 'keep-your-eyes-and-ears-open' }.status", equalTo("PLEDGED"));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void badReportsAreProblemsAndStoreNothing() {
        given().contentType(ContentType.JSON).body("""
                {"metricCode":"volunteering-hours","period":"2099-00","value":10,"evidenceLinks":["javascript:alert(1)"]}""")
                .when().post(WAGES + "/progress")
                .then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/period", "/metricCode", "/evidenceLinks/0"))
                .body("errors.find { it.pointer == '/metricCode' }.code", equalTo("no-target"));
        given().contentType(ContentType.JSON).body("""
                {"metricCode":"local-donations-gbp","period":"2030-31","value":-1}""")
                .when().post(WAGES + "/progress")
                .then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/period", "/tier", "/value"))
                .body("errors.find { it.pointer == '/period' }.code", equalTo("future-period"));
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-27\"}")
                .when().post(WAGES + "/progress")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/note"));
        given().get(WAGES + "/progress").then().body("", hasSize(1));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "tees-valley-bakery", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-71000002"))
    void anotherSignatoryCannotTouchTheCommitmentsOrVerifyThem() {
        given().contentType(ContentType.JSON).body(TARGETS).when().put(WAGES).then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-27\",\"note\":\"Not mine\"}")
                .when().post(WAGES + "/progress").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").when().post(WAGES + "/verify").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").when().post(RECORD + "/leave").then().statusCode(403);
        given().get(WAGES + "/progress").then().statusCode(200).body("[0].reportedBy", nullValue());
    }

    @Test
    @Order(6)
    @TestSecurity(user = "dl-building-supplies", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void aSupplierTokenOfTheSameOrganisationIsNotASignatoryToken() {
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-27\",\"note\":\"x\"}")
                .when().post(WAGES + "/progress").then().statusCode(403);
    }

    @Test
    @Order(7)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void theNetworkAdminVerifiesEvidenceButCannotReportForASignatory() {
        given().contentType(ContentType.JSON).body("{\"note\":\"Checked the payroll summary\"}")
                .when().post(WAGES + "/verify").then().statusCode(200)
                .body("status", equalTo("VERIFIED"))
                .body("verifiedOn", equalTo(java.time.LocalDate.now().toString()));
        given().contentType(ContentType.JSON).body("{}")
                .when().post(RECORD + "/commitments/keep-your-eyes-and-ears-open/verify").then().statusCode(409)
                .body("type", equalTo("https://anchor-network.org/problems/nothing-to-verify"));
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-27\",\"note\":\"x\"}")
                .when().post(WAGES + "/progress").then().statusCode(403);
        given().get(WAGES + "/progress").then().body("[0].reportedBy", equalTo("quaker-coffee"));
    }

    @Test
    @Order(8)
    void anonymousCallersReadButNeverWrite() {
        given().get(RECORD + "/commitments").then().statusCode(200)
                .body("find { it.pledgeCode == 'tackling-low-incomes' }.status", equalTo("VERIFIED"));
        given().contentType(ContentType.JSON).body(TARGETS).when().put(WAGES).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-27\",\"note\":\"x\"}")
                .when().post(WAGES + "/progress").then().statusCode(401);
    }

    @Test
    @Order(9)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void leavingTakesTheSignatoryOffTheRegisterPublishesAnEventAndStopsReports() {
        given().contentType(ContentType.JSON).body("{\"leftOn\":\"2020-01-01\"}").when().post(RECORD + "/leave")
                .then().statusCode(422).body("errors[0].code", equalTo("in-the-past"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"Closing the shop\"}").when().post(RECORD + "/leave")
                .then().statusCode(200).body("leftOn", equalTo(java.time.LocalDate.now().toString()));
        given().contentType(ContentType.JSON).body("{}").when().post(RECORD + "/leave").then().statusCode(409);
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count(
                "eventType = ?1 and aggregateId = ?2", "pledge.signatory-left.v1", ORG)));
        given().get("/api/v1/charters/fairer-richer-darlington/signatories?limit=500").then()
                .body("items.organisationId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(ORG)));
        given().get("/api/v1/charters/fairer-richer-darlington/signatories?limit=500&includeLeft=true").then()
                .body("items.organisationId", org.hamcrest.Matchers.hasItem(ORG));
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-27\",\"note\":\"x\"}")
                .when().post(WAGES + "/progress").then().statusCode(409);
    }

    private static long progressEvents() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("eventType = ?1 and aggregateId = ?2",
                "pledge.progress-recorded.v1", ORG));
    }
}
