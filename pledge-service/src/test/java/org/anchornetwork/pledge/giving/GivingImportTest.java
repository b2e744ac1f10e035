package org.anchornetwork.pledge.giving;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;

import org.anchornetwork.pledge.giving.service.GeographyClient;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.anchornetwork.testsupport.SharedData;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** "Give locally" from 360Giving data: the real Indigo Trust sample and grants placed in Darlington. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GivingImportTest {

    private static final String ORG = "GB-COH-72000001";
    private static final String RECORD = "/api/v1/charters/fairer-richer-darlington/signatories/" + ORG;
    private static final String GIVING = RECORD + "/giving";

    @BeforeEach
    void geographyAsTheDemoNetworkHasIt() {
        QuarkusMock.installMockForType(new FakeGeography(), GeographyClient.class, RestClient.LITERAL);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void theRealSampleIsRefusedUntilItsFunderIsRegisteredAsTheOrganisationThenImportsWithItsTotals() throws IOException {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Giving Trust Ltd","signatoryType":"BUSINESS","pledgeCodes":["give-locally"]}""")
                .post("/api/v1/charters/fairer-richer-darlington/signatories").then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"local-donations-gbp","tier":"darlington","target":5000,"deadline":"2028-03-31"}]}""")
                .put(RECORD + "/commitments/give-locally").then().statusCode(200);

        // The sample's grants were made by 360G-indigotrust: not this organisation's until it registers that identifier.
        byte[] sample = Files.readAllBytes(SharedData.file("threesixtygiving/indigo_trust_grants_first23.json"));
        long before = grants();
        given().contentType(ContentType.JSON).body(sample).post(GIVING).then().statusCode(422)
                .body("detail", equalTo("23 grant(s) are not valid 360Giving"))
                .body("errors.code", everyItem(equalTo("funder-not-importer")))
                .body("errors[0].pointer", equalTo("/grants/0/fundingOrganization/0/id"));
        assertEquals(before, grants());
        given().contentType(ContentType.JSON).body("{\"identifiers\":[\"360G-indigotrust\"]}").put(RECORD + "/identifiers")
                .then().statusCode(200).body("otherIdentifiers", equalTo(List.of("360G-indigotrust")));
        given().get(RECORD).then().body("otherIdentifiers", equalTo(List.of("360G-indigotrust")));

        JsonPath summary = given().contentType(ContentType.JSON)
                .body(Files.readAllBytes(SharedData.file("threesixtygiving/indigo_trust_grants_first23.json")))
                .post(GIVING).then().statusCode(200)
                .body("grantsRead", equalTo(23)).body("imported", equalTo(23)).body("updated", equalTo(0))
                .body("skippedNotGbp", empty())
                .extract().jsonPath();
        assertEquals(0, new BigDecimal("863692").compareTo(summary.getObject("totalAmount", BigDecimal.class)));
        // Every recipient is in London, Wales or the South, which the demo geography does not cover: all 23 are
        // unplaced, and none counts for the darlington tier.
        List<Integer> grantsPerYear = summary.getList("byFinancialYear.grants");
        assertEquals(23, grantsPerYear.stream().mapToInt(Integer::intValue).sum());
        assertEquals(23, summary.getList("byFinancialYear.unplacedGrants", Integer.class).stream().mapToInt(Integer::intValue).sum());
        summary.getList("byFinancialYear.localAmount.darlington", Float.class)
                .forEach(amount -> assertEquals(0f, amount));
        given().get(RECORD + "/commitments/give-locally/progress").then()
                .body("source", hasItem("THREE_SIXTY_GIVING")).body("value", org.hamcrest.Matchers.everyItem(equalTo(0f)));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void theSameGrantsAsTheStandardSpreadsheetStoreNothingTwice() throws IOException {
        given().contentType("text/csv")
                .body(Files.readAllBytes(SharedData.file("threesixtygiving/indigo_trust_grants_first23_flat.csv")))
                .post(GIVING).then().statusCode(200)
                .body("grantsRead", equalTo(23)).body("imported", equalTo(0)).body("unchanged", equalTo(23))
                .body("progressRecorded", empty());
    }

    @Test
    @Order(3)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void grantsForDarlingtonBeneficiariesOrRecipientsCountAsLocalGiving() {
        given().contentType(ContentType.JSON).body("""
                {"grants":[
                  {"id":"360G-giving-test-1","title":"Hot meals","currency":"GBP","amountAwarded":1500,"awardDate":"2026-05-01",
                   "recipientOrganization":[{"id":"GB-CHC-1","name":"Food Bank","postalCode":"SW1A 1AA"}],
                   "fundingOrganization":[{"id":"GB-COH-72000001","name":"Giving Trust Ltd"}],
                   "beneficiaryLocation":[{"name":"Darlington","geoCode":"E06000005","geoCodeType":"LA"}]},
                  {"id":"360G-giving-test-2","title":"Football kits","currency":"GBP","amountAwarded":250.50,"awardDate":"2026-06-01",
                   "recipientOrganization":[{"id":"GB-CHC-2","name":"Youth Club","postalCode":"DL1 5QT"}],
                   "fundingOrganization":[{"id":"GB-COH-72000001","name":"Giving Trust Ltd"}]},
                  {"id":"360G-giving-test-3","title":"Durham library","currency":"GBP","amountAwarded":1000,"awardDate":"2026-07-01",
                   "recipientOrganization":[{"id":"GB-CHC-3","name":"Library Friends","postalCode":"DL1 5QT"}],
                   "fundingOrganization":[{"id":"GB-COH-72000001","name":"Giving Trust Ltd"}],
                   "beneficiaryLocation":[{"name":"County Durham","geoCode":"E06000047"}]},
                  {"id":"360G-giving-test-4","title":"Abroad","currency":"USD","amountAwarded":900,"awardDate":"2026-07-01",
                   "recipientOrganization":[{"id":"US-EIN-1","name":"Elsewhere"}],
                   "fundingOrganization":[{"id":"GB-COH-72000001","name":"Giving Trust Ltd"}]}]}""")
                .post(GIVING).then().statusCode(200)
                .body("imported", equalTo(3)).body("skippedNotGbp", equalTo(List.of("360G-giving-test-4")))
                .body("byFinancialYear.find { it.financialYear == '2026-27' }.localAmount.darlington", equalTo(1750.50f))
                .body("byFinancialYear.find { it.financialYear == '2026-27' }.localAmount.north-east", equalTo(2750.50f))
                .body("progressRecorded", hasSize(1))
                .body("progressRecorded[0].value", equalTo(1750.50f));
        given().get(RECORD + "/commitments").then()
                .body("find { it.pledgeCode == 'give-locally' }.status", equalTo("EVIDENCED"))
                .body("find { it.pledgeCode == 'give-locally' }.latestProgress.period", equalTo("2026-27"))
                .body("find { it.pledgeCode == 'give-locally' }.latestProgress.value", equalTo(1750.50f));
        given().get(GIVING).then().statusCode(200)
                .body("find { it.financialYear == '2026-27' }.grants", equalTo(3))
                .body("find { it.financialYear == '2026-27' }.localAmount.darlington", equalTo(1750.50f));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void badFilesAndAnUnreachableGeographyStoreNothing() {
        long before = grants();
        given().contentType(ContentType.JSON).body("""
                {"grants":[{"id":"360G-giving-test-9","currency":"GBP","amountAwarded":"lots","awardDate":"2026-05-01"},
                           {"id":"360G-giving-test-1","currency":"GBP","amountAwarded":1,"awardDate":"yesterday"}]}""")
                .post(GIVING).then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/grants/0/amountAwarded"))
                .body("errors.pointer", hasItem("/grants/1/awardDate"));
        String header = "Identifier,Currency,Amount Awarded,Award Date,Funding Org:Identifier\n";
        given().contentType("text/csv").body(header + "360G-x,GBP,12,2026-13-45," + ORG + "\n")
                .post(GIVING).then().statusCode(422)
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo(4));
        given().contentType("text/csv; charset=UTF-8").body(header + "360G-x,GBP,12,2026-05-01,GB-COH-\u00007\n")
                .post(GIVING).then().statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/csv-unreadable"))
                .body("errors[0].code", equalTo("control-character"))
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo(5));
        given().contentType("text/csv; charset=UTF-8")
                .body((header + "360G-x,GBP,12,2026-05-01,Caf\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .post(GIVING).then().statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/csv-unreadable"))
                .body("errors[0].code", equalTo("invalid-encoding"))
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo(5));
        given().contentType(ContentType.JSON).body("""
                {"grants":[{"id":"360G-nul","title":"Nul\\u0000","currency":"GBP","amountAwarded":5,"awardDate":"2026-05-01",
                  "fundingOrganization":[{"id":"GB-COH-72000001"}]}]}""")
                .post(GIVING).then().statusCode(400).body("errors[0].pointer", equalTo("/grants/0/title"))
                .body("errors[0].code", equalTo("control-character"));
        given().contentType(ContentType.JSON).body("""
                {"grants":[{"id":"360G-not-ours","currency":"GBP","amountAwarded":5,"awardDate":"2026-05-01",
                  "fundingOrganization":[{"id":"360G-someone-else"}]}]}""")
                .post(GIVING).then().statusCode(422).body("errors[0].code", equalTo("funder-not-importer"));
        given().contentType(ContentType.JSON).body("{\"grants\":[").post(GIVING).then().statusCode(400);
        given().contentType(ContentType.JSON).body("""
                {"grants":[{"id":"360G-giving-test-10","currency":"GBP","amountAwarded":5,"awardDate":"2026-05-01",
                  "recipientOrganization":[{"id":"GB-CHC-9","name":"X","postalCode":"%s"}],
                  "fundingOrganization":[{"id":"GB-COH-72000001","name":"Giving Trust Ltd"}]}]}""".formatted(FakeGeography.UNREACHABLE))
                .post(GIVING).then().statusCode(503)
                .body("type", equalTo("https://anchor-network.org/problems/geography-unavailable"));
        assertEquals(before, grants());
    }

    @Test
    @Order(5)
    @TestSecurity(user = "tees-valley-bakery", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-72000002"))
    void anotherOrganisationCannotImportGrantsAsThisOneNorClaimItsIdentifiers() {
        given().contentType(ContentType.JSON).body("{\"grants\":[]}").post(GIVING).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"identifiers\":[\"360G-bakery\"]}").put(RECORD + "/identifiers")
                .then().statusCode(403);
        String bakery = "/api/v1/charters/fairer-richer-darlington/signatories/GB-COH-72000002";
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Bakery Ltd","signatoryType":"BUSINESS","pledgeCodes":["give-locally"]}""")
                .post("/api/v1/charters/fairer-richer-darlington/signatories").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"identifiers\":[\"360g-INDIGOTRUST\"]}").put(bakery + "/identifiers")
                .then().statusCode(409).body("type", equalTo("https://anchor-network.org/problems/identifier-taken"));
        given().contentType(ContentType.JSON).body("{\"identifiers\":[\"" + ORG + "\"]}").put(bakery + "/identifiers")
                .then().statusCode(409);
        given().contentType(ContentType.JSON).body("{\"identifiers\":[\"not an identifier\"]}").put(bakery + "/identifiers")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/identifiers/0"));
        given().contentType(ContentType.JSON).body("{\"organisationId\":\"" + ORG + "\",\"identifiers\":[]}")
                .put(bakery + "/identifiers").then().statusCode(400).body("errors[0].code", equalTo("unknown-field"));
        given().contentType(ContentType.JSON).body("{\"identifiers\":[\"360G-bakery\",\"GB-CHC-7654321\",\"360G-bakery\"]}")
                .put(bakery + "/identifiers").then().statusCode(200)
                .body("organisationId", equalTo("GB-COH-72000002"))
                .body("otherIdentifiers", equalTo(List.of("360G-bakery", "GB-CHC-7654321")));
    }

    private static long grants() {
        return QuarkusTransaction.requiringNew().call(() -> org.anchornetwork.pledge.giving.GivingGrant.count());
    }
}
