package org.anchornetwork.spend.ocds;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.anchornetwork.spend.ingest.IngestBatch;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.ValidatableResponse;

/**
 * OCDS release packages through the API, with the real samples in ../shared/data/ocds and the official schema from
 * there. Each test works for an anchor of its own, so tests do not see each other's awards.
 */
@QuarkusTest
@TestProfile(LocalOcdsSchema.class)
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class ReleasePackageTest {

    private static final String PACKAGES = "/api/v1/ocds/release-packages";

    @BeforeEach
    void needsTheSchema() {
        LocalOcdsSchema.required();
    }

    private static byte[] sample(String name) throws IOException {
        return Files.readAllBytes(SharedData.file("ocds/" + name));
    }

    private static ValidatableResponse send(byte[] body, String query) {
        return given().contentType("application/json").body(body).post(PACKAGES + query).then();
    }

    private static ValidatableResponse send(String body, String query) {
        return given().contentType("application/json").body(body).post(PACKAGES + query).then();
    }

    private static long awardsOf(String anchor) {
        return QuarkusTransaction.requiringNew().call(() -> ContractAward.count("anchorOrgId", anchor));
    }

    private static long suppliersOf(String anchor) {
        return QuarkusTransaction.requiringNew().call(() -> ContractAwardSupplier.count(
                "key.awardId in (select a.id from ContractAward a where a.anchorOrgId = ?1)", anchor));
    }

    /*
     * Expected numbers for the Contracts Finder sample, counted with python3 outside the service: 201 releases, of
     * which two share ocid ocds-b5fd17-e3b5f385-… and id 2a1e3359-…-819950 (so 200 are new and 1 a duplicate); 148
     * awards, 143 distinct (ocid, award id) in the new releases (4 repeat an award in an awardUpdate); 262 distinct
     * suppliers over those 143 awards; 978,500,232.86 GBP of award value; no contracts.
     */
    @Test
    @TestSecurity(user = "cf", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-O01"))
    void theRealContractsFinderSampleIsStoredOnceOnly() throws IOException {
        byte[] contractsFinder = sample("contracts_finder_release_package_sample.json");
        send(contractsFinder, "").statusCode(201)
                .header("Location", containsString("/api/v1/payments/batches/"))
                .body("batch.channel", equalTo("OCDS")).body("batch.status", equalTo("ACCEPTED"))
                .body("batch.counts.read", equalTo(201)).body("batch.counts.accepted", equalTo(200))
                .body("batch.counts.rejected", equalTo(0)).body("batch.counts.duplicate", equalTo(1))
                .body("awards.stored", equalTo(143)).body("awards.duplicate", equalTo(4))
                .body("awards.suppliersStored", equalTo(262))
                .body("contracts.stored", equalTo(0));
        assertEquals(143, awardsOf("GB-LAE-O01"));
        assertEquals(262, suppliersOf("GB-LAE-O01"));
        BigDecimal total = QuarkusTransaction.requiringNew().call(() -> ContractAward.<ContractAward>list("anchorOrgId",
                "GB-LAE-O01").stream().map(award -> award.valueAmount).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertEquals(new BigDecimal("978500232.86"), total);
        // Award suppliers join the registry, with the postcode Contracts Finder writes into the street address.
        assertEquals("B17 0TP", QuarkusTransaction.requiringNew().call(() -> ContractAward.getEntityManager().createNativeQuery("""
                select s.postcode from supplier_site s join supplier_name n on n.supplier_id = s.supplier_id
                where n.normalised_name = 'HENNESSY FLOORING'""").getSingleResult()));

        send(contractsFinder, "").statusCode(201).body("batch.status", equalTo("ACCEPTED"))
                .body("batch.counts.read", equalTo(201)).body("batch.counts.accepted", equalTo(0))
                .body("batch.counts.duplicate", equalTo(201)).body("awards.stored", equalTo(0))
                .body("awards.suppliersStored", equalTo(0));
        assertEquals(143, awardsOf("GB-LAE-O01"));
        assertEquals(262, suppliersOf("GB-LAE-O01"));

        // Read back, newest first, in pages.
        String next = given().get("/api/v1/contract-awards?limit=100").then().statusCode(200)
                .body("items", hasSize(100)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().get("/api/v1/contract-awards?limit=100&cursor=" + next).then().statusCode(200)
                .body("items", hasSize(43)).body("nextCursor", nullValue());
        String worcester = QuarkusTransaction.requiringNew().call(() -> ContractAward.<ContractAward>find(
                "anchorOrgId = ?1 and awardId = ?2", "GB-LAE-O01", "ocds-b5fd17-76485a2b-4074-427a-8782-2a6c3f9a2cb4-1")
                .firstResult().id.toString());
        given().get("/api/v1/contract-awards/" + worcester).then().statusCode(200)
                .body("ocid", equalTo("ocds-b5fd17-76485a2b-4074-427a-8782-2a6c3f9a2cb4"))
                .body("status", equalTo("active")).body("awardDate", equalTo("2021-07-09"))
                .body("valueAmount", equalTo(3380.86f)).body("currency", equalTo("GBP"))
                .body("buyer.partyId", equalTo("GB-CFS-44290")).body("buyer.name", equalTo("University Of Worcester"))
                .body("contractStart", equalTo("2021-07-19")).body("contractEnd", equalTo("2025-08-04"))
                .body("suppliers.name", hasItem("Hennessy Flooring Ltd"))
                .body("suppliers.find { it.partyId == 'GB-CFS-307531' }.streetAddress",
                        equalTo("30 Lismore Drive, Birmingham, West Midlands, United Kingdom, B17 0TP"));
    }

    @Test
    @TestSecurity(user = "pcs", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-O02"))
    void theInvalidPublicContractsScotlandSampleIsRejectedWithItsSchemaErrors() throws IOException {
        String batchId = send(sample("public_contracts_scotland_release_package_sample.json"), "").statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/batch-rejected"))
                .body("errors", hasSize(90))
                .body("errors[0].pointer", equalTo("/releases/0/id")).body("errors[0].code", equalTo("schema-required"))
                .body("errors[89].pointer", equalTo("/releases/89/id"))
                .body("errorsUrl", startsWith("/api/v1/payments/batches/")).body("batchId", notNullValue())
                .extract().path("batchId");
        assertEquals(0, awardsOf("GB-LAE-O02"));
        given().get("/api/v1/payments/batches/" + batchId).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("channel", equalTo("OCDS"))
                .body("counts.read", equalTo(90)).body("counts.rejected", equalTo(90)).body("counts.accepted", equalTo(0))
                .body("errorsRecorded", equalTo(90));
        given().get("/api/v1/payments/batches/" + batchId + "/errors?limit=1").then().statusCode(200)
                .body("items[0].pointer", equalTo("/releases/0/id"));
        // Accept-valid stores nothing either: no release is valid.
        send(sample("public_contracts_scotland_release_package_sample.json"), "?mode=accept-valid").statusCode(201)
                .body("batch.status", equalTo("PARTIALLY_ACCEPTED")).body("batch.counts.rejected", equalTo(90))
                .body("batch.counts.accepted", equalTo(0));
        assertEquals(0, awardsOf("GB-LAE-O02"));
    }

    /** A package of releases built around a template; {@code %s} parts are filled per release. */
    private static String releasePackage(String... releases) {
        return """
                {"uri":"https://portal.example/ocds/1","version":"1.1","publishedDate":"2026-11-20T09:00:00Z",
                 "publisher":{"name":"Tees Tender Portal"},"releases":[%s]}""".formatted(String.join(",", releases));
    }

    private static String release(String id, String buyerRoles, String supplierPartyId, String amount, String extra) {
        return """
                {"ocid":"ocds-test01-%1$s","id":"%1$s-r1","date":"2026-11-18T10:00:00Z","tag":["award"],"initiationType":"tender",
                 "parties":[
                   {"id":"GB-LAE-DAL","name":"Darlington Borough Council","roles":%2$s},
                   {"id":"GB-COH-01234567","name":"DL Building Supplies Ltd",
                    "identifier":{"scheme":"GB-COH","id":"01234567","legalName":"DL BUILDING SUPPLIES LIMITED"},
                    "address":{"streetAddress":"1 High Row","locality":"Darlington","postalCode":" dl1  5qt ","countryName":"United Kingdom"},
                    "roles":["supplier"]}],
                 "buyer":{"id":"GB-LAE-DAL","name":"Darlington Borough Council"},
                 "awards":[{"id":"%1$s-a1","title":"Highway repairs","status":"active","date":"2026-11-17T00:00:00Z",
                   "value":{"amount":%4$s,"currency":"GBP"},"suppliers":[{"id":"%3$s","name":"DL Building Supplies Ltd"}],
                   "contractPeriod":{"startDate":"2027-01-01T00:00:00Z","endDate":"2027-12-31T00:00:00Z"}}]%5$s}"""
                .formatted(id, buyerRoles, supplierPartyId, amount, extra);
    }

    private static String good(String id) {
        return release(id, "[\"buyer\"]", "GB-COH-01234567", "125000.50", "");
    }

    private static String crafted() {
        return releasePackage(good("good"),
                release("buyer-no-role", "[\"procuringEntity\"]", "GB-COH-01234567", "10", ""),
                release("no-supplier", "[\"buyer\"]", "GB-COH-99999999", "10", ""),
                release("negative", "[\"buyer\"]", "GB-COH-01234567", "-10", ""));
    }

    @Test
    @TestSecurity(user = "crafted", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-O03"))
    void checksBeyondTheSchemaRejectTheReleasesTheyFindAndAcceptValidStoresTheRest() {
        send(crafted(), "").statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/batch-rejected"))
                .body("errors", hasSize(3))
                .body("errors[0].pointer", equalTo("/releases/1/buyer/id")).body("errors[0].code", equalTo("buyer-role-missing"))
                .body("errors[1].pointer", equalTo("/releases/2/awards/0/suppliers/0/id"))
                .body("errors[1].code", equalTo("supplier-not-in-parties"))
                .body("errors[2].pointer", equalTo("/releases/3/awards/0/value/amount"))
                .body("errors[2].code", equalTo("negative-value"));
        assertEquals(0, awardsOf("GB-LAE-O03"));

        send(crafted(), "?mode=accept-valid").statusCode(201)
                .body("batch.status", equalTo("PARTIALLY_ACCEPTED")).body("batch.counts.read", equalTo(4))
                .body("batch.counts.accepted", equalTo(1)).body("batch.counts.rejected", equalTo(3))
                .body("batch.firstErrors", hasSize(3)).body("awards.stored", equalTo(1))
                .body("awards.suppliersStored", equalTo(1));
        ContractAwardSupplier supplier = QuarkusTransaction.requiringNew().call(() -> ContractAwardSupplier
                .<ContractAwardSupplier>find("key.awardId in (select a.id from ContractAward a where a.anchorOrgId = ?1)",
                        "GB-LAE-O03").singleResult());
        assertEquals("DL1 5QT", supplier.postalCode);
        assertEquals("GB-COH", supplier.identifierScheme);
        assertEquals("01234567", supplier.identifierId);
        assertEquals("DL BUILDING SUPPLIES LIMITED", supplier.legalName);

        // A contract notice names an award sent in an earlier package.
        String contract = """
                {"ocid":"ocds-test01-good","id":"good-r2","date":"2026-12-01T10:00:00Z","tag":["contract"],"initiationType":"tender",
                 "parties":[{"id":"GB-LAE-DAL","name":"Darlington Borough Council","roles":["buyer"]}],
                 "buyer":{"id":"GB-LAE-DAL"},
                 "contracts":[{"id":"good-c1","awardID":"good-a1","title":"Highway repairs 2027","status":"active",
                   "value":{"amount":125000.5,"currency":"GBP"},"dateSigned":"2026-12-01T09:00:00Z",
                   "period":{"startDate":"2027-01-01T00:00:00Z","endDate":"2027-12-31T00:00:00Z"}}]}""";
        String unknownAward = contract.replace("good-r2", "good-r3").replace("\"good-a1\"", "\"nowhere-a1\"");
        send(releasePackage(contract, unknownAward), "?mode=accept-valid").statusCode(201)
                .body("batch.counts.accepted", equalTo(1)).body("batch.counts.rejected", equalTo(1))
                .body("batch.firstErrors[0].pointer", equalTo("/releases/1/contracts/0/awardID"))
                .body("batch.firstErrors[0].code", equalTo("award-unknown"))
                .body("contracts.stored", equalTo(1));
        given().get("/api/v1/contract-awards").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].awardId", equalTo("good-a1")).body("items[0].valueAmount", equalTo(125000.5f))
                .body("items[0].contracts[0].contractId", equalTo("good-c1"))
                .body("items[0].contracts[0].dateSigned", equalTo("2026-12-01"));
    }

    /** Issue 15: amounts are checked against value_amount numeric(16,2) and never rounded; every kind of error at once. */
    @Test
    @TestSecurity(user = "numbers", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-O15"))
    void amountsAreCheckedAgainstTheirColumnAndEveryKindOfErrorIsListed() {
        for (String[] abuse : List.of(new String[] { "1e20", "out-of-range" }, new String[] { "1e999999", "out-of-range" },
                new String[] { "1e-999999", "too-many-decimals" }, new String[] { "-1", "negative-value" },
                new String[] { "125000.001", "too-many-decimals" })) {
            send(releasePackage(release("amount-" + UUID.randomUUID(), "[\"buyer\"]", "GB-COH-01234567", abuse[0], "")), "")
                    .statusCode(422).body("type", equalTo("https://anchor-network.org/problems/batch-rejected"))
                    .body("errors.collect { it.pointer + ' ' + it.code }",
                            contains("/releases/0/awards/0/value/amount " + abuse[1]));
        }
        // A schema error (no date) and rules beyond the schema (no supplier party, a negative amount) in one release.
        send(releasePackage(release("kinds", "[\"buyer\"]", "GB-COH-99999999", "-10", "")
                .replace("\"date\":\"2026-11-18T10:00:00Z\",", "")), "").statusCode(422)
                .body("errors.collect { it.pointer + ' ' + it.code }", containsInAnyOrder("/releases/0/date schema-required",
                        "/releases/0/awards/0/suppliers/0/id supplier-not-in-parties",
                        "/releases/0/awards/0/value/amount negative-value"));
        assertEquals(0, awardsOf("GB-LAE-O15"));
    }

    @Test
    @TestSecurity(user = "metadata", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-O04"))
    void anErrorInThePackageMetadataRejectsTheWholePackageEvenWithAcceptValid() {
        String noPublisher = releasePackage(good("meta")).replace("\"publisher\":{\"name\":\"Tees Tender Portal\"},", "");
        send(noPublisher, "?mode=accept-valid").statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/batch-rejected"))
                .body("errors[0].pointer", equalTo("/publisher")).body("errors[0].code", equalTo("schema-required"));
        assertEquals(0, awardsOf("GB-LAE-O04"));
        send("{\"releases\": [", "").statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/malformed-request"));
        // Checked without body matchers: on a failure rest-assured would pretty-print 100,000 levels.
        io.restassured.response.Response deep = given().contentType("application/json")
                .body(("[".repeat(100_000) + "]".repeat(100_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(PACKAGES);
        assertEquals(400, deep.statusCode());
        assertEquals("application/problem+json", deep.contentType());
        send(releasePackage(good("meta")), "?mode=sometimes").statusCode(400);
    }

    @Test
    @TestSecurity(user = "tees-tender-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-70000019"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-O05\"]", type = ClaimType.JSON_ARRAY) })
    void aPortalSendsForTheAnchorsItActsForOnly() {
        send(releasePackage(good("portal")), "?anchorOrgId=GB-LAE-O06").statusCode(403).contentType("application/problem+json");
        send(releasePackage(good("portal")), "").statusCode(422);
        send(releasePackage(good("portal")), "?anchorOrgId=GB-LAE-O05").statusCode(201)
                .body("batch.anchorOrgId", equalTo("GB-LAE-O05")).body("batch.submittedByOrgId", equalTo("GB-COH-70000019"));
        given().get("/api/v1/contract-awards?anchorOrgId=GB-LAE-O05").then().statusCode(200).body("items", hasSize(1));
        given().get("/api/v1/contract-awards?anchorOrgId=GB-LAE-O06").then().statusCode(403);
        assertEquals(0, awardsOf("GB-LAE-O06"));
    }

    @Test
    @TestSecurity(user = "other", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-O07"))
    void anotherAnchorsAwardIsNotFound() {
        UUID someoneElses = QuarkusTransaction.requiringNew().call(() -> {
            IngestBatch batch = new IngestBatch();
            batch.id = UUID.randomUUID();
            batch.anchorOrgId = "GB-LAE-O08";
            batch.submittedByOrgId = "GB-LAE-O08";
            batch.channel = IngestBatch.Channel.OCDS;
            batch.mode = IngestBatch.Mode.ALL_OR_NOTHING;
            batch.status = IngestBatch.Status.ACCEPTED;
            batch.amountAccepted = BigDecimal.ZERO;
            batch.receivedAt = OffsetDateTime.now();
            batch.completedAt = batch.receivedAt;
            batch.persist();
            ContractAward award = new ContractAward();
            award.id = UUID.randomUUID();
            award.anchorOrgId = "GB-LAE-O08";
            award.batchId = batch.id;
            award.ocid = "ocds-test01-elsewhere";
            award.releaseId = "r1";
            award.awardId = "a1";
            award.createdAt = OffsetDateTime.now();
            award.persist();
            return award.id;
        });
        given().get("/api/v1/contract-awards/" + someoneElses).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/contract-awards/" + someoneElses + "?anchorOrgId=GB-LAE-O08").then().statusCode(403);
        given().get("/api/v1/contract-awards/not-a-uuid").then().statusCode(404);
        given().get("/api/v1/contract-awards").then().statusCode(200).body("items", hasSize(0));
        given().get("/api/v1/contract-awards?cursor=bm9wZQ").then().statusCode(400);
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> ContractAward.list("anchorOrgId", "GB-LAE-O07")));
    }
}
