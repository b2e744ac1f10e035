package org.anchornetwork.framework;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anchornetwork.events.CloudEventHeaders;
import org.anchornetwork.events.Topics;
import org.anchornetwork.framework.version.FrameworkVersion;
import org.anchornetwork.messaging.OutboxRelay;
import org.anchornetwork.testsupport.KafkaTopics;
import org.anchornetwork.testsupport.RequiresLocalInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/** A framework version's life through the API: import, change while a draft, publish, value, retire. */
@QuarkusTest
@QuarkusTestResource(RequiresLocalInfrastructure.class)
class VersionResourceTest {

    static final String DOCUMENT = """
            {"effectiveFrom":"2026-04-01",
             "themes":[{"code":"JOBS","title":"Jobs"},{"code":"SOCIAL","title":"Social"}],
             "outcomes":[{"code":"JOBS-1","theme":"JOBS","title":"Local employment"},
                         {"code":"SOCIAL-1","theme":"SOCIAL","title":"Volunteering"}],
             "measures":[{"code":"FRD1","outcome":"JOBS-1","title":"Local people employed (FTE)","unit":"fte-years",
                          "proxyValue":30000.00,"priceBaseYear":2025,"countingGuidance":"Each year of employment"},
                         {"code":"FRD9","outcome":"SOCIAL-1","title":"Volunteering hours","unit":"hours",
                          "proxyValue":16.93,"priceBaseYear":2025,"additionalTo":["FRD1"]},
                         {"code":"FRD20","outcome":"SOCIAL-1","title":"Staff trained in safeguarding","unit":"people"}],
             "targets":[{"description":"Tenders of £100,000 or more","minimumSocialValuePercent":10.00,
                         "contractValueFrom":100000.00}]}""";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    OutboxRelay relay;

    static String createFramework() {
        String id = "sv-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("""
                        {"id":"%s","name":"Test Social Value Framework","ownerOrgId":"GB-LAE-DAL","family":"LOCAL"}"""
                        .formatted(id))
                .post("/api/v1/frameworks").then().statusCode(201);
        return id;
    }

    private static String versions(String frameworkId) {
        return "/api/v1/frameworks/" + frameworkId + "/versions";
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aDraftChangesUntilPublishedThenNeverAgainAndCanBeRetired() {
        String framework = createFramework();
        given().contentType(ContentType.JSON).body(DOCUMENT).post(versions(framework)).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/frameworks/" + framework + "/versions/1"))
                .body("number", equalTo(1)).body("status", equalTo("DRAFT"))
                .body("document.measures", hasSize(3));
        String changed = DOCUMENT.replace("Volunteering hours", "Hours volunteered");
        given().contentType(ContentType.JSON).body(changed).put(versions(framework) + "/1").then().statusCode(200)
                .body("document.measures[1].title", equalTo("Hours volunteered"));

        given().post(versions(framework) + "/1/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("publishedAt", org.hamcrest.Matchers.notNullValue());
        given().contentType(ContentType.JSON).body(DOCUMENT).put(versions(framework) + "/1").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://anchor-network.org/problems/version-not-draft"));
        given().post(versions(framework) + "/1/publish").then().statusCode(409);
        given().get(versions(framework) + "/1").then().statusCode(200)
                .body("document.measures[1].title", equalTo("Hours volunteered"));

        given().post(versions(framework) + "/1/retire").then().statusCode(200).body("status", equalTo("RETIRED"));
        given().post(versions(framework) + "/1/retire").then().statusCode(409)
                .body("type", equalTo("https://anchor-network.org/problems/version-not-published"));

        given().contentType(ContentType.JSON).body(DOCUMENT).post(versions(framework)).then().statusCode(201)
                .body("number", equalTo(2));
        given().get(versions(framework)).then().statusCode(200)
                .body("number", org.hamcrest.Matchers.contains(1, 2))
                .body("status", org.hamcrest.Matchers.contains("RETIRED", "DRAFT"))
                .body("measures", org.hamcrest.Matchers.contains(3, 3));
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void anExportedVersionImportsAsTheSameVersion() throws Exception {
        String source = createFramework();
        given().contentType(ContentType.JSON).body(DOCUMENT).post(versions(source)).then().statusCode(201);
        given().post(versions(source) + "/1/publish").then().statusCode(200);
        String exported = JSON.writeValueAsString(JSON.readTree(
                given().get(versions(source) + "/1").then().statusCode(200).extract().asString()).get("document"));

        String target = createFramework();
        JsonNode imported = JSON.readTree(given().contentType(ContentType.JSON).body(exported).post(versions(target))
                .then().statusCode(201).extract().asString()).get("document");
        assertEquals(JSON.readTree(exported), imported);
        assertEquals(JSON.readTree(DOCUMENT), imported, "what was imported first, field for field");
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void anImportWithErrorsListsThemAllAndStoresNothing() {
        String framework = createFramework();
        String broken = """
                {"themes":[{"code":"JOBS","title":"Jobs"}],
                 "outcomes":[{"code":"JOBS-1","title":"No theme"}],
                 "measures":[{"code":"M1","outcome":"JOBS-1","title":"A","unit":"furlongs"},
                             {"code":"M1","outcome":"NOPE","title":"B","unit":"hours","proxyValue":-3.001,"priceBaseYear":2025},
                             {"code":"M3","outcome":"JOBS-1","title":"C","unit":"hours","mapsTo":["NT1"]}]}""";
        given().contentType(ContentType.JSON).body(broken).post(versions(framework)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItems("/outcomes/0/theme", "/measures/0/unit", "/measures/1/code",
                        "/measures/1/outcome", "/measures/1/proxyValue", "/measures/2/mapsTo"))
                .body("errors.code", hasItems("missing-theme", "unknown-unit", "duplicate-code", "unknown-outcome",
                        "negative-value", "maps-to-without-based-on"));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> FrameworkVersion.count("frameworkId", framework)));

        given().contentType(ContentType.JSON).body("{\"themes\":[],\"colour\":\"red\"}").post(versions(framework))
                .then().statusCode(400).body("errors[0].pointer", equalTo("/colour"));
        given().contentType(ContentType.JSON).body(DOCUMENT).post(versions("no-such-framework")).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void publishingSendsTheWholeCatalogueToTheBroker() throws Exception {
        String framework = createFramework();
        given().contentType(ContentType.JSON).body(DOCUMENT).post(versions(framework)).then().statusCode(201);
        given().post(versions(framework) + "/1/publish").then().statusCode(200);
        relay.relayPending();

        List<ConsumerRecord<String, byte[]>> records = KafkaTopics.await(Topics.FRAMEWORK,
                record -> (framework + "/1").equals(record.key())
                        && "framework.version-published.v1".equals(KafkaTopics.header(record, CloudEventHeaders.TYPE)),
                1, Duration.ofSeconds(20));
        assertEquals(1, records.size());
        String raw = new String(records.get(0).value(), StandardCharsets.UTF_8);
        JsonNode payload = JSON.readTree(raw);
        assertEquals(framework, payload.get("frameworkId").asText());
        assertEquals(1, payload.get("version").asInt());
        assertEquals(3, payload.get("measures").size());
        JsonNode frd1 = payload.get("measures").get(0);
        assertEquals("FRD1", frd1.get("code").asText());
        assertEquals("JOBS", frd1.get("theme").asText());
        assertEquals("fte-years", frd1.get("unit").asText());
        assertTrue(raw.contains("\"proxyValue\":30000.00"), "pence kept as sent: " + raw);
        assertTrue(payload.get("measures").get(2).get("proxyValue").isNull(), "FRD20 carries no value");
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void commitmentsAreValuedAgainstAPublishedVersionOnly() {
        String framework = createFramework();
        given().contentType(ContentType.JSON).body(DOCUMENT).post(versions(framework)).then().statusCode(201);
        String commitments = """
                {"contractValue":1200000.00,"commitments":[{"measureCode":"FRD1","quantity":12.5},
                 {"measureCode":"FRD9","quantity":250},{"measureCode":"FRD20","quantity":40}]}""";
        given().contentType(ContentType.JSON).body(commitments).post(versions(framework) + "/1/valuations")
                .then().statusCode(404);

        given().post(versions(framework) + "/1/publish").then().statusCode(200);
        given().contentType(ContentType.JSON).body(commitments).post(versions(framework) + "/1/valuations")
                .then().statusCode(200)
                .body("lines[0].value", equalTo(375000.00f))
                .body("lines[2].valued", equalTo(false))
                .body("totalSocialValue", equalTo(379232.50f))
                .body("socialValuePercent", equalTo(31.60f))
                .body("unvaluedLines", equalTo(1))
                .body("byTheme.find { it.code == 'SOCIAL' }.value", equalTo(4232.50f))
                .body("roundingRule", org.hamcrest.Matchers.containsString("half up"));
        given().contentType(ContentType.JSON).body("{\"commitments\":[{\"measureCode\":\"NT1\",\"quantity\":1}]}")
                .post(versions(framework) + "/1/valuations")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/commitments/0/measureCode"));
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aSpreadsheetOfMeasuresImportsAsADraftBasedOnTheNationalVersionAndExportsAgain() {
        String national = createFramework();
        given().contentType(ContentType.JSON).body("""
                {"themes":[{"code":"N-JOBS","title":"National jobs"}],
                 "outcomes":[{"code":"N-JOBS-1","theme":"N-JOBS","title":"Employment"}],
                 "measures":[{"code":"SN1","outcome":"N-JOBS-1","title":"Local FTE","unit":"fte-years"},
                             {"code":"SN2","outcome":"N-JOBS-1","title":"Apprenticeship weeks","unit":"weeks"}]}""")
                .post(versions(national)).then().statusCode(201);
        given().post(versions(national) + "/1/publish").then().statusCode(200);

        String local = createFramework();
        String csv = """
                theme,theme_title,outcome,outcome_title,code,title,unit,proxy_value,price_base_year,maps_to
                JOBS,Jobs,JOBS-1,Local employment,FRD1,Darlington people employed (FTE),fte-years,"£30,000.00",2025,SN1
                SOCIAL,Social,SOCIAL-1,Volunteering,FRD9,Volunteering hours,hours,16.93,2025,
                """;
        given().contentType("text/csv; charset=UTF-8").body(csv)
                .queryParam("basedOnFramework", national).queryParam("basedOnVersion", 1)
                .queryParam("effectiveFrom", "2026-04-01")
                .post(versions(local)).then().statusCode(201)
                .body("status", equalTo("DRAFT"))
                .body("document.basedOn.frameworkId", equalTo(national))
                .body("document.effectiveFrom", equalTo("2026-04-01"))
                .body("document.measures.code", org.hamcrest.Matchers.contains("FRD1", "FRD9"))
                .body("document.measures[0].proxyValue", equalTo(30000.00f));

        String exported = given().accept("text/csv").get(versions(local) + "/1/measures")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertTrue(exported.startsWith("\"theme\",\"theme_title\",\"outcome\",\"outcome_title\",\"code\",\"title\",\"description\",\"unit\",\"proxy_value\""), exported);
        assertTrue(exported.contains("\"FRD1\",\"Darlington people employed (FTE)\",\"\",\"fte-years\",30000.00,2025"), exported);
        // Excel's own "CSV" is Windows-1252: £ is one byte there.
        given().contentType("text/csv; charset=windows-1252").body(exported.getBytes(java.nio.charset.Charset.forName("windows-1252")))
                .queryParam("basedOnFramework", national).queryParam("basedOnVersion", 1)
                .post(versions(local)).then().statusCode(201).body("number", equalTo(2))
                .body("document.measures.code", org.hamcrest.Matchers.contains("FRD1", "FRD9"));
        given().get(versions(local) + "/1/measures").then().statusCode(200).contentType(ContentType.JSON)
                .body("code", org.hamcrest.Matchers.contains("FRD1", "FRD9"));

        given().post(versions(local) + "/1/publish").then().statusCode(200);
        given().get(versions(local) + "/1/crosswalk").then().statusCode(200)
                .body("measures.find { it.code == 'FRD1' }.nationalEquivalents.code", org.hamcrest.Matchers.contains("SN1"))
                .body("measures.find { it.code == 'FRD9' }.nationalEquivalents", hasSize(0))
                .body("national.find { it.code == 'SN1' }.localMeasures.code", org.hamcrest.Matchers.contains("FRD1"))
                .body("national.find { it.code == 'SN2' }.localMeasures", hasSize(0));
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void spreadsheetErrorsNameTheirRowAndColumnAndStoreNothing() {
        String framework = createFramework();
        String csv = """
                theme,theme_title,outcome,outcome_title,code,title,unit,proxy_value,price_base_year,maps_to
                JOBS,Jobs,JOBS-1,Local employment,FRD1,Local FTE,furlongs,12.345,2025,
                JOBS,Jobs,JOBS-1,Local employment,FRD1,Again,hours,,,NT1
                """;
        given().contentType("text/csv").body(csv).post(versions(framework)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.find { it.code == 'unknown-unit' }.row", equalTo(2))
                .body("errors.find { it.code == 'unknown-unit' }.column", equalTo(7))
                .body("errors.find { it.code == 'too-many-decimals' }.column", equalTo(8))
                .body("errors.find { it.code == 'duplicate-code' }.row", equalTo(3))
                .body("errors.find { it.code == 'maps-to-without-based-on' }.column", equalTo(10));
        given().contentType("text/csv; charset=UTF-8").body(new byte[] { 't', 'h', 'e', (byte) 0xC3, '\n' })
                .post(versions(framework)).then().statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/csv-unreadable"))
                .body("errors[0].code", equalTo("invalid-encoding")).body("errors[0].row", equalTo(1))
                .body("errors[0].column", equalTo(1));
        given().contentType("text/csv; charset=UTF-8").body(csv.replace("Again", "Ag\u0000ain"))
                .post(versions(framework)).then().statusCode(422)
                .body("type", equalTo("https://anchor-network.org/problems/csv-unreadable"))
                .body("errors[0].code", equalTo("control-character")).body("errors[0].row", equalTo(3))
                .body("errors[0].column", equalTo(6));
        given().contentType("text/csv").body(csv).queryParam("effectiveFrom", "1st April")
                .post(versions(framework)).then().statusCode(400);
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> FrameworkVersion.count("frameworkId", framework)));
    }

    @Test
    @TestSecurity(user = "network-admin", roles = "network-admin")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void aNewDraftFromAPublishedVersionShowsWhatChanged() throws Exception {
        String framework = createFramework();
        given().contentType(ContentType.JSON).body(DOCUMENT).post(versions(framework)).then().statusCode(201);
        given().post(versions(framework) + "/1/drafts").then().statusCode(404);
        given().post(versions(framework) + "/1/publish").then().statusCode(200);
        given().post(versions(framework) + "/1/drafts").then().statusCode(201).body("number", equalTo(2))
                .body("status", equalTo("DRAFT"));

        // The next edition: FRD9's value goes up, FRD20 goes, FRD30 comes.
        com.fasterxml.jackson.databind.node.ObjectNode nextEdition = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(DOCUMENT);
        com.fasterxml.jackson.databind.node.ArrayNode measures = (com.fasterxml.jackson.databind.node.ArrayNode) nextEdition.get("measures");
        ((com.fasterxml.jackson.databind.node.ObjectNode) measures.get(1)).put("proxyValue", new java.math.BigDecimal("17.50"));
        measures.remove(2);
        measures.addObject().put("code", "FRD30").put("outcome", "JOBS-1").put("title", "Real living wage jobs")
                .put("unit", "people");
        given().contentType(ContentType.JSON).body(nextEdition.toString()).put(versions(framework) + "/2").then().statusCode(200);
        given().get(versions(framework) + "/2/diff?from=1").then().statusCode(200)
                .body("measures.added", org.hamcrest.Matchers.contains("FRD30"))
                .body("measures.removed", org.hamcrest.Matchers.contains("FRD20"))
                .body("measures.changed[0].code", equalTo("FRD9"))
                .body("measures.changed[0].fields[0].field", equalTo("proxyValue"))
                .body("measures.changed[0].fields[0].from", equalTo(16.93f))
                .body("measures.changed[0].fields[0].to", equalTo(17.5f))
                .body("themes.changed", hasSize(0));
        given().get(versions(framework) + "/2/diff?from=9").then().statusCode(404);
    }

    @Test
    void anonymousCallersReadPublishedVersionsButNotDraftsAndCannotWrite() {
        String framework = "sv-anon-" + UUID.randomUUID().toString().substring(0, 8);
        insertFrameworkWithPublishedAndDraft(framework);

        given().get(versions(framework)).then().statusCode(200).body("number", org.hamcrest.Matchers.contains(1));
        given().get(versions(framework) + "/1").then().statusCode(200).body("document.measures", hasSize(3));
        given().get(versions(framework) + "/2").then().statusCode(404).contentType("application/problem+json");
        given().get(versions(framework) + "/x").then().statusCode(404);
        given().contentType(ContentType.JSON).body(DOCUMENT).post(versions(framework)).then().statusCode(401);
        given().post(versions(framework) + "/2/publish").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"commitments\":[{\"measureCode\":\"FRD1\",\"quantity\":1}]}")
                .post(versions(framework) + "/1/valuations").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "darlington-council", roles = "anchor")
    @OidcSecurity(claims = @Claim(key = "org_id", value = "GB-LAE-DAL"))
    void anAnchorValuesCommitmentsButCannotChangeVersions() {
        String framework = "sv-anchor-" + UUID.randomUUID().toString().substring(0, 8);
        insertFrameworkWithPublishedAndDraft(framework);
        given().contentType(ContentType.JSON).body("{\"commitments\":[{\"measureCode\":\"FRD1\",\"quantity\":1}]}")
                .post(versions(framework) + "/1/valuations").then().statusCode(200)
                .body("totalSocialValue", equalTo(30000.00f));
        given().get(versions(framework) + "/2").then().statusCode(404);
        given().contentType(ContentType.JSON).body(DOCUMENT).post(versions(framework)).then().statusCode(403);
        given().contentType(ContentType.JSON).body(DOCUMENT).put(versions(framework) + "/2").then().statusCode(403);
        given().post(versions(framework) + "/2/publish").then().statusCode(403);
        given().post(versions(framework) + "/1/retire").then().statusCode(403);
    }

    /** Version 1 published and version 2 a draft, written directly (these tests' callers may not write). */
    private static void insertFrameworkWithPublishedAndDraft(String id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Framework framework = new Framework();
            framework.id = id;
            framework.name = "Reading test";
            framework.ownerOrgId = "GB-LAE-DAL";
            framework.family = Framework.Family.LOCAL;
            framework.createdByOrgId = "GB-LAE-DAL";
            framework.createdAt = java.time.OffsetDateTime.now();
            framework.updatedAt = framework.createdAt;
            framework.persist();
            insertVersion(id, 1, FrameworkVersion.Status.PUBLISHED);
            insertVersion(id, 2, FrameworkVersion.Status.DRAFT);
        });
    }

    private static void insertVersion(String framework, int number, FrameworkVersion.Status status) {
        try {
            FrameworkVersion version = new FrameworkVersion();
            version.frameworkId = framework;
            version.number = number;
            version.status = status;
            version.document = new ObjectMapper().findAndRegisterModules()
                    .readValue(DOCUMENT, org.anchornetwork.framework.version.VersionDocument.class);
            version.createdAt = java.time.OffsetDateTime.now();
            version.updatedAt = version.createdAt;
            version.publishedAt = status == FrameworkVersion.Status.DRAFT ? null : version.createdAt;
            version.persist();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
