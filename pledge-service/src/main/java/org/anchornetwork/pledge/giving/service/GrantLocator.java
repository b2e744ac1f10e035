package org.anchornetwork.pledge.giving.service;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.pledge.giving.GivingGrant.LocationSource;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;

/**
 * Places grants in the network's locality tiers, as 360Giving suggests: by a beneficiary location's area code first
 * (a district, or an area a tier names directly), else by the recipient's postcode. spend-service answers both
 * (decision 0012); one import asks about each distinct code once.
 */
@ApplicationScoped
public class GrantLocator {

    private static final String DISTRICT = "[EWSN](06|07|08|09|12)[0-9]{6}";

    private final GeographyClient geography;

    public GrantLocator(@RestClient GeographyClient geography) {
        this.geography = geography;
    }

    /** Where a grant was placed: how, the area that placed it, and the tiers containing it. */
    public record Placed(LocationSource source, String areaCode, Set<String> tiers) {
    }

    /** One import's lookups, remembered for its duration. */
    public final class Session {
        private final List<GeographyClient.Tier> tiers = call(geography::tiers);
        private final Map<String, Optional<Placed>> byArea = new HashMap<>();
        private final Map<String, Optional<Placed>> byPostcode = new HashMap<>();

        public List<String> tierNames() {
            return tiers.stream().map(GeographyClient.Tier::name).toList();
        }

        public Placed place(GrantRecord grant) {
            Set<String> union = new LinkedHashSet<>();
            String firstArea = null;
            for (String code : grant.beneficiaryGeoCodes()) {
                Optional<Placed> placed = byArea.computeIfAbsent(code, this::area);
                if (placed.isPresent()) {
                    union.addAll(placed.get().tiers());
                    firstArea = firstArea == null ? code : firstArea;
                }
            }
            if (firstArea != null) {
                return new Placed(LocationSource.BENEFICIARY_LOCATION, firstArea, union);
            }
            if (grant.recipientPostcode() != null) {
                Optional<Placed> placed = byPostcode.computeIfAbsent(grant.recipientPostcode(), this::postcode);
                if (placed.isPresent()) {
                    return placed.get();
                }
            }
            return new Placed(LocationSource.UNKNOWN, null, Set.of());
        }

        private Optional<Placed> area(String code) {
            if (code.matches(DISTRICT)) {
                Optional<GeographyClient.DistrictLocality> district = absentOn4xx(() -> geography.district(code));
                if (district.isPresent()) {
                    return Optional.of(new Placed(LocationSource.BENEFICIARY_LOCATION, code,
                            new LinkedHashSet<>(district.get().tiers())));
                }
            }
            // A region or combined authority that tiers name directly (e.g. a grant for the whole North East).
            Set<String> direct = new LinkedHashSet<>();
            tiers.stream().filter(tier -> tier.areaCodes().contains(code)).forEach(tier -> direct.add(tier.name()));
            return direct.isEmpty() ? Optional.empty() : Optional.of(new Placed(LocationSource.BENEFICIARY_LOCATION, code, direct));
        }

        private Optional<Placed> postcode(String postcode) {
            return absentOn4xx(() -> geography.postcode(postcode)).filter(locality -> locality.ladCode() != null)
                    .map(locality -> new Placed(LocationSource.RECIPIENT_POSTCODE, locality.ladCode(),
                            new LinkedHashSet<>(locality.tiers())));
        }
    }

    public Session session() {
        return new Session();
    }

    private static <T> Optional<T> absentOn4xx(java.util.function.Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (ProcessingException e) {
            throw unavailable(e);
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() >= 400 && e.getResponse().getStatus() < 500) {
                return Optional.empty();
            }
            throw unavailable(e);
        }
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ProcessingException e) {
            throw unavailable(e);
        } catch (WebApplicationException e) {
            throw unavailable(e);
        }
    }

    /** A 503 that says what failed in the caller's terms; the cause (a Java exception) goes to the log only. */
    private static ApiProblemException unavailable(RuntimeException cause) {
        Log.warnf("spend-service's geography could not be asked: %s", cause.toString());
        return new ApiProblemException(503, "geography-unavailable", "Geography unavailable",
                "spend-service's geography could not be asked where the grants are; nothing was imported, try again "
                        + "shortly", null);
    }
}
