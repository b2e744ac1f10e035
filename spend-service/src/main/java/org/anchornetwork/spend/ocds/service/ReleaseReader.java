package org.anchornetwork.spend.ocds.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.anchornetwork.common.number.NumericColumn;
import org.anchornetwork.common.problem.ProblemError;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads what is stored from one release that the schema accepted, and checks what the schema cannot: the buyer and
 * every award supplier are parties of the release with the matching role, and values are non-negative amounts with
 * a currency. Errors carry JSON pointers into the package ({@code /releases/3/awards/0/value/amount}).
 */
public final class ReleaseReader {

    /** Largest amount numeric(16,2) holds. */
    /** Award and contract values (value_amount numeric(16,2)): 0 or more, in pence at most. */
    static final NumericColumn AMOUNT = NumericColumn.numeric(16, 2).notNegative();
    private static final int MAX_KEY = 200;

    public record Release(int index, String ocid, String releaseId, OffsetDateTime date, List<Award> awards,
            List<Contract> contracts) {
    }

    public record Award(String awardId, String title, String status, LocalDate date, BigDecimal amount, String currency,
            String buyerPartyId, String buyerName, LocalDate contractStart, LocalDate contractEnd, List<Supplier> suppliers) {
    }

    public record Supplier(String partyId, String name, String identifierScheme, String identifierId, String legalName,
            String streetAddress, String locality, String postalCode, String countryName) {
    }

    /** {@code position} is the contract's index in the release, for errors found later (an unknown award). */
    public record Contract(int position, String contractId, String awardId, String title, String status,
            BigDecimal amount, String currency, LocalDate periodStart, LocalDate periodEnd, LocalDate dateSigned) {
    }

    /** The release to store, or null when it has errors. */
    public record Result(Release release, List<ProblemError> errors) {
    }

    private final List<ProblemError> errors = new ArrayList<>();
    private final String at;

    private ReleaseReader(int index) {
        this.at = "/releases/" + index;
    }

    public static Result read(JsonNode release, int index) {
        ReleaseReader reader = new ReleaseReader(index);
        Release read = reader.release(release, index);
        return reader.errors.isEmpty() ? new Result(read, List.of()) : new Result(null, List.copyOf(reader.errors));
    }

    private Release release(JsonNode release, int index) {
        Map<String, JsonNode> parties = new HashMap<>();
        JsonNode partyList = release.path("parties");
        for (JsonNode party : partyList) {
            String id = party.path("id").asText(null);
            if (id != null) {
                parties.putIfAbsent(id, party);
            }
        }
        String ocid = key(release, "ocid", at + "/ocid");
        String releaseId = key(release, "id", at + "/id");
        JsonNode buyer = release.path("buyer");
        String buyerId = null;
        String buyerName = null;
        if (buyer.isObject()) {
            buyerId = key(buyer, "id", at + "/buyer/id");
            JsonNode party = buyerId == null ? null : parties.get(buyerId);
            if (buyerId == null) {
                error(at + "/buyer/id", "buyer-id-missing", "the buyer must name its party by id");
            } else if (party == null) {
                error(at + "/buyer/id", "buyer-not-in-parties", "no party with id '" + buyerId + "' in parties");
            } else if (!hasRole(party, "buyer")) {
                error(at + "/buyer/id", "buyer-role-missing", "party '" + buyerId + "' does not have the role \"buyer\"");
            }
            buyerName = text(buyer, "name", at + "/buyer/name", 500);
            if (buyerName == null && party != null) {
                buyerName = text(party, "name", at + "/parties", 500);
            }
        }
        List<Award> awards = new ArrayList<>();
        JsonNode awardList = release.path("awards");
        if (awardList.size() > 0 && buyerId == null && !buyer.isObject()) {
            error(at + "/buyer", "buyer-missing", "a release with awards names its buyer");
        }
        for (int i = 0; i < awardList.size(); i++) {
            awards.add(award(awardList.get(i), at + "/awards/" + i, parties, buyerId, buyerName));
        }
        List<Contract> contracts = new ArrayList<>();
        JsonNode contractList = release.path("contracts");
        for (int i = 0; i < contractList.size(); i++) {
            contracts.add(contract(contractList.get(i), i, at + "/contracts/" + i));
        }
        return new Release(index, ocid, releaseId, dateTime(release, "date", at + "/date"), awards, contracts);
    }

    private Award award(JsonNode award, String where, Map<String, JsonNode> parties, String buyerId, String buyerName) {
        List<Supplier> suppliers = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        JsonNode list = award.path("suppliers");
        for (int i = 0; i < list.size(); i++) {
            String pointer = where + "/suppliers/" + i + "/id";
            String id = key(list.get(i), "id", pointer);
            JsonNode party = id == null ? null : parties.get(id);
            if (id == null) {
                error(pointer, "supplier-id-missing", "each supplier must name its party by id");
            } else if (party == null) {
                error(pointer, "supplier-not-in-parties", "no party with id '" + id + "' in parties");
            } else if (!hasRole(party, "supplier")) {
                error(pointer, "supplier-role-missing", "party '" + id + "' does not have the role \"supplier\"");
            } else if (seen.add(id)) {
                suppliers.add(supplier(party, list.get(i), id));
            }
        }
        Money value = money(award.path("value"), where + "/value");
        JsonNode period = award.path("contractPeriod");
        return new Award(key(award, "id", where + "/id"), text(award, "title", where + "/title", 1000),
                text(award, "status", where + "/status", 20), date(award, "date", where + "/date"), value.amount,
                value.currency, buyerId, buyerName, date(period, "startDate", where + "/contractPeriod/startDate"),
                date(period, "endDate", where + "/contractPeriod/endDate"), suppliers);
    }

    private Supplier supplier(JsonNode party, JsonNode reference, String id) {
        // The party's index is not known here, so errors in its text point at the party list.
        String where = at + "/parties";
        JsonNode identifier = party.path("identifier");
        JsonNode address = party.path("address");
        String name = text(party, "name", where, 500);
        return new Supplier(id, name != null ? name : text(reference, "name", where, 500),
                text(identifier, "scheme", where, 40), text(identifier, "id", where, 200),
                text(identifier, "legalName", where, 500), text(address, "streetAddress", where, 500),
                text(address, "locality", where, 200), postalCode(text(address, "postalCode", where, 40)),
                text(address, "countryName", where, 100));
    }

    private Contract contract(JsonNode contract, int position, String where) {
        Money value = money(contract.path("value"), where + "/value");
        JsonNode period = contract.path("period");
        String awardId = key(contract, "awardID", where + "/awardID");
        if (awardId == null) {
            error(where + "/awardID", "award-id-missing", "a contract names the award it is signed on");
        }
        return new Contract(position, key(contract, "id", where + "/id"), awardId, text(contract, "title", where + "/title", 1000),
                text(contract, "status", where + "/status", 20), value.amount, value.currency,
                date(period, "startDate", where + "/period/startDate"), date(period, "endDate", where + "/period/endDate"),
                date(contract, "dateSigned", where + "/dateSigned"));
    }

    private record Money(BigDecimal amount, String currency) {
    }

    private Money money(JsonNode value, String where) {
        if (!value.isObject()) {
            return new Money(null, null);
        }
        JsonNode amountNode = value.path("amount");
        String currency = text(value, "currency", where + "/currency", 3);
        if (!amountNode.isNumber()) {
            return new Money(null, currency);
        }
        BigDecimal amount = amountNode.decimalValue();
        java.util.Optional<ProblemError> problem = AMOUNT.problem(where + "/amount", amount);
        problem.ifPresent(error -> error(error.pointer(), error.code(), "the amount " + error.message()));
        if (currency == null) {
            error(where + "/currency", "currency-missing", "an amount needs its currency");
        }
        // Stored as sent, at the column's scale: an amount with more decimals than pence is refused, never rounded.
        return new Money(problem.isPresent() ? null : AMOUNT.stored(amount), currency);
    }

    private static boolean hasRole(JsonNode party, String role) {
        for (JsonNode value : party.path("roles")) {
            if (role.equals(value.asText())) {
                return true;
            }
        }
        return false;
    }

    /** An identifier: up to 200 characters, or an error (it is part of a key, so it is never cut short). */
    private String key(JsonNode node, String field, String pointer) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        if (text.length() > MAX_KEY) {
            error(pointer, "too-long", "at most " + MAX_KEY + " characters are kept for an identifier");
            return null;
        }
        return checked(text, pointer);
    }

    /** Descriptive text, shortened to what its column holds. */
    private String text(JsonNode node, String field, String pointer, int max) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = checked(value.asText().strip(), pointer);
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** PostgreSQL text cannot hold NUL; JSON can. */
    private String checked(String text, String pointer) {
        if (text.indexOf('\u0000') >= 0) {
            error(pointer, "control-character", "text must not contain NUL characters");
            return null;
        }
        return text;
    }

    private OffsetDateTime dateTime(JsonNode node, String field, String pointer) {
        String text = text(node, field, pointer, 100);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            error(pointer, "invalid-date", "expected an ISO 8601 date and time with an offset, e.g. 2025-01-23T14:59:07Z");
            return null;
        }
    }

    /** The calendar date as the publisher wrote it (the offset is the publisher's local time). */
    private LocalDate date(JsonNode node, String field, String pointer) {
        String text = text(node, field, pointer, 100);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    error(pointer, "invalid-date", "expected an ISO 8601 date and time, e.g. 2025-01-23T14:59:07Z");
                    return null;
                }
            }
        }
    }

    /** Upper case with single spaces: " dl1  5qt " is "DL1 5QT". */
    static String postalCode(String code) {
        if (code == null) {
            return null;
        }
        String normalised = code.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (normalised.isEmpty()) {
            return null;
        }
        return normalised.length() <= 20 ? normalised : normalised.substring(0, 20);
    }

    private void error(String pointer, String code, String message) {
        errors.add(ProblemError.at(pointer, code, message));
    }
}
