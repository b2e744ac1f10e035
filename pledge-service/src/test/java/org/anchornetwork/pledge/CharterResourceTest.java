package org.anchornetwork.pledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class CharterResourceTest {

    @Test
    void anyoneReadsTheFourPledgesOfFairerRicherDarlingtonWithoutAToken() {
        given().when().get("/api/v1/charters/fairer-richer-darlington/pledges")
                .then().statusCode(200)
                .body("code", contains("keep-your-money-local", "keep-your-eyes-and-ears-open", "tackling-low-incomes",
                        "give-locally"))
                .body("[0].title", equalTo("Keep your money local"));
    }

    @Test
    void anUnknownCharterIsA404ProblemWithTheRequestId() {
        given().header("X-Request-Id", "test-req-42")
                .when().get("/api/v1/charters/no-such-charter/pledges")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("X-Request-Id", "test-req-42")
                .body("type", equalTo("https://anchor-network.org/problems/not-found"))
                .body("status", equalTo(404))
                .body("requestId", equalTo("test-req-42"))
                .body("detail", notNullValue());
    }

    @Test
    void anUnknownPathIsA404Problem() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
