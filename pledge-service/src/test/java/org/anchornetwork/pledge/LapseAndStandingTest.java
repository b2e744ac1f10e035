package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import jakarta.inject.Inject;

import org.anchornetwork.pledge.progress.service.LapseJob;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.Signatory;
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

/** Commitments without progress for 12 months lapse; the status check portals use applies the same rule on any date. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LapseAndStandingTest {

    private static final String ORG = "GB-COH-73000001";
    private static final String RECORD = "/api/v1/charters/fairer-richer-darlington/signatories/" + ORG;
    private static final LocalDate SIGNED = LocalDate.now().minusMonths(18);

    @Inject
    LapseJob lapses;

    @Test
    @Order(1)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void aSignatoryThatSignedEighteenMonthsAgoAndReportedNothing() {
        given().contentType(ContentType.JSON).body("""
                {"organisationName":"Quiet Ltd","signatoryType":"BUSINESS","pledgeCodes":["give-locally","keep-your-money-local"]}""")
                .post("/api/v1/charters/fairer-richer-darlington/signatories").then().statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> {
            Signatory signatory = Signatory.find("fairer-richer-darlington", ORG).orElseThrow();
            signatory.joinedOn = SIGNED;
            Commitment.update("committedOn = ?1 where signatoryId = ?2", SIGNED, signatory.id);
        });
        given().get(RECORD + "/standing").then().statusCode(200)
                .body("signatory", equalTo(true)).body("inGoodStanding", equalTo(false))
                .body("reason", containsString("give-locally"));
    }

    @Test
    @Order(2)
    void theScheduledCheckFlagsBothCommitmentsLapsedOnceOnly() {
        assertTrue(lapses.flagLapsed(LocalDate.now()) >= 2);
        given().get(RECORD + "/commitments").then()
                .body("lapsed", org.hamcrest.Matchers.everyItem(equalTo(true)))
                .body("lapsedSince", org.hamcrest.Matchers.everyItem(equalTo(SIGNED.plusMonths(12).toString())));
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> Commitment.count(
                "lapsedSince is null and signatoryId = (select s.id from Signatory s where s.organisationId = ?1)", ORG)));
        lapses.flagLapsed(LocalDate.now());
        given().get(RECORD + "/commitments").then()
                .body("lapsedSince", org.hamcrest.Matchers.everyItem(equalTo(SIGNED.plusMonths(12).toString())));
    }

    @Test
    @Order(3)
    void theStatusCheckAnswersForAnyDate() {
        // Six months after signing nothing had lapsed yet.
        given().get(RECORD + "/standing?on=" + SIGNED.plusMonths(6)).then().statusCode(200)
                .body("signatory", equalTo(true)).body("inGoodStanding", equalTo(true))
                .body("pledges.pledgeCode", org.hamcrest.Matchers.contains("give-locally", "keep-your-money-local"))
                .body("pledges.lapsed", org.hamcrest.Matchers.everyItem(equalTo(false)));
        given().get(RECORD + "/standing?on=" + SIGNED.minusDays(1)).then().statusCode(200)
                .body("signatory", equalTo(false)).body("inGoodStanding", equalTo(false))
                .body("reason", containsString("joined on"));
        given().get("/api/v1/charters/fairer-richer-darlington/signatories/GB-COH-99999999/standing").then().statusCode(200)
                .body("signatory", equalTo(false)).body("organisationName", org.hamcrest.Matchers.nullValue());
        given().get(RECORD + "/standing?on=last-tuesday").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/charters/no-such-charter/signatories/" + ORG + "/standing").then().statusCode(404);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void progressClearsTheLapse() {
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-27\",\"note\":\"Sponsored the Darlington 10k.\"}")
                .post(RECORD + "/commitments/give-locally/progress").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-27\",\"note\":\"Three new local suppliers.\"}")
                .post(RECORD + "/commitments/keep-your-money-local/progress").then().statusCode(201);
        given().get(RECORD + "/commitments").then().body("lapsed", org.hamcrest.Matchers.everyItem(equalTo(false)));
        given().get(RECORD + "/standing").then().body("inGoodStanding", equalTo(true));
        lapses.flagLapsed(LocalDate.now());
        given().get(RECORD + "/commitments").then().body("lapsed", org.hamcrest.Matchers.everyItem(equalTo(false)));
        // A year from now, with nothing more reported, they will have lapsed again.
        given().get(RECORD + "/standing?on=" + LocalDate.now().plusMonths(12)).then().body("inGoodStanding", equalTo(false));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "quaker-coffee", roles = "signatory")
    @OidcSecurity(claims = @Claim(key = "org_id", value = ORG))
    void anOrganisationThatLeavesIsNotInGoodStandingFromItsLeavingDate() {
        LocalDate leaving = LocalDate.now().plusDays(30);
        given().contentType(ContentType.JSON).body("{\"leftOn\":\"" + leaving + "\"}").post(RECORD + "/leave")
                .then().statusCode(200);
        given().get(RECORD + "/standing?on=" + leaving.minusDays(1)).then().body("inGoodStanding", equalTo(true));
        given().get(RECORD + "/standing?on=" + leaving).then().body("signatory", equalTo(false))
                .body("reason", containsString("left on"));
    }
}
