package org.anchornetwork.framework.tender;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
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
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/** A portal that speaks OCDS: its tender release creates the tender; the export validates and reads back unchanged. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OcdsRoundTripTest {

    private static final String FRAMEWORK = "ocds-test-sv";
    private static String tender;
    private static String exported;

    @Test
    @Order(1)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aPublishedFramework() {
        PublishedFrameworks.publish(FRAMEWORK, """
                {"themes":[{"code":"JOBS","title":"Jobs"}],"outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"Local employment"}],
                 "measures":[{"code":"FRD1","outcome":"JOBS-1","title":"Local FTE","unit":"fte-years","proxyValue":30000.00,"priceBaseYear":2025},
                             {"code":"FRD2","outcome":"JOBS-1","title":"Apprenticeship weeks","unit":"weeks","proxyValue":250.00,"priceBaseYear":2025}]}""");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "tees-tender-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-10000001"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void aTenderReleaseCreatesTheTenderAndTheExportReadsBackUnchanged() throws Exception {
        String closing = OffsetDateTime.now().plusDays(3).withNano(0).toString();
        tender = given().contentType(ContentType.JSON).body(release("OCDS-1", "Leisure centre roof", closing, """
                {"frameworkId":"%s","frameworkVersion":1,"measureCodes":["FRD1","FRD2"],"weighting":12.5,
                 "scoringMethod":"FIXED_BANDS","bands":[{"fromPercent":0,"scorePercent":0},{"fromPercent":3,"scorePercent":100}]}"""
                .formatted(FRAMEWORK)))
                .post("/api/v1/tenders/ocds-releases").then().statusCode(200)
                .body("tenders[0].outcome", equalTo("CREATED")).body("tenders[0].reference", equalTo("OCDS-1"))
                .extract().path("tenders[0].id");
        given().get("/api/v1/tenders/" + tender).then().statusCode(200)
                .body("scoringMethod", equalTo("FIXED_BANDS")).body("socialValueWeighting", equalTo(12.5f))
                .body("measureCodes", contains("FRD1", "FRD2"));
        exported = given().get("/api/v1/tenders/" + tender + "/ocds").then().statusCode(200)
                .body("releases[0].tag", contains("tender")).extract().asString();
        assertEquals(List.of(), OcdsValidation.errors(exported), exported);
        given().contentType(ContentType.JSON).body(exported).post("/api/v1/tenders/ocds-releases").then().statusCode(200)
                .body("tenders[0].outcome", equalTo("UNCHANGED")).body("tenders[0].id", equalTo(tender));
        given().contentType(ContentType.JSON).body(exported.replace("Leisure centre roof", "Leisure centre roof and gutters"))
                .post("/api/v1/tenders/ocds-releases").then().statusCode(200).body("tenders[0].outcome", equalTo("UPDATED"));
        given().get("/api/v1/tenders/" + tender).then().body("title", equalTo("Leisure centre roof and gutters"));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "tees-tender-portal", roles = "portal")
    @OidcSecurity(claims = { @Claim(key = "org_id", value = "GB-COH-10000001"),
            @Claim(key = "acts_for", value = "[\"GB-LAE-DAL\"]", type = ClaimType.JSON_ARRAY) })
    void badReleasesArePointedAtAndATenderWithBidsDoesNotChange() {
        String closing = OffsetDateTime.now().plusDays(3).toString();
        given().contentType(ContentType.JSON).body(release("OCDS-2", "No rules", closing, null))
                .post("/api/v1/tenders/ocds-releases").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/releases/0/tender/socialValue"));
        given().contentType(ContentType.JSON).body(release("OCDS-3", "Unknown measure", closing, """
                {"frameworkId":"%s","frameworkVersion":1,"measureCodes":["NOPE"],"weighting":10,"scoringMethod":"RELATIVE_VALUE"}"""
                .formatted(FRAMEWORK)))
                .post("/api/v1/tenders/ocds-releases").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/releases/0/tender/socialValue/measureCodes/0"));
        given().contentType(ContentType.JSON).body(release("OCDS-4", "Not our anchor", closing, """
                {"frameworkId":"%s","frameworkVersion":1,"measureCodes":["FRD1"],"weighting":10,"scoringMethod":"RELATIVE_VALUE"}"""
                .formatted(FRAMEWORK)).replace("\"GB-LAE-DAL\"", "\"GB-NHS-RXP\""))
                .post("/api/v1/tenders/ocds-releases").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"releases\":[]}").post("/api/v1/tenders/ocds-releases").then().statusCode(422);

        given().contentType(ContentType.JSON).body("""
                {"bidderOrgId":"GB-COH-83000001","bidderName":"Roofers Ltd","submissionId":"r-1","bidPrice":90000,
                 "commitments":[{"measureCode":"FRD2","quantity":10}]}""")
                .post("/api/v1/tenders/" + tender + "/bids").then().statusCode(201);
        given().contentType(ContentType.JSON).body(exported.replace("Leisure centre roof", "Something else"))
                .post("/api/v1/tenders/ocds-releases").then().statusCode(409)
                .body("type", equalTo("https://anchor-network.org/problems/tender-not-changeable"));
    }

    private static String release(String reference, String title, String closing, String socialValue) {
        return """
                {"uri":"https://portal.example/ocds/%1$s","version":"1.1","publishedDate":"2026-11-30T09:00:00Z",
                 "publisher":{"name":"Tees Tender Portal"},
                 "releases":[{"ocid":"ocds-portal-%1$s","id":"ocds-portal-%1$s-01","date":"2026-11-30T09:00:00Z","tag":["tender"],
                   "initiationType":"tender","buyer":{"id":"GB-LAE-DAL","name":"Darlington Borough Council"},
                   "tender":{"id":"%1$s","title":"%2$s","tenderPeriod":{"endDate":"%3$s"}%4$s}}]}"""
                .formatted(reference, title, closing, socialValue == null ? "" : ",\"socialValue\":" + socialValue);
    }
}
