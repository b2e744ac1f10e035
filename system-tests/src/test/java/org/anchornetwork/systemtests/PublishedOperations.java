package org.anchornetwork.systemtests;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.anchornetwork.testsupport.LocalInfrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operations the three services publish in their OpenAPI documents (read through the gateway), as
 * "METHOD /path/template": what tests that must cover every operation of a kind compare their expectations with.
 */
final class PublishedOperations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private PublishedOperations() {
    }

    /** Every operation. */
    static Set<String> all() {
        return matching(operation -> true);
    }

    /** The operations that document a response with this status, e.g. "201". */
    static Set<String> answering(String status) {
        return matching(operation -> operation.path("responses").has(status));
    }

    private static Set<String> matching(Predicate<JsonNode> selected) {
        Set<String> operations = new TreeSet<>();
        for (String service : List.of("framework", "spend", "pledge")) {
            String document = given().baseUri(LocalInfrastructure.gatewayUrl()).get("/openapi/" + service)
                    .then().statusCode(200).extract().asString();
            JsonNode paths;
            try {
                paths = JSON.readTree(document).path("paths");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            paths.fieldNames().forEachRemaining(path -> paths.get(path).fields().forEachRemaining(method -> {
                if (METHODS.contains(method.getKey()) && selected.test(method.getValue())) {
                    operations.add(method.getKey().toUpperCase() + " " + path);
                }
            }));
        }
        return operations;
    }
}
