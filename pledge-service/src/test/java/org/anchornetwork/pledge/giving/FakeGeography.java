package org.anchornetwork.pledge.giving;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.anchornetwork.pledge.giving.service.GeographyClient;

/**
 * spend-service's geography as the demo network has it, for pledge-service's own tests (the system tests use the
 * real one): Darlington, County Durham and one Darlington postcode. "ZZ99 9ZZ" plays an unreachable spend-service.
 */
class FakeGeography implements GeographyClient {

    static final String UNREACHABLE = "ZZ99 9ZZ";

    private static final List<String> DARLINGTON = List.of("darlington", "north-east", "tees-valley");
    private static final Map<String, List<String>> DISTRICTS = Map.of("E06000005", DARLINGTON, "E06000047", List.of("north-east"));

    @Override
    public PostcodeLocality postcode(String postcode) {
        if (UNREACHABLE.equals(postcode)) {
            throw new ProcessingException("Connection refused");
        }
        if ("DL1 5QT".equals(postcode)) {
            return new PostcodeLocality(postcode, "POSTCODE", "E06000005", DARLINGTON);
        }
        // Postcodes the demo lookup lacks are UNKNOWN, as spend-service answers them.
        return new PostcodeLocality(postcode, "UNKNOWN", null, List.of());
    }

    @Override
    public DistrictLocality district(String ladCode) {
        List<String> tiers = DISTRICTS.get(ladCode);
        if (tiers == null) {
            throw new WebApplicationException(404);
        }
        return new DistrictLocality(ladCode, ladCode, tiers);
    }

    @Override
    public List<Tier> tiers() {
        return List.of(new Tier("darlington", 1, List.of("E06000005")), new Tier("north-east", 1, List.of("E12000001")),
                new Tier("tees-valley", 1, List.of("E06000001", "E06000002", "E06000003", "E06000004", "E06000005")));
    }
}
