package org.anchornetwork.framework.tender;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

/** A framework with one published version, as the tender tests need; call it as the network admin. */
final class PublishedFrameworks {

    private PublishedFrameworks() {
    }

    static void publish(String frameworkId, String versionDocument) {
        given().contentType(ContentType.JSON).body("""
                {"id":"%s","name":"Test framework %s","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}""".formatted(frameworkId, frameworkId))
                .post("/api/v1/frameworks").then().statusCode(201);
        given().contentType(ContentType.JSON).body(versionDocument).post("/api/v1/frameworks/" + frameworkId + "/versions")
                .then().statusCode(201);
        given().post("/api/v1/frameworks/" + frameworkId + "/versions/1/publish").then().statusCode(200);
    }
}
