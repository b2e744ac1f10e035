package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;

import org.anchornetwork.testsupport.KeycloakTokens;
import org.anchornetwork.testsupport.KeycloakTokens.DemoClient;
import org.anchornetwork.testsupport.LocalInfrastructure;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The charter as a ledger, through the gateway with real tokens: a business signs and reports progress, a council's
 * spend upload moves its "keep your money local" progress by itself, grants count as local giving, and the public
 * register and the status check show it all.
 */
class CharterJourneysTest {

    private static final String CHARTER = "/api/v1/charters/fairer-richer-darlington";
    private static final String BAKERY = CHARTER + "/signatories/GB-COH-10000004";
    private static final String COUNCIL = CHARTER + "/signatories/GB-LAE-DAL";

    @BeforeAll
    static void pointAtTheGateway() {
        RestAssured.baseURI = LocalInfrastructure.gatewayUrl();
    }

    private static RequestSpecification as(DemoClient client) {
        return given().auth().oauth2(KeycloakTokens.accessToken(client));
    }

    private static void bakerySigns() {
        as(DemoClient.SIGNATORY_BAKERY).contentType(ContentType.JSON).body("""
                {"organisationName":"Tees Valley Bakery","signatoryType":"BUSINESS",
                 "pledgeCodes":["tackling-low-incomes","give-locally"]}""")
                .post(CHARTER + "/signatories").then().statusCode(oneOf(200, 201));
    }

    @Test
    void aBusinessSignsSetsATargetReportsProgressWithEvidenceAndTheRegisterShowsIt() {
        bakerySigns();
        as(DemoClient.SIGNATORY_BAKERY).contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"real-living-wage-employees-pct","baseline":70,"baselinePeriod":"2025-26",
                             "target":100,"deadline":"2028-03-31"}],
                 "plannedActions":["Move bakers on zero-hours contracts to the real Living Wage"]}""")
                .put(BAKERY + "/commitments/tackling-low-incomes").then().statusCode(oneOf(200, 201));
        as(DemoClient.SIGNATORY_BAKERY).contentType(ContentType.JSON).body("""
                {"metricCode":"real-living-wage-employees-pct","period":"2026-27-Q2","value":85,
                 "evidenceLinks":["https://bakery.example/living-wage-2026-q2.pdf"]}""")
                .post(BAKERY + "/commitments/tackling-low-incomes/progress").then().statusCode(oneOf(200, 201));
        // Another business cannot report for the bakery.
        as(DemoClient.SIGNATORY_BUSINESS).contentType(ContentType.JSON).body("{\"period\":\"2026-27\",\"note\":\"x\"}")
                .post(BAKERY + "/commitments/tackling-low-incomes/progress").then().statusCode(403);

        given().get(CHARTER + "/signatories?limit=500").then().statusCode(200)
                .body("items.find { it.organisationId == 'GB-COH-10000004' }.commitments"
                        + ".find { it.pledgeCode == 'tackling-low-incomes' }.status", oneOf("EVIDENCED", "VERIFIED"))
                .body("items.find { it.organisationId == 'GB-COH-10000004' }.commitments"
                        + ".find { it.pledgeCode == 'tackling-low-incomes' }.latestProgress.value", equalTo(85.0f));
        as(DemoClient.NETWORK_ADMIN).contentType(ContentType.JSON).body("{\"note\":\"Payroll summary seen\"}")
                .post(BAKERY + "/commitments/tackling-low-incomes/verify").then().statusCode(200)
                .body("status", equalTo("VERIFIED"));
        // A portal asks before an award: is the bakery a signatory in good standing today?
        as(DemoClient.PORTAL).get(BAKERY + "/standing").then().statusCode(200)
                .body("signatory", equalTo(true)).body("inGoodStanding", equalTo(true))
                .body("pledges.pledgeCode", hasItem("tackling-low-incomes"));
        given().get(CHARTER + "/signatories/GB-COH-99999998/standing").then().statusCode(200).body("signatory", equalTo(false));
    }

    @Test
    void aCouncilsSpendUploadMovesItsKeepYourMoneyLocalProgressWithoutAnyoneTypingANumber() {
        as(DemoClient.DARLINGTON_COUNCIL).contentType(ContentType.JSON).body("""
                {"organisationName":"Darlington Borough Council","signatoryType":"PUBLIC_SECTOR_PARTNER",
                 "pledgeCodes":["keep-your-money-local"]}""")
                .post(CHARTER + "/signatories").then().statusCode(oneOf(200, 201));
        as(DemoClient.DARLINGTON_COUNCIL).contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"local-spend-share","tier":"darlington","target":30,"deadline":"2030-03-31"}]}""")
                .put(COUNCIL + "/commitments/keep-your-money-local").then().statusCode(oneOf(200, 201));

        // 2019-20 is a year no other system test pays in: the share is this file's alone.
        String local = "Charter Journey Joinery " + UUID.randomUUID().toString().substring(0, 8);
        String distant = "Charter Journey Teesside " + UUID.randomUUID().toString().substring(0, 8);
        as(DemoClient.DARLINGTON_COUNCIL).contentType(ContentType.JSON).body("""
                {"suppliers":[{"name":"%s","postcode":"DL1 5QT"},{"name":"%s","postcode":"TS1 1AA"}]}""".formatted(local, distant))
                .post("/api/v1/suppliers/vendor-master").then().statusCode(200);
        String file = "Payment Date,Supplier Name,Net Amount,Transaction Number\n"
                + "2019-06-14," + local + ",750.00,CJ-" + UUID.randomUUID() + "\n"
                + "2019-07-02," + distant + ",250.00,CJ-" + UUID.randomUUID() + "\n";
        String batch = as(DemoClient.DARLINGTON_COUNCIL).contentType("text/csv; charset=UTF-8").body(file)
                .post("/api/v1/payments/uploads?fileName=charter-journey.csv").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get(COUNCIL + "/commitments/keep-your-money-local/progress").then().statusCode(200)
                        .body("find { it.period == '2019-20' && it.tier == 'darlington' }.value", equalTo(75.0f))
                        .body("find { it.period == '2019-20' && it.tier == 'darlington' }.source", equalTo("SPEND_EVENTS"))
                        .body("find { it.period == '2019-20' && it.tier == 'darlington' }.evidenceLinks[0]",
                                equalTo("/api/v1/payments/batches/" + batch)));
        given().get(CHARTER + "/signatories/GB-LAE-DAL").then().statusCode(200)
                .body("commitments.find { it.pledgeCode == 'keep-your-money-local' }.status", oneOf("EVIDENCED", "VERIFIED"));
        given().get(CHARTER + "/reports/2019-20").then().statusCode(200);
    }

    /**
     * The Indigo Trust's published grants are the Indigo Trust's: the bakery (which has not registered 360G-indigotrust,
     * and could not take an identifier another signatory holds) cannot count them as its own giving.
     */
    @Test
    void anotherFundersReal360GivingSampleIsRefusedGrantByGrantAndNothingIsStored() throws IOException {
        bakerySigns();
        String before = given().get(BAKERY + "/giving").then().statusCode(200).extract().asString();
        as(DemoClient.SIGNATORY_BAKERY).contentType(ContentType.JSON)
                .body(Files.readAllBytes(SharedData.file("threesixtygiving/indigo_trust_grants_first23.json")))
                .post(BAKERY + "/giving").then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("23 grant(s) are not valid 360Giving"))
                .body("errors.code", everyItem(equalTo("funder-not-importer")))
                .body("errors.pointer", hasItem("/grants/22/fundingOrganization/0/id"));
        as(DemoClient.SIGNATORY_BAKERY).contentType("text/csv")
                .body(Files.readAllBytes(SharedData.file("threesixtygiving/indigo_trust_grants_first23_flat.csv")))
                .post(BAKERY + "/giving").then().statusCode(422)
                .body("errors.code", everyItem(equalTo("funder-not-importer")))
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo(18));
        assertEquals(before, given().get(BAKERY + "/giving").then().statusCode(200).extract().asString(), "nothing stored");
    }

    @Test
    void grantsToDarlingtonRecipientsCountAsLocalGivingThroughTheRealGeography() {
        bakerySigns();
        as(DemoClient.SIGNATORY_BAKERY).contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"local-donations-gbp","tier":"darlington","target":2000,"deadline":"2028-03-31"}]}""")
                .put(BAKERY + "/commitments/give-locally").then().statusCode(oneOf(200, 201));
        String csv = "Identifier,Title,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,"
                + "Recipient Org:Postal Code,Beneficiary Location:Geographic Code,Funding Org:Identifier,Funding Org:Name\n"
                + "360G-bakery-1,Bread for the food bank,GBP,600,2026-05-10,GB-CHC-1,Darlington Food Bank,DL1 5QT,,GB-COH-10000004,Tees Valley Bakery\n"
                + "360G-bakery-2,Middlesbrough youth club,GBP,400,2026-06-10,GB-CHC-2,Boro Youth,TS1 1AA,,GB-COH-10000004,Tees Valley Bakery\n"
                + "360G-bakery-3,Darlington parks,GBP,150.25,2026-07-10,GB-CHC-3,Parks Friends,,E06000005,GB-COH-10000004,Tees Valley Bakery\n";
        as(DemoClient.SIGNATORY_BAKERY).contentType("text/csv").body(csv).post(BAKERY + "/giving").then().statusCode(200)
                .body("byFinancialYear.find { it.financialYear == '2026-27' }.localAmount.darlington", equalTo(750.25f))
                .body("byFinancialYear.find { it.financialYear == '2026-27' }.localAmount.tees-valley", equalTo(1150.25f));
        given().get(BAKERY + "/commitments/give-locally/progress").then().statusCode(200)
                .body("find { it.period == '2026-27' }.value", equalTo(750.25f))
                .body("find { it.period == '2026-27' }.source", equalTo("THREE_SIXTY_GIVING"));
    }
}
