package org.anchornetwork.spend.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.anchornetwork.spend.payment.Payment;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class SpendFileUploadTest {

    private static final String UPLOADS = "/api/v1/payments/uploads";

    /** A request sending the bytes as they are, with no charset added to Content-Type. */
    private static RequestSpecification csv(byte[] body) {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("text/csv").body(body);
    }

    private static RequestSpecification csv(String body) {
        return csv(body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] realFile(String name) throws IOException {
        return Files.readAllBytes(SharedData.file("spending/" + name));
    }

    private static BigDecimal storedTotal(String anchor) {
        return QuarkusTransaction.requiringNew().call(() -> Payment.<Payment>list("anchorOrgId", anchor).stream()
                .map(payment -> payment.amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    private static long storedCount(String anchor) {
        return QuarkusTransaction.requiringNew().call(() -> Payment.count("anchorOrgId", anchor));
    }

    private static ValidatableResponse upload(byte[] file, String query) {
        return csv(file).post(UPLOADS + query).then();
    }

    @Test
    @TestSecurity(user = "darlington", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-U01"))
    void darlingtonsRealFilesIngestWithTheirRowCountsAndTotalsAndOnceOnly() throws IOException {
        byte[] march2017 = realFile("darlington_over500_2017-03_original.csv");
        upload(march2017, "?fileName=darlington_over500_2017-03_original.csv").statusCode(201)
                .header("Location", containsString("/api/v1/payments/batches/"))
                .body("status", equalTo("ACCEPTED")).body("channel", equalTo("CSV"))
                .body("counts.read", equalTo(2011)).body("counts.accepted", equalTo(2011))
                .body("counts.rejected", equalTo(0)).body("counts.duplicate", equalTo(0))
                .body("amountAccepted", equalTo(7754200.42f)).body("encoding", equalTo("windows-1252"))
                .body("headerRow", equalTo(6)).body("firstPaymentDate", equalTo("2017-03-31"))
                .body("mapping.columns.amount", equalTo("Invoice Line Value (net of VAT)"))
                .body("mapping.amountBasis", equalTo("NET"));
        assertEquals(new BigDecimal("7754200.42"), storedTotal("GB-LAE-U01"));

        byte[] september2022 = realFile("darlington_over500_2022-09_clean.csv");
        upload(september2022, "").statusCode(201).body("counts.accepted", equalTo(1487));
        assertEquals(new BigDecimal("7754200.42").add(new BigDecimal("11281654.47")), storedTotal("GB-LAE-U01"));

        // The same file again stores nothing twice.
        upload(september2022, "").statusCode(201).body("status", equalTo("ACCEPTED"))
                .body("counts.accepted", equalTo(0)).body("counts.duplicate", equalTo(1487))
                .body("firstDuplicates", hasSize(100)).body("firstDuplicates[0].row", equalTo(2));
        assertEquals(2011 + 1487, storedCount("GB-LAE-U01"));
    }

    @Test
    @TestSecurity(user = "councils", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-U02"))
    void newcastleNorthTynesideAndGatesheadWithItsSavedMappingIngestWithTheirTotals() throws IOException {
        upload(realFile("newcastle_over250_2020-07_original.csv"), "").statusCode(201)
                .body("counts.read", equalTo(5297)).body("amountAccepted", equalTo(38656982.19f));
        upload(realFile("northtyneside_invoices_2022-07_clean_head5000.csv"), "").statusCode(201)
                .body("counts.accepted", equalTo(5000)).body("amountAccepted", equalTo(6496516.54f));

        byte[] gateshead = realFile("gateshead_over500_2022-08_clean_head2000.csv");
        upload(gateshead, "").statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("csv-header"))
                .body("errors[0].code", equalTo("missing-column")).body("errors[0].row", equalTo(1))
                .body("errors[0].message", containsString("supplier name"));
        given().contentType("application/json").body("""
                {"columns":{"supplierName":"Supplier ID(T)","department":"Nstrg(T)","expenseType":"Cipfsubs(T)"},
                 "amountBasis":"NET","periodKind":"FINANCIAL_YEAR_PERIOD"}""")
                .put("/api/v1/payments/column-mappings/gateshead-monthly").then().statusCode(201)
                .body("name", equalTo("gateshead-monthly"));
        upload(gateshead, "?mapping=gateshead-monthly").statusCode(201)
                .body("counts.accepted", equalTo(2000)).body("amountAccepted", equalTo(1227614.96f))
                .body("firstPaymentDate", equalTo("2022-08-31")).body("lastPaymentDate", equalTo("2022-08-31"));
        assertEquals(new BigDecimal("38656982.19").add(new BigDecimal("6496516.54")).add(new BigDecimal("1227614.96")),
                storedTotal("GB-LAE-U02"));
        long redacted = QuarkusTransaction.requiringNew().call(() -> Payment.count(
                "anchorOrgId = ?1 and redacted = true and supplierName is null", "GB-LAE-U02"));
        assertEquals(1342 + 831 + 12, redacted, "Newcastle's, North Tyneside's and Gateshead's withheld names");
    }

    private static org.hamcrest.Matcher<String> endsWith(String suffix) {
        return org.hamcrest.Matchers.endsWith(suffix);
    }

    private static final String TWO_BAD_ROWS = """
            Payment Date,=Supplier,Net Amount
            2026-10-01,A Ltd,10.00
            2026-10-02,,20.00
            2026-10-03,C Ltd,thirty
            2026-10-04,D Ltd,40.00
            """;

    @Test
    @TestSecurity(user = "strict", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-U03"))
    void anyInvalidRowStoresNothingAndEveryErrorIsReadableAsJsonAndCsv() {
        String batchId = csv(TWO_BAD_ROWS).post(UPLOADS + "?fileName=october.csv").then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("batch-rejected"))
                .body("errors", hasSize(2))
                .body("errors[0].row", equalTo(3)).body("errors[0].column", equalTo(2))
                .body("errors[0].code", equalTo("supplier-missing"))
                .body("errors[1].row", equalTo(4)).body("errors[1].column", equalTo(3))
                .body("errors[1].code", equalTo("amount-invalid"))
                .body("batchId", notNullValue()).body("errorsUrl", startsWith("/api/v1/payments/batches/"))
                .extract().path("batchId");
        assertEquals(0, storedCount("GB-LAE-U03"));
        given().get("/api/v1/payments/batches/" + batchId).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("counts.read", equalTo(4))
                .body("counts.rejected", equalTo(2)).body("counts.accepted", equalTo(0)).body("fileName", equalTo("october.csv"));
        given().get("/api/v1/payments/batches/" + batchId + "/errors").then().statusCode(200)
                .body("items", hasSize(2)).body("items[1].message", equalTo("Net Amount: 'thirty' is not an amount in pounds"));
        String errorsCsv = given().get("/api/v1/payments/batches/" + batchId + "/errors?format=csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertEquals("\"row\",\"column\",\"pointer\",\"code\",\"message\"", errorsCsv.lines().findFirst().orElseThrow());
        // The header "=Supplier" would run as a formula in a spreadsheet: the export neutralises it; numbers stay numbers.
        assertEquals(true, errorsCsv.contains("3,2,\"\",\"supplier-missing\",\"'=Supplier: the supplier is empty"), errorsCsv);
    }

    @Test
    @TestSecurity(user = "lenient", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-U04"))
    void acceptValidStoresTheGoodRowsAndReportsTheRest() {
        csv(TWO_BAD_ROWS).post(UPLOADS + "?mode=accept-valid").then().statusCode(201)
                .body("status", equalTo("PARTIALLY_ACCEPTED")).body("counts.read", equalTo(4))
                .body("counts.accepted", equalTo(2)).body("counts.rejected", equalTo(2))
                .body("amountAccepted", equalTo(50.0f)).body("firstErrors", hasSize(2));
        assertEquals(new BigDecimal("50.00"), storedTotal("GB-LAE-U04"));
        // Fixed and sent again: the two good rows are duplicates, the two mended ones are stored.
        String mended = TWO_BAD_ROWS.replace(",,20.00", ",B Ltd,20.00").replace("thirty", "30.00");
        csv(mended).post(UPLOADS).then().statusCode(201).body("status", equalTo("ACCEPTED"))
                .body("counts.accepted", equalTo(2)).body("counts.duplicate", equalTo(2));
        assertEquals(new BigDecimal("100.00"), storedTotal("GB-LAE-U04"));
    }

    @Test
    @TestSecurity(user = "previewer", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-U05"))
    void aPreviewShowsTheMappingAndFirstRowsAndStoresNothing() {
        csv(TWO_BAD_ROWS).post(UPLOADS + "/preview").then().statusCode(200)
                .body("headerRow", equalTo(1)).body("encoding", equalTo("UTF-8"))
                .body("mapping.columns.paymentDate", equalTo("Payment Date"))
                .body("mapping.columns.amount", equalTo("Net Amount"))
                .body("rows", hasSize(4)).body("rows[0].amount", equalTo(10.0f))
                .body("rows[1].errors[0].code", equalTo("supplier-missing"));
        assertEquals(0, storedCount("GB-LAE-U05"));
        given().get("/api/v1/payments/batches").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    @TestSecurity(user = "careful", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-U06"))
    void fileNamesThatArePathsAndBadParametersAreRefusedBeforeAnythingIsRead() {
        for (String name : new String[] { "../../etc/passwd", "..\\boot.ini", "a/b.csv", "c:evil.csv" }) {
            csv(TWO_BAD_ROWS).queryParam("fileName", name).post(UPLOADS).then().statusCode(400)
                    .contentType("application/problem+json").body("type", endsWith("invalid-file-name"));
        }
        csv(TWO_BAD_ROWS).post(UPLOADS + "?mode=sometimes").then().statusCode(400);
        csv(TWO_BAD_ROWS).post(UPLOADS + "?period=March").then().statusCode(400);
        csv(TWO_BAD_ROWS).post(UPLOADS + "?mapping=never-saved").then().statusCode(422);
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs("text/csv", io.restassured.http.ContentType.BINARY)))
                .contentType("text/csv; charset=klingon").body("x".getBytes(StandardCharsets.US_ASCII)).post(UPLOADS).then().statusCode(400)
                .body("type", endsWith("unknown-charset"));
        given().contentType("application/json").body("{\"columns\":{\"supplierNom\":\"Supplier\",\"amount\":\"\"}}")
                .put("/api/v1/payments/column-mappings/bad").then().statusCode(422).body("errors", hasSize(2));
        given().contentType("application/json").body("{\"columns\":{}}")
                .put("/api/v1/payments/column-mappings/Not A Name").then().statusCode(422);
        assertEquals(0, storedCount("GB-LAE-U06"));
    }

    @Test
    @TestSecurity(user = "tees-tender-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-70000009"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-U07\"]", type = ClaimType.JSON_ARRAY) })
    void aPortalUploadsForAnAnchorItActsForAndReadsTheBatchItSent() {
        String batchId = csv("Payment Date,Supplier Name,Net Amount\n2026-10-01,A Ltd,10.00\n")
                .post(UPLOADS + "?anchorOrgId=GB-LAE-U07").then().statusCode(201)
                .body("anchorOrgId", equalTo("GB-LAE-U07")).body("submittedByOrgId", equalTo("GB-COH-70000009"))
                .extract().path("id");
        given().get("/api/v1/payments/batches/" + batchId).then().statusCode(200);
        csv("Payment Date,Supplier Name,Net Amount\n2026-10-01,A Ltd,10.00\n").post(UPLOADS + "?anchorOrgId=GB-LAE-DAL")
                .then().statusCode(403);
        csv("Payment Date,Supplier Name,Net Amount\n2026-10-01,A Ltd,10.00\n").post(UPLOADS).then().statusCode(422);
        assertEquals(1, storedCount("GB-LAE-U07"));
    }

    @Test
    @TestSecurity(user = "another", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-U08"))
    void anotherAnchorsBatchIsNotFound() {
        java.util.UUID someoneElses = QuarkusTransaction.requiringNew().call(() -> IngestBatch.<IngestBatch>find(
                "anchorOrgId <> ?1", "GB-LAE-U08").firstResultOptional().map(batch -> batch.id).orElse(java.util.UUID.randomUUID()));
        given().get("/api/v1/payments/batches/" + someoneElses).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/payments/batches/" + someoneElses + "/errors").then().statusCode(404);
        given().get("/api/v1/payments/batches/not-a-uuid").then().statusCode(404);
    }
}
