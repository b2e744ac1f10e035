package org.anchornetwork.spend.supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anchornetwork.messaging.OutboxEvent;
import org.anchornetwork.spend.payment.Payment;
import org.anchornetwork.spend.supplier.service.SupplierRegistry;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;

/** The registry, matching and locality on the real North East postcode extracts (../shared/data/geography). */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class SupplierRegistryTest {

    @Inject
    SupplierRegistry registry;

    private static final String SPEND_FILE = """
            Payment Date,Supplier Name,Supplier Reference,Net Amount,Transaction Number
            2026-10-01,Darlington Joinery Ltd,V-1,1000.00,T1
            2026-10-02,DURHAM CLEANING LIMITED,,200.00,T2
            2026-10-03,Middlesbrough Catering,V-3,30.00,T3
            2026-10-04,Richmond Print & Design,,4.00,T4
            2026-10-05,Redacted Personal Data,,0.50,T5
            2026-10-06,Unknown Widgets Ltd,,0.05,T6
            """;

    private static final String VENDOR_MASTER = """
            Supplier Reference,Supplier Name,Company Number,Postcode,Branch Postcodes,Size,VCSE,SIC Codes
            V-1,Darlington Joinery,1234567,DL1 5QT,,small,no,43320
            V-2,Durham Cleaning Ltd,SC123456,DL2 2UL,,micro,yes,81210
            V-3,Middlesbrough Catering Co,,TS1 1AA,DL2 1AA,medium,,
            V-4,Richmond Print and Design,,DL10 4AA,,,,
            """;

    private static String upload(String path, String body) {
        return given().contentType("text/csv; charset=UTF-8").body(body).post(path).then().extract().asString();
    }

    private static JsonNode lastBatchEvent(String anchor) throws Exception {
        String payload = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>find(
                "eventType = ?1 and aggregateId = ?2 order by position desc", "spend.batch-ingested.v1", anchor)
                .firstResult().payload);
        return new ObjectMapper().readTree(payload);
    }

    @Test
    @TestSecurity(user = "council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-S01"))
    void vendorMasterPostcodesMakePaymentsLocalAndTheBatchEventSaysHowMuchPerTier() throws Exception {
        SharedData.file("geography/postcodes_DL_to_lad.csv");
        given().contentType("text/csv; charset=UTF-8").body(VENDOR_MASTER).post("/api/v1/suppliers/vendor-master")
                .then().statusCode(200).body("received", equalTo(4)).body("created", equalTo(4))
                .body("rejected", equalTo(0));
        given().contentType("text/csv; charset=UTF-8").body(SPEND_FILE).post("/api/v1/payments/uploads").then().statusCode(201);

        List<Payment> payments = QuarkusTransaction.requiringNew().call(() -> Payment.<Payment>list(
                "anchorOrgId = ?1 order by transactionRef", "GB-LAE-S01"));
        assertEquals(List.of("REFERENCE", "NAME", "REFERENCE", "NAME", "none", "none"), payments.stream()
                .map(p -> p.matchMethod == null ? "none" : p.matchMethod).toList());

        JsonNode event = lastBatchEvent("GB-LAE-S01");
        assertEquals("CSV", event.get("channel").asText());
        assertEquals(6, event.get("paymentCount").asInt());
        // Darlington Joinery (DL1 5QT) is in Darlington; Durham Cleaning (DL2 2UL) in County Durham, North East;
        // Middlesbrough Catering (TS1 1AA, branch DL2 1AA) in Middlesbrough and Darlington; Richmond (DL10) outside all.
        assertAmount("1030.00", tier(event, "darlington"));
        assertAmount("1030.00", tier(event, "tees-valley"));
        assertAmount("1230.00", tier(event, "north-east"));
        assertAmount("0.55", event.get("unknownLocationAmount").decimalValue()); // the redacted payee and the unknown supplier

        given().get("/api/v1/suppliers/GB-COH-01234567").then().statusCode(200)
                .body("name", equalTo("Darlington Joinery")).body("sizeClass", equalTo("SMALL")).body("vcse", equalTo(false))
                .body("sites[0].ladCode", equalTo("E06000005")).body("localTo", contains("darlington", "north-east", "tees-valley"))
                .body("names", contains("Darlington Joinery"));
        given().get("/api/v1/suppliers/unmatched-names").then().statusCode(200)
                .body("normalisedName", contains("UNKNOWN WIDGETS")).body("name", not(hasItem("Redacted Personal Data")));
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }

    private static BigDecimal tier(JsonNode event, String name) {
        for (JsonNode total : event.get("localTotals")) {
            if (total.get("tier").asText().equals(name)) {
                return total.get("localAmount").decimalValue();
            }
        }
        throw new AssertionError("no total for " + name + " in " + event);
    }

    @Test
    @TestSecurity(user = "trust", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-NHS-S02"))
    void theSameCompanyPaidByTwoAnchorsIsOneSupplier() {
        given().contentType("application/json").body("""
                {"suppliers":[{"reference":"NHS-77","name":"Quaker Bakers Limited","companyNumber":"07777777","postcode":"DL3 6JL"}]}""")
                .post("/api/v1/suppliers/vendor-master").then().statusCode(200).body("created", equalTo(1));
        given().contentType("application/json").body("""
                {"suppliers":[{"reference":"B-9","name":"QUAKER BAKERS","companyNumber":"7777777","vatNumber":"GB 123 4567 89"}]}""")
                .post("/api/v1/suppliers/vendor-master").then().statusCode(200).body("created", equalTo(0))
                .body("updated", equalTo(1));
        given().get("/api/v1/suppliers/GB-VAT-123456789").then().statusCode(200)
                .body("identifiers", containsInAnyOrder("GB-COH-07777777", "GB-VAT-123456789"))
                .body("organisationId", equalTo("GB-COH-07777777"));
    }

    @Test
    @TestSecurity(user = "careful", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-S03"))
    void badVendorRecordsAreReportedByRowAndColumnAndNothingIsAppliedUnlessAskedTo() {
        String file = """
                Supplier Reference,Supplier Name,Company Number,Postcode
                X-1,Good Supplier Ltd,,DL1 1AA
                X-2,,12,NOT A POSTCODE
                """;
        given().contentType("text/csv; charset=UTF-8").body(file).post("/api/v1/suppliers/vendor-master").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.code", containsInAnyOrder("name-missing", "postcode-invalid"))
                .body("errors.find { it.code == 'postcode-invalid' }.row", equalTo(3))
                .body("errors.find { it.code == 'postcode-invalid' }.column", equalTo(4));
        given().contentType("text/csv; charset=UTF-8").body(file).post("/api/v1/suppliers/vendor-master?mode=accept-valid")
                .then().statusCode(200).body("created", equalTo(1)).body("rejected", equalTo(1));
    }

    @Test
    @TestSecurity(user = "careful", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-S05"))
    void aVendorMasterThatIsNotTextIsRefusedAtItsRowAndColumnNeverStoredWithReplacementCharacters() {
        byte[] latin1 = "Supplier Name,Postcode\nCaf\u00e9 Ltd,DL1 1AA\n".getBytes(StandardCharsets.ISO_8859_1);
        given().contentType("text/csv; charset=UTF-8").body(latin1).post("/api/v1/suppliers/vendor-master").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/csv-unreadable"))
                .body("errors[0].code", equalTo("invalid-encoding"))
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo(1));
        given().contentType("text/csv; charset=UTF-8").body("Supplier Name,Postcode\nNul\u0000 Ltd,DL1 1AA\n")
                .post("/api/v1/suppliers/vendor-master?mode=accept-valid").then().statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/csv-unreadable"))
                .body("errors[0].code", equalTo("control-character"))
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo(1));
        given().contentType("text/csv; charset=UTF-8").body("Postcode\nDL1 1AA\n").post("/api/v1/suppliers/vendor-master").then()
                .statusCode(422).body("type", equalTo("https://anchor-network.org/problems/csv-header"))
                .body("errors[0].code", equalTo("missing-column")).body("errors[0].row", equalTo(1));
        // Without a charset, bytes that are not UTF-8 are Windows-1252, as every CSV upload reads them.
        given().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("text/csv").body(latin1).post("/api/v1/suppliers/vendor-master").then().statusCode(200)
                .body("created", equalTo(1));
        Number named = QuarkusTransaction.requiringNew().call(() -> (Number) Supplier.getEntityManager().createNativeQuery(
                "select count(*) from supplier_name where name = 'Café Ltd'").getSingleResult());
        assertEquals(1L, named.longValue());
    }

    @Test
    @TestSecurity(user = "network-admin", roles = { "network-admin", "anchor" })
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-S04"))
    void aNetworkAdminAliasesAnUnmatchedNameAndMergesASupplierRecordedTwice() {
        given().contentType("application/json").body("""
                {"suppliers":[{"name":"Tees Valley Bakery CIC","organisationId":"GB-COH-55555555","postcode":"TS18 1AA"},
                 {"name":"TV Bakery","postcode":"DL1 1AA"}]}""")
                .post("/api/v1/suppliers/vendor-master").then().statusCode(200).body("created", equalTo(2));
        given().contentType("text/csv; charset=UTF-8").body("""
                Payment Date,Supplier Name,Net Amount
                2026-10-01,TVB (Bakery) Stockton,12.00
                """).post("/api/v1/payments/uploads").then().statusCode(201);
        given().contentType("application/json").body("{\"name\":\"TVB (Bakery) Stockton\"}")
                .post("/api/v1/suppliers/GB-COH-55555555/aliases").then().statusCode(200)
                .body("names", hasItem("TVB (Bakery) Stockton"));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Payment.count(
                "anchorOrgId = ?1 and matchMethod = 'NAME' and supplierId is not null", "GB-LAE-S04")));

        UUID duplicate = QuarkusTransaction.requiringNew().call(() -> (UUID) Supplier.getEntityManager().createNativeQuery(
                "select supplier_id from supplier_name where normalised_name = 'TV BAKERY'").getSingleResult());
        given().contentType("application/json").body("{\"supplierId\":\"" + duplicate + "\"}")
                .post("/api/v1/suppliers/GB-COH-55555555/merge").then().statusCode(200)
                .body("names", hasItem("TV Bakery")).body("sites.postcode", containsInAnyOrder("TS18 1AA", "DL1 1AA"));
        given().get("/api/v1/suppliers/" + duplicate).then().statusCode(404);
        given().contentType("application/json").body("{\"name\":\"TV Bakery\"}")
                .post("/api/v1/suppliers/GB-COH-55555555/aliases").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "redacting-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-S05"))
    void aRedactedPayeeIsNeverMatchedToASupplierByAnyRoute() {
        // A supplier the council knows by reference and company number, in Darlington.
        given().contentType("application/json").body("""
                {"suppliers":[{"reference":"RP-1","name":"Redaction Test Joinery","companyNumber":"55550001","postcode":"DL1 5QT"}]}""")
                .post("/api/v1/suppliers/vendor-master").then().statusCode(200);
        // Payments to individuals, withheld, that carry that reference or identifier (as finance systems export them),
        // and a reference the registry learns only later.
        given().contentType("application/json").body("""
                {"payments":[
                 {"paymentDate":"2047-05-01","amount":100.00,"redacted":true,"supplierReference":"RP-1","transactionRef":"RP-A"},
                 {"paymentDate":"2047-05-02","amount":200.00,"redacted":true,"supplierOrgId":"GB-COH-55550001","transactionRef":"RP-B"},
                 {"paymentDate":"2047-05-03","amount":400.00,"redacted":true,"supplierReference":"RP-2","transactionRef":"RP-C"},
                 {"paymentDate":"2047-05-04","amount":800.00,"supplierName":"Redaction Test Joinery","transactionRef":"RP-D"}]}""")
                .post("/api/v1/payments").then().statusCode(201);
        // The registry learns RP-2 (a vendor master), an alias and a second record merged into the first.
        given().contentType("application/json").body("""
                {"suppliers":[{"reference":"RP-2","name":"Redaction Test Joinery Ltd","companyNumber":"55550001"},
                 {"reference":"RP-3","name":"Redaction Joinery Duplicate","companyNumber":"55550003"}]}""")
                .post("/api/v1/suppliers/vendor-master").then().statusCode(200);
        UUID kept = supplierWith("GB-COH-55550001");
        UUID duplicate = supplierWith("GB-COH-55550003");
        QuarkusTransaction.requiringNew().run(() -> registry.merge(kept, duplicate));

        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Payment.count(
                "anchorOrgId = ?1 and redacted = true and supplierId is not null", "GB-LAE-S05")), "no redacted payment is matched");
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Payment.count(
                "anchorOrgId = ?1 and redacted = false and supplierId is not null", "GB-LAE-S05")));
        // Its own analysis: the joinery has its own 800.00; the 700.00 to individuals are unidentified and of unknown place.
        io.restassured.path.json.JsonPath own = given().get("/api/v1/spend/aggregate?scope=own&drilldown=supplier"
                + "&cut=financialYear:2047-48").then().statusCode(200).extract().jsonPath();
        assertEquals(800.0f, own.getFloat("cells.find { it.supplierName == 'Redaction Test Joinery' }.totalSpend"));
        assertEquals(700.0f, own.getFloat("cells.find { it.supplier == null }.totalSpend"));
        given().get("/api/v1/spend/aggregate?scope=own&cut=financialYear:2047-48").then().statusCode(200)
                .body("summary.localSpend.darlington", equalTo(800.0f)).body("summary.unknownLocationSpend", equalTo(700.0f));
    }

    private static UUID supplierWith(String identifier) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) Payment.getEntityManager().createNativeQuery(
                "select supplier_id from supplier_identity where identifier = :identifier").setParameter("identifier", identifier)
                .getSingleResult());
    }
}
