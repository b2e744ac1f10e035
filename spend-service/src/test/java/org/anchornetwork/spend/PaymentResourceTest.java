package org.anchornetwork.spend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.anchornetwork.messaging.OutboxEvent;
import org.anchornetwork.spend.payment.Payment;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class PaymentResourceTest {

    private static final String PAYMENTS = "/api/v1/payments";

    private static String batch(String... transactionRefs) {
        StringBuilder json = new StringBuilder("{\"payments\":[");
        for (int i = 0; i < transactionRefs.length; i++) {
            json.append(i == 0 ? "" : ",").append("""
                    {"paymentDate":"2026-10-14","amount":1250.10,"supplierName":"DL Building Supplies Ltd",
                     "supplierOrgId":"GB-COH-10000002","description":"Highways materials","transactionRef":"%s"}"""
                    .formatted(transactionRefs[i]));
        }
        return json.append("]}").toString();
    }

    private static String batchFor(String anchorOrgId, String transactionRef) {
        return batch(transactionRef).replaceFirst("\\{", "{\"anchorOrgId\":\"" + anchorOrgId + "\",");
    }

    @Test
    @TestSecurity(user = "tees-tender-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-70000001"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-P01\",\"GB-NHS-P02\"]", type = io.quarkus.test.security.oidc.ClaimType.JSON_ARRAY) })
    void aPortalRecordsPaymentsOnlyForTheAnchorsItActsFor() {
        given().contentType(ContentType.JSON).body(batchFor("GB-LAE-P01", "P01-1"))
                .when().post(PAYMENTS)
                .then().statusCode(201)
                .body("payments[0].anchorOrgId", equalTo("GB-LAE-P01"));
        assertEquals(1, Payment.count("anchorOrgId", "GB-LAE-P01"), "the anchor's payment, not the portal's");
        assertEquals(1, OutboxEvent.count("eventType = ?1 and aggregateId = ?2", "spend.batch-ingested.v1", "GB-LAE-P01"));

        given().contentType(ContentType.JSON).body(batchFor("GB-LAE-DAL", "P01-2"))
                .when().post(PAYMENTS)
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(batch("P01-3"))
                .when().post(PAYMENTS)
                .then().statusCode(422).body("errors[0].pointer", equalTo("/anchorOrgId"));
        given().when().get(PAYMENTS).then().statusCode(403);
        assertEquals(0, Payment.count("transactionRef in ?1", java.util.List.of("P01-2", "P01-3")));
    }

    @Test
    @TestSecurity(user = "anchor-a", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-T10"))
    void aPaymentKeepsTheColumnsAnchorsPublishAndLinesOfOneTransactionAreStoredOnceEach() {
        String body = """
                {"payments":[
                 {"paymentDate":"2026-10-14","amount":1250.00,"amountBasis":"NET","vatAmount":250.00,
                  "supplierName":"DL Building Supplies Ltd","department":"Highways","expenseType":"Materials",
                  "procurementClassification":"Construction materials","capitalOrRevenue":"CAPITAL",
                  "transactionRef":"T10-INV-1","transactionLine":"1"},
                 {"paymentDate":"2026-10-14","amount":80.00,"supplierName":"DL Building Supplies Ltd",
                  "transactionRef":"T10-INV-1","transactionLine":"2"},
                 {"paymentDate":"2026-10-15","amount":640.00,"department":"Adult Social Care",
                  "expenseType":"Direct payments","redacted":true,"transactionRef":"T10-DP-7"}]}""";
        given().contentType(ContentType.JSON).body(body).when().post(PAYMENTS)
                .then().statusCode(201)
                .body("stored", equalTo(3))
                .body("payments[0].amountBasis", equalTo("NET"))
                .body("payments[0].vatAmount", equalTo(250.00f))
                .body("payments[0].capitalOrRevenue", equalTo("CAPITAL"))
                .body("payments[0].transactionLine", equalTo("1"))
                .body("payments[0].sourceRow", equalTo(1))
                .body("payments[1].amountBasis", equalTo("UNKNOWN"))
                .body("payments[2].redacted", equalTo(true))
                .body("payments[2].supplierName", nullValue())
                .body("payments[2].sourceRow", equalTo(3));

        given().contentType(ContentType.JSON).body("""
                {"payments":[{"paymentDate":"2026-10-14","amount":80.00,"supplierName":"DL Building Supplies Ltd",
                  "transactionRef":"T10-INV-1","transactionLine":"2"},
                 {"paymentDate":"2026-10-14","amount":15.00,"supplierName":"DL Building Supplies Ltd",
                  "transactionRef":"T10-INV-1","transactionLine":"3"}]}""")
                .when().post(PAYMENTS)
                .then().statusCode(201)
                .body("stored", equalTo(1)).body("duplicateTransactionRefs", contains("T10-INV-1#2"));
        assertEquals(4, Payment.count("anchorOrgId", "GB-LAE-T10"));
    }

    @Test
    @TestSecurity(user = "anchor-a", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-T11"))
    void aRedactedPaymentCarriesNoNameAndAnyOtherNeedsOne() {
        given().contentType(ContentType.JSON).body("""
                {"payments":[{"paymentDate":"2026-10-15","amount":640.00,"redacted":true,"supplierName":"Jane Smith",
                  "transactionRef":"T11-1"},
                 {"paymentDate":"2026-10-15","amount":10.00,"supplierName":"  ","transactionRef":"T11-2"},
                 {"paymentDate":"2026-10-15","amount":10.00,"amountBasis":"SOMETIMES","supplierName":"X","transactionRef":"T11-3"}]}""")
                .when().post(PAYMENTS)
                .then().statusCode(400).body("errors[0].pointer", equalTo("/payments/2/amountBasis"));
        given().contentType(ContentType.JSON).body("""
                {"payments":[{"paymentDate":"2026-10-15","amount":640.00,"redacted":true,"supplierName":"Jane Smith",
                  "transactionRef":"T11-1"},
                 {"paymentDate":"2026-10-15","amount":10.00,"supplierName":"  ","transactionRef":"T11-2"}]}""")
                .when().post(PAYMENTS)
                .then().statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.containsInAnyOrder("/payments/0/supplierName", "/payments/1/supplierName"))
                .body("errors.message", hasItem("a redacted payment carries no supplier name; leave it out"));
        assertEquals(0, Payment.count("anchorOrgId", "GB-LAE-T11"));
    }

    @Test
    @TestSecurity(user = "anchor-a", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-T01"))
    void anAnchorRecordsItsPaymentsOnceEvenWhenItSendsThemAgain() {
        given().contentType(ContentType.JSON).body(batch("T01-1", "T01-2"))
                .when().post(PAYMENTS)
                .then().statusCode(201)
                .body("stored", equalTo(2)).body("duplicates", equalTo(0))
                .body("payments.anchorOrgId", everyItem(equalTo("GB-LAE-T01")));

        given().contentType(ContentType.JSON).body(batch("T01-2", "T01-3"))
                .when().post(PAYMENTS)
                .then().statusCode(201)
                .body("stored", equalTo(1)).body("duplicateTransactionRefs", contains("T01-2"));

        given().contentType(ContentType.JSON).body(batch("T01-1"))
                .when().post(PAYMENTS)
                .then().statusCode(200).body("stored", equalTo(0));

        assertEquals(3, Payment.count("anchorOrgId", "GB-LAE-T01"));
        assertEquals(0, new BigDecimal("1250.10").compareTo(
                Payment.<Payment>find("transactionRef", "T01-1").firstResult().amount), "money is exact");
        assertEquals(2, OutboxEvent.count("eventType = ?1 and aggregateId = ?2", "spend.batch-ingested.v1", "GB-LAE-T01"),
                "one event per batch that stored something");
    }

    @Test
    @TestSecurity(user = "anchor-a", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-T02"))
    void listingPagesThroughOnlyTheCallersPayments() {
        given().contentType(ContentType.JSON).body(batch("T02-1", "T02-2", "T02-3")).post(PAYMENTS).then().statusCode(201);
        String cursor = given().queryParam("limit", 2).get(PAYMENTS)
                .then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().queryParam("limit", 2).queryParam("cursor", cursor).get(PAYMENTS)
                .then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", nullValue())
                .body("items.anchorOrgId", everyItem(equalTo("GB-LAE-T02")));
        given().queryParam("limit", 0).get(PAYMENTS).then().statusCode(400).contentType("application/problem+json");
        given().queryParam("limit", "abc").get(PAYMENTS).then().statusCode(400).contentType("application/problem+json");
        given().queryParam("updatedSince", "yesterday").get(PAYMENTS).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "anchor-b", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-NHS-T03"))
    void anotherAnchorsPaymentIsNotFoundAndNeverListed() {
        Payment other = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            Payment payment = new Payment();
            payment.id = java.util.UUID.randomUUID();
            payment.anchorOrgId = "GB-LAE-OTHER";
            payment.paymentDate = java.time.LocalDate.parse("2026-09-01");
            payment.amount = new BigDecimal("99.99");
            payment.supplierName = "Secret Supplier";
            payment.transactionRef = "OTHER-1";
            payment.rowKey = "t:OTHER-1";
            payment.batchId = java.util.UUID.randomUUID();
            payment.createdAt = java.time.OffsetDateTime.now();
            payment.persist();
            return payment;
        });
        given().get(PAYMENTS + "/" + other.id).then().statusCode(404).contentType("application/problem+json");
        given().get(PAYMENTS).then().statusCode(200).body("items.supplierName", not(hasItem("Secret Supplier")));
    }

    @Test
    @TestSecurity(user = "anchor-a", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-T04"))
    void invalidPaymentsAreA422PointingAtEachFieldAndNothingIsStored() {
        given().contentType(ContentType.JSON).body("""
                {"payments":[
                  {"paymentDate":"2026-10-14","amount":10.00,"supplierName":"Fine Ltd","transactionRef":"T04-1"},
                  {"paymentDate":"2026-10-14","amount":10.005,"supplierName":"","transactionRef":"T04-2","supplierOrgId":"not an id"}]}""")
                .when().post(PAYMENTS)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/payments/1/amount"))
                .body("errors.pointer", hasItem("/payments/1/supplierName"))
                .body("errors.pointer", hasItem("/payments/1/supplierOrgId"));
        assertEquals(0, Payment.count("anchorOrgId", "GB-LAE-T04"));
    }

    @Test
    @TestSecurity(user = "anchor-a", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-T04"))
    void aValueOfTheWrongTypeIsA400SayingWhatWasExpectedWithoutJavaNames() {
        given().contentType(ContentType.JSON).body("""
                {"payments":[{"paymentDate":"31/01/2026","amount":1,"supplierName":"X","transactionRef":"T04-9"}]}""")
                .when().post(PAYMENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/payments/0/paymentDate"))
                .body("errors[0].message", equalTo("'31/01/2026' is not a date as yyyy-MM-dd"))
                .body("detail", not(org.hamcrest.Matchers.containsString("java.")));
    }

    @Test
    @TestSecurity(user = "anchor-a", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-T07"))
    void controlCharactersInTextAreRefusedAndSqlIsJustText() {
        given().contentType(ContentType.JSON).body("""
                {"payments":[{"paymentDate":"2026-10-14","amount":1,"supplierName":"Nul\\u0000Ltd","transactionRef":"T07-1"}]}""")
                .when().post(PAYMENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/payments/0/supplierName"))
                .body("errors[0].code", equalTo("control-character"));
        assertEquals(0, Payment.count("anchorOrgId", "GB-LAE-T07"));

        String sql = "O'Brien Ltd'); DROP TABLE payment; --";
        given().contentType(ContentType.JSON).body("""
                {"payments":[{"paymentDate":"2026-10-14","amount":1,"supplierName":"%s","transactionRef":"T07-2"}]}"""
                .formatted(sql))
                .when().post(PAYMENTS)
                .then().statusCode(201).body("payments[0].supplierName", equalTo(sql));
        assertEquals(1, Payment.count("anchorOrgId", "GB-LAE-T07"));
    }

    @Test
    @TestSecurity(user = "anchor-a", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-T05"))
    void anAnchorCannotRecordForAnotherOrganisationThroughTheBody() {
        given().contentType(ContentType.JSON).body("""
                {"anchorOrgId":"GB-LAE-DAL","payments":[{"paymentDate":"2026-10-14","amount":1,"supplierName":"X","transactionRef":"T05-1"}]}""")
                .when().post(PAYMENTS)
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("""
                {"payments":[{"anchorOrgId":"GB-LAE-DAL","paymentDate":"2026-10-14","amount":1,"supplierName":"X","transactionRef":"T05-1"}]}""")
                .when().post(PAYMENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/payments/0/anchorOrgId"));
        assertEquals(0, Payment.count("transactionRef", "T05-1"));
        given().contentType(ContentType.JSON).body(batchFor("GB-LAE-T05", "T05-SELF"))
                .when().post(PAYMENTS).then().statusCode(201).body("payments[0].anchorOrgId", equalTo("GB-LAE-T05"));
    }

    @Test
    @TestSecurity(user = "portal", roles = "supplier")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-COH-10000002"))
    void aSupplierCannotReadOrRecordPayments() {
        given().get(PAYMENTS).then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(batch("S-1")).post(PAYMENTS).then().statusCode(403);
    }

    @Test
    void paymentsNeedAToken() {
        given().get(PAYMENTS).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "anchor-a", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-T06"))
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"payments\": [").post(PAYMENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/malformed-request"));
    }

    @Test
    @TestSecurity(user = "anchor-a", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-T20"))
    void anAnchorExportsOnlyItsOwnPaymentsAsCsvThatSpreadsheetsShowAsText() {
        given().contentType(ContentType.JSON).body("""
                {"payments":[
                 {"paymentDate":"2026-10-14","amount":-12.50,"supplierName":"=HYPERLINK(\\"http://x\\")","transactionRef":"T20-1"},
                 {"paymentDate":"2026-11-02","amount":40.00,"redacted":true,"transactionRef":"T20-2"},
                 {"paymentDate":"2025-01-02","amount":7.00,"supplierName":"Old Supplier","transactionRef":"T20-3"}]}""")
                .when().post(PAYMENTS).then().statusCode(201);
        String csv = given().get(PAYMENTS + "/export?from=2026-01-01").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        java.util.List<String> lines = csv.lines().toList();
        assertEquals(3, lines.size(), csv);
        assertEquals(true, lines.get(0).startsWith("\"payment_date\",\"date_precision\",\"amount\","), lines.get(0));
        // Text quoted and neutralised; amounts plain numbers, a credit too.
        assertEquals(true, lines.get(1).startsWith("\"2026-10-14\",\"DAY\",-12.50,\"UNKNOWN\",\"\",\"'=HYPERLINK(\"\"http://x\"\")\",\"false\""),
                lines.get(1));
        assertEquals(true, lines.get(2).startsWith("\"2026-11-02\",\"DAY\",40.00,\"UNKNOWN\",\"\",\"\",\"true\""), lines.get(2));
        given().get(PAYMENTS + "/export?from=soon").then().statusCode(400).contentType("application/problem+json");
        // The same export as JSON: the text as it is (JSON runs nothing), amounts as numbers.
        given().get(PAYMENTS + "/export?from=2026-01-01&format=json").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/json"))
                .body("size()", equalTo(2)).body("[0].supplierName", equalTo("=HYPERLINK(\"http://x\")"))
                .body("[0].amount", equalTo(-12.5f)).body("[1].redacted", equalTo(true))
                .body("[1].supplierName", org.hamcrest.Matchers.nullValue()).body("[0].paymentDate", equalTo("2026-10-14"));
        given().get(PAYMENTS + "/export?format=xml").then().statusCode(400);
    }
}
