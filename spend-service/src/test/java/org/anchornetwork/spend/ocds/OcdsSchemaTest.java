package org.anchornetwork.spend.ocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.spend.ocds.service.OcdsSchema;
import org.anchornetwork.spend.ocds.service.ReleasePackageCheck;
import org.anchornetwork.spend.ocds.service.ReleasePackageIngest;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The schema loaded from a local copy (nothing fetched), and the real samples checked against it. */
class OcdsSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static ReleasePackageCheck checkWithLocalSchema() {
        Path schema = SharedData.file("ocds/schema-1.1.5");
        return new ReleasePackageCheck(new OcdsSchema(schema::toString));
    }

    private static JsonNode sample(String name) throws IOException {
        return JSON.readTree(SharedData.file("ocds/" + name).toFile());
    }

    @Test
    void theRealContractsFinderSampleFollowsTheSchemaAndTheChecksBeyondIt() throws IOException {
        ReleasePackageIngest.Checked checked = checkWithLocalSchema().check(sample("contracts_finder_release_package_sample.json"));
        assertEquals(List.of(), checked.packageErrors());
        assertEquals(java.util.Map.of(), checked.releaseErrors());
        assertEquals(201, checked.releasesRead());
        assertEquals(201, checked.valid().size());
        assertEquals(148, checked.valid().stream().mapToInt(release -> release.awards().size()).sum());
    }

    @Test
    void thePublicContractsScotlandSampleLacksEveryReleaseId() throws IOException {
        ReleasePackageIngest.Checked checked = checkWithLocalSchema().check(sample("public_contracts_scotland_release_package_sample.json"));
        assertEquals(List.of(), checked.packageErrors());
        assertEquals(90, checked.releasesRead());
        assertEquals(90, checked.releaseErrors().size());
        assertEquals(List.of(), checked.valid());
        ProblemError first = checked.releaseErrors().get(0).get(0);
        assertEquals("/releases/0/id", first.pointer());
        assertEquals("schema-required", first.code());
        assertTrue(first.message().contains("id"), first.message());
        assertEquals("/releases/89/id", checked.releaseErrors().get(89).get(0).pointer());
    }

    @Test
    void aBaseWithoutTheSchemaIsA503ProblemAndIsTriedAgainNextTime(@TempDir Path empty) {
        OcdsSchema schema = new OcdsSchema(empty::toString);
        JsonNode anything = JSON.createObjectNode();
        ApiProblemException first = assertThrows(ApiProblemException.class, () -> schema.validate(anything));
        assertEquals(503, first.problem().status());
        assertTrue(first.problem().type().endsWith("/ocds-schema-unavailable"));
        assertThrows(ApiProblemException.class, () -> schema.validate(anything));
    }
}
