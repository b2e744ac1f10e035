package org.anchornetwork.framework;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.anchornetwork.messaging.OutboxEvent;
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
class FrameworkResourceTest {

    private static final String FRAMEWORKS = "/api/v1/frameworks";

    private static String framework(String id) {
        return """
                {"id":"%s","name":"Darlington Social Value Framework","ownerOrgId":"GB-LAE-DAL","family":"LOCAL",
                 "licence":"CC BY 4.0"}""".formatted(id);
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aNetworkAdminCreatesAFrameworkThatAnyoneCanRead() {
        given().contentType(ContentType.JSON).body(framework("darlington-sv-test"))
                .when().post(FRAMEWORKS)
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/frameworks/darlington-sv-test"))
                .body("family", equalTo("LOCAL"));
        assertEquals(1, OutboxEvent.count("eventType = ?1 and aggregateId = ?2", "framework.framework-created.v1",
                "darlington-sv-test"));

        given().contentType(ContentType.JSON).body(framework("darlington-sv-test"))
                .when().post(FRAMEWORKS)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/framework-exists"));
    }

    @Test
    void anonymousCallersReadFrameworksButCannotCreateThem() {
        given().get(FRAMEWORKS).then().statusCode(200);
        given().get(FRAMEWORKS + "/no-such-framework").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(framework("anonymous-attempt"))
                .when().post(FRAMEWORKS)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "darlington-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void anAnchorCannotCreateAFramework() {
        given().contentType(ContentType.JSON).body(framework("anchor-attempt"))
                .when().post(FRAMEWORKS)
                .then().statusCode(403).contentType("application/problem+json");
        given().get(FRAMEWORKS + "/anchor-attempt").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void anInvalidFrameworkIsA422NamingEachField() {
        given().contentType(ContentType.JSON)
                .body("{\"id\":\"Not A Slug\",\"name\":\"\",\"ownerOrgId\":\"darlington\",\"family\":\"LOCAL\"}")
                .when().post(FRAMEWORKS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/id"))
                .body("errors.pointer", hasItem("/name"))
                .body("errors.pointer", hasItem("/ownerOrgId"));
        given().contentType(ContentType.JSON).body("{\"id\":\"x\",\"family\":\"GALACTIC\"}")
                .when().post(FRAMEWORKS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/family"));
    }
}
