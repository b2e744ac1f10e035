package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;

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

/**
 * Issue 15: a write with several kinds of error (the request's constraints and the service's rules) is refused once,
 * with every error listed, in every validator of pledge-service.
 */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryErrorAtOnceTest {

    private static final String ORGANISATION = "GB-COH-78300001";
    private static final String CHARTER = "/api/v1/charters/fairer-richer-darlington";
    private static final String RECORD = CHARTER + "/signatories/" + ORGANISATION;

    @Test
    @Order(1)
    @TestSecurity(user = "every-error", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORGANISATION))
    void signingCommitmentsProgressAndLeaving() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"","signatoryType":"BUSINESS","pledgeCodes":["give-locally","free-lunches"]}""")
                .post(CHARTER + "/signatories").then().statusCode(422)
                .body("errors.collect { it.pointer + ' ' + it.code }",
                        containsInAnyOrder("/organisationName NotBlank", "/pledgeCodes/1 unknown-pledge"));
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Every Error Ltd","signatoryType":"BUSINESS","pledgeCodes":["give-locally"]}""")
                .post(CHARTER + "/signatories").then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                {"targets":[{"metricCode":"happiness","target":1,"deadline":"2028-01-01"}],
                 "plannedActions":[%s]}""".formatted("\"act\",".repeat(20) + "\"one too many\""))
                .put(RECORD + "/commitments/give-locally").then().statusCode(422)
                .body("errors.collect { it.pointer + ' ' + it.code }",
                        containsInAnyOrder("/plannedActions Size", "/targets/0/metricCode unknown-metric"));
        given().contentType(ContentType.JSON).body("""
                {"period":"2026","value":5,"note":"%s"}""".formatted("x".repeat(2001)))
                .post(RECORD + "/commitments/give-locally/progress").then().statusCode(422)
                .body("errors.collect { it.pointer + ' ' + it.code }",
                        containsInAnyOrder("/note Size", "/period invalid-period", "/metricCode required"));
        given().contentType(ContentType.JSON).body("""
                {"leftOn":"2020-01-01","reason":"%s"}""".formatted("x".repeat(501)))
                .post(RECORD + "/leave").then().statusCode(422)
                .body("errors.collect { it.pointer + ' ' + it.code }", containsInAnyOrder("/reason Size", "/leftOn in-the-past"));
        given().get(RECORD).then().statusCode(200).body("leftOn", org.hamcrest.Matchers.nullValue());
    }

    @Test
    @Order(2)
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aCharterVersion() {
        given().contentType(ContentType.JSON).body("""
                {"summary":"","publishedOn":"2000-01-01",
                 "addedPledges":[{"code":"give-locally","title":"Again","description":"Again."}]}""")
                .post(CHARTER + "/versions").then().statusCode(422)
                .body("errors.collect { it.pointer + ' ' + it.code }", containsInAnyOrder("/summary NotBlank",
                        "/addedPledges/0/code duplicate-pledge", "/publishedOn before-previous-version"));
    }
}
