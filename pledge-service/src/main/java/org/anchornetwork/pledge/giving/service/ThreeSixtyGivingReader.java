package org.anchornetwork.pledge.giving.service;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.anchornetwork.common.csv.CsvHeader;
import org.anchornetwork.common.csv.CsvReader;
import org.anchornetwork.common.csv.CsvRow;
import org.anchornetwork.common.csv.UkCells;
import org.anchornetwork.common.json.PlainTextJson;
import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads 360Giving grant data, the UK standard for publishing grants (<a href="https://standard.threesixtygiving.org/">
 * standard.threesixtygiving.org</a>), from its JSON package or from its spreadsheet's "grants" sheet saved as CSV. Plain
 * Java: no CDI, no database; the caller decides what to keep (grants in other currencies than GBP are returned too).
 *
 * <h2>All or nothing</h2>
 * Every grant is validated before anything is returned. When any grant is not valid the reader throws
 * {@link ApiProblemException#invalid} (HTTP 422) with the detail {@code "N grant(s) are not valid 360Giving"}, where N
 * counts the invalid grants, and lists every error, at most {@value #MAX_ERRORS} of them (the detail says so when more
 * were found). Malformed JSON, an empty JSON body or a control character in its text is
 * {@link ApiProblemException#badRequest} (HTTP 400, slug {@code malformed-request}) naming where it went wrong; a CSV
 * file that is not CSV text or lacks a header row is refused by the shared {@link CsvReader} ({@code csv-unreadable},
 * {@code csv-header}: 422).
 *
 * <h2>What a grant needs</h2>
 * <ul>
 * <li>an identifier ({@code id} / {@code Identifier}): error code {@code required}; the same identifier twice in one file:
 * {@code duplicate-id} (reported at the second and later occurrences, naming the first)</li>
 * <li>an amount awarded, at least 0: {@code required}, {@code invalid-number} (not a number, or absurdly large or
 * precise), {@code negative-amount}. It is read exactly from the number's text, never through a double. In JSON it
 * must be a JSON number (a string is {@code invalid-number}); in CSV it is read as every CSV amount of the network
 * ({@link UkCells#amount}: thousands commas in every group, "£", credits as negatives)</li>
 * <li>a currency, three upper-case letters (ISO 4217 shape; the code list is not checked): {@code required},
 * {@code invalid-currency}</li>
 * <li>an award date: {@code required}, {@code invalid-date}, read as every CSV date of the network
 * ({@link UkCells#date}): {@code yyyy-MM-dd}, an ISO date-time ({@code 2019-03-26T00:00:00Z}, whose own calendar date is
 * taken), the early-format {@code dd/MM/yyyy HH:mm} ({@code 26/03/2001 00:00}) and the other UK forms</li>
 * <li>a funding organisation that is the importing organisation: its identifier ({@code fundingOrganization[0].id} /
 * {@code Funding Org:Identifier}) must be one of {@code importerIds} (compared without case): {@code required},
 * {@code funder-not-importer}. An organisation imports only the grants it made.</li>
 * </ul>
 * Optional text fields (title, recipient and funding organisation name, recipient id, postcode, geographic codes) are
 * trimmed, and blank becomes null; in JSON a value of the wrong JSON type is {@code invalid-type}. Postcodes are
 * upper-cased and otherwise kept as given. Unknown fields and columns are ignored (real files carry non-standard ones
 * such as {@code "Internal Organisation ID"}).
 *
 * <h2>JSON</h2>
 * {@link #readJson} takes a 360Giving package {@code {"grants": [...]}} (other top-level fields are ignored) or a bare
 * array of grants. Errors carry a JSON pointer into the document: {@code /grants/3/amountAwarded},
 * {@code /grants/0/recipientOrganization/0/postalCode}, {@code /grants/2/beneficiaryLocation/1/geoCode} (for a bare
 * array, {@code /3/amountAwarded}). The recipient and funding organisation are the first element of
 * {@code recipientOrganization} / {@code fundingOrganization} (an array in the standard; a single object is accepted
 * too). A package without {@code grants}: {@code required} at {@code /grants}; a top level that is neither an object
 * nor an array, or {@code grants} that is not an array, or a grant that is not an object: {@code invalid-type}.
 * The grants are streamed one at a time, so a large file is not held as one tree.
 *
 * <h2>CSV</h2>
 * {@link #readCsv} takes the "grants" sheet saved as CSV, read by the shared {@link CsvReader} (the charset
 * Content-Type names, held to strictly; without one UTF-8, bytes that are not UTF-8 read as Windows-1252; a byte order
 * mark skipped), with a header row of the standard's column titles, compared as {@link CsvHeader#key} (case, spaces and
 * punctuation do not matter): {@code Identifier}, {@code Title}, {@code Currency}, {@code Amount Awarded},
 * {@code Award Date}, {@code Recipient Org:Identifier}, {@code Recipient Org:Name}, {@code Recipient Org:Postal Code},
 * {@code Beneficiary Location:Geographic Code}, {@code Funding Org:Identifier}, {@code Funding Org:Name}. Flatten Tool's
 * numbered titles are read as well: {@code Beneficiary Location:0:Geographic Code}, {@code Beneficiary
 * Location:1:Geographic Code}, … (all of them, in index order after the unnumbered one), and {@code Recipient
 * Org:0:Identifier} and the like for the organisations. Other columns are ignored; rows whose cells are all blank are
 * skipped. Rows are numbered as a spreadsheet shows them (the header is row 1; a quoted cell's line breaks do not
 * count), columns from 1; a missing required column (Identifier, Currency, Amount Awarded, Award Date, Funding
 * Org:Identifier) is {@code missing-column} at the header's row ({@code csv-header}).
 */
public final class ThreeSixtyGivingReader {

    /** Most errors listed in one problem. */
    public static final int MAX_ERRORS = 100;

    /** Its own mapper (exact decimals), refusing control characters in text as the services' mapper does. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .addModule(PlainTextJson.module())
            .build();

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** More integer digits than any grant has: refused, so that exponents cannot smuggle in absurd values. */
    private static final int MAX_INTEGER_DIGITS = 18;
    private static final int MAX_DECIMAL_PLACES = 20;

    private ThreeSixtyGivingReader() {
    }

    // ------------------------------------------------------------------------------------------------ JSON

    /**
     * Reads a 360Giving JSON package ({@code {"grants": [...]}}) or a bare array of grants.
     *
     * @return every grant, in the file's order
     * @throws ApiProblemException 422 listing every error when any grant is not valid; 400 ({@code malformed-request},
     *                             with line and column) when the body is not well-formed JSON or is empty
     */
    public static List<GrantRecord> readJson(InputStream in, Set<String> importerIds) {
        Validation validation = new Validation(importerIds);
        List<GrantRecord> grants = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ApiProblemException.badRequest("malformed-request",
                        "The body is empty: send a 360Giving package {\"grants\": [...]} or an array of grants");
            }
            if (first == JsonToken.START_ARRAY) {
                readJsonGrants(parser, "", grants, validation);
            } else if (first == JsonToken.START_OBJECT) {
                boolean grantsSeen = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (!"grants".equals(name)) {
                        parser.skipChildren();
                        continue;
                    }
                    if (grantsSeen) {
                        throw malformed("the package has \"grants\" twice", parser.currentTokenLocation());
                    }
                    grantsSeen = true;
                    if (value == JsonToken.START_ARRAY) {
                        readJsonGrants(parser, "/grants", grants, validation);
                    } else {
                        parser.skipChildren();
                        validation.packageError(ProblemError.at("/grants", "invalid-type",
                                "\"grants\" must be an array of grants, not " + describe(value)));
                    }
                }
                if (!grantsSeen) {
                    validation.packageError(ProblemError.at("/grants", "required",
                            "a 360Giving package lists its grants in \"grants\": [...]"));
                }
            } else {
                parser.skipChildren();
                validation.packageError(ProblemError.at("", "invalid-type",
                        "expected a 360Giving package {\"grants\": [...]} or an array of grants, not " + describe(first)));
            }
            if (parser.nextToken() != null) {
                throw malformed("there is more after the end of the JSON document", parser.currentTokenLocation());
            }
        } catch (JsonProcessingException e) {
            throw malformed("it breaks JSON's syntax or limits (nesting, number or text length)", e.getLocation());
        } catch (IOException e) {
            throw ApiProblemException.badRequest("malformed-request", "The body could not be read");
        }
        validation.throwIfInvalid();
        return List.copyOf(grants);
    }

    /** Reads the array the parser stands at (its START_ARRAY), one grant tree at a time. */
    private static void readJsonGrants(JsonParser parser, String base, List<GrantRecord> grants, Validation validation)
            throws IOException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String pointer = base + "/" + index;
            JsonNode node;
            try {
                node = JSON.readTree(parser);
            } catch (InvalidFormatException e) {
                String at = pointer + e.getPath().stream().map(step -> "/" + (step.getFieldName() != null
                        ? step.getFieldName() : step.getIndex())).collect(Collectors.joining());
                String message = "text must not contain control characters (such as NUL); tab and line breaks are fine";
                throw new ApiProblemException(400, "malformed-request", "Malformed request", "The body is not valid at "
                        + at + ": " + message, List.of(ProblemError.at(at, "control-character", message)));
            }
            List<ProblemError> errors = new ArrayList<>(2);
            GrantRecord grant = jsonGrant(node, pointer, validation, errors);
            validation.grant(errors);
            if (errors.isEmpty()) {
                grants.add(grant);
            }
            index++;
        }
    }

    private static GrantRecord jsonGrant(JsonNode grant, String pointer, Validation validation,
            List<ProblemError> errors) {
        if (grant == null || !grant.isObject()) {
            errors.add(ProblemError.at(pointer, "invalid-type", "a grant must be a JSON object, not " + describe(grant)));
            return null;
        }
        // A required field of the wrong type is reported as invalid-type alone, not also as required.
        String id = wrongType(grant, "id") ? jsonText(grant, "id", pointer, errors)
                : required(jsonText(grant, "id", pointer, errors), atPointer(pointer + "/id"), "the grant's identifier",
                        errors);
        if (id != null) {
            validation.checkUnique(id, pointer, atPointer(pointer + "/id"), errors);
        }
        String title = jsonText(grant, "title", pointer, errors);
        BigDecimal amount = jsonAmount(grant.get("amountAwarded"), atPointer(pointer + "/amountAwarded"), errors);
        String currency = wrongType(grant, "currency") ? jsonText(grant, "currency", pointer, errors)
                : currency(jsonText(grant, "currency", pointer, errors), atPointer(pointer + "/currency"), errors);
        LocalDate awardDate = null;
        if (wrongType(grant, "awardDate")) {
            jsonText(grant, "awardDate", pointer, errors);
        } else {
            awardDate = date(jsonText(grant, "awardDate", pointer, errors), atPointer(pointer + "/awardDate"), errors);
        }

        String recipientId = null;
        String recipientName = null;
        String postcode = null;
        String recipientPointer = pointer + "/recipientOrganization";
        JsonNode recipient = firstOrganisation(grant.get("recipientOrganization"), recipientPointer, errors);
        if (recipient != null) {
            String at = grant.get("recipientOrganization").isArray() ? recipientPointer + "/0" : recipientPointer;
            recipientId = jsonText(recipient, "id", at, errors);
            recipientName = jsonText(recipient, "name", at, errors);
            postcode = postcode(jsonText(recipient, "postalCode", at, errors));
        }

        String funderId = null;
        String funderName = null;
        String funderPointer = pointer + "/fundingOrganization";
        int funderErrors = errors.size();
        JsonNode funder = firstOrganisation(grant.get("fundingOrganization"), funderPointer, errors);
        String funderIdPointer = funderPointer + "/0/id";
        if (funder != null) {
            String at = grant.get("fundingOrganization").isArray() ? funderPointer + "/0" : funderPointer;
            funderIdPointer = at + "/id";
            funderId = jsonText(funder, "id", at, errors);
            funderName = jsonText(funder, "name", at, errors);
        }
        if (errors.size() == funderErrors) {
            validation.checkFunder(funderId, atPointer(funderId == null && funder == null ? funderPointer : funderIdPointer),
                    errors);
        }

        Set<String> geoCodes = new LinkedHashSet<>();
        JsonNode locations = grant.get("beneficiaryLocation");
        String locationsPointer = pointer + "/beneficiaryLocation";
        if (locations != null && !locations.isNull()) {
            if (locations.isObject()) {
                addIfPresent(geoCodes, jsonText(locations, "geoCode", locationsPointer, errors));
            } else if (locations.isArray()) {
                for (int i = 0; i < locations.size(); i++) {
                    JsonNode location = locations.get(i);
                    if (location.isObject()) {
                        addIfPresent(geoCodes, jsonText(location, "geoCode", locationsPointer + "/" + i, errors));
                    } else if (!location.isNull()) {
                        errors.add(ProblemError.at(locationsPointer + "/" + i, "invalid-type",
                                "a beneficiary location must be an object, not " + describe(location)));
                    }
                }
            } else {
                errors.add(ProblemError.at(locationsPointer, "invalid-type",
                        "beneficiaryLocation must be an array of locations, not " + describe(locations)));
            }
        }
        if (id == null || amount == null || currency == null || awardDate == null) {
            return null;
        }
        return new GrantRecord(id, title, amount, currency, awardDate, recipientId, recipientName, postcode,
                List.copyOf(geoCodes), funderId, funderName);
    }

    /** The first organisation of an array (the standard's form), or the object itself; null when there is none. */
    private static JsonNode firstOrganisation(JsonNode value, String pointer, List<ProblemError> errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            return value;
        }
        if (value.isArray()) {
            if (value.isEmpty() || value.get(0).isNull()) {
                return null;
            }
            if (value.get(0).isObject()) {
                return value.get(0);
            }
            errors.add(ProblemError.at(pointer + "/0", "invalid-type",
                    "an organisation must be an object, not " + describe(value.get(0))));
            return null;
        }
        errors.add(ProblemError.at(pointer, "invalid-type", "must be an array of organisations, not " + describe(value)));
        return null;
    }

    /** Whether a field is there, not null, and not a string. */
    private static boolean wrongType(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && !value.isNull() && !value.isTextual();
    }

    /** A string field, trimmed; null when absent, null or blank; a value of another type is {@code invalid-type}. */
    private static String jsonText(JsonNode object, String field, String pointer, List<ProblemError> errors) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(ProblemError.at(pointer + "/" + field, "invalid-type",
                    "\"" + field + "\" must be a string, not " + describe(value)));
            return null;
        }
        return blankToNull(value.textValue());
    }

    private static BigDecimal jsonAmount(JsonNode value, Where where, List<ProblemError> errors) {
        if (value == null || value.isNull()) {
            errors.add(where.error("required", "the amount awarded is required"));
            return null;
        }
        if (!value.isNumber()) {
            String shown = value.isTextual() ? "the string \"" + value.textValue() + "\"" : describe(value);
            errors.add(where.error("invalid-number", "the amount awarded must be a JSON number, not " + shown));
            return null;
        }
        // USE_BIG_DECIMAL_FOR_FLOATS: a number with a fraction or exponent is a DecimalNode read from its text;
        // integers are int, long or BigInteger nodes. No double is involved.
        return checkAmount(value.decimalValue(), value.asText(), where, errors);
    }

    private static ApiProblemException malformed(String reason, JsonLocation location) {
        String where = location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return ApiProblemException.badRequest("malformed-request",
                "The body is not well-formed JSON" + where + ": " + reason);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    // ------------------------------------------------------------------------------------------------ CSV

    /** The columns the reader uses, by their standard titles; Flatten Tool's numbered titles for the first organisation too. */
    private enum Column {
        IDENTIFIER("Identifier", true),
        TITLE("Title", false),
        CURRENCY("Currency", true),
        AMOUNT_AWARDED("Amount Awarded", true),
        AWARD_DATE("Award Date", true),
        RECIPIENT_ID("Recipient Org:Identifier", false, "Recipient Org:0:Identifier"),
        RECIPIENT_NAME("Recipient Org:Name", false, "Recipient Org:0:Name"),
        RECIPIENT_POSTCODE("Recipient Org:Postal Code", false, "Recipient Org:0:Postal Code"),
        FUNDER_ID("Funding Org:Identifier", true, "Funding Org:0:Identifier"),
        FUNDER_NAME("Funding Org:Name", false, "Funding Org:0:Name");

        final String title;
        final boolean required;
        final String[] aliases;

        Column(String title, boolean required, String... aliases) {
            this.title = title;
            this.required = required;
            this.aliases = aliases;
        }
    }

    /** {@code Beneficiary Location:Geographic Code} and Flatten Tool's {@code Beneficiary Location:0:Geographic Code}, … */
    private static final Pattern GEO_CODE = Pattern.compile("beneficiarylocation(\\d*)geographiccode");

    /**
     * Reads the 360Giving spreadsheet's "grants" sheet saved as CSV, through the shared {@link CsvReader}: the charset
     * Content-Type names, held to strictly; else UTF-8, bytes that are not UTF-8 read as Windows-1252.
     *
     * @param importerIds the identifiers of the importing organisation: a grant funded by anyone else is refused
     * @return every grant, in the file's order
     * @throws ApiProblemException 422 listing every error when any grant is not valid; 422 {@code csv-header} when the
     *                             header lacks a required column or the file is empty; 422 {@code csv-unreadable}
     *                             when the file is not CSV text
     */
    public static List<GrantRecord> readCsv(InputStream in, String contentType, Set<String> importerIds) {
        try (CsvReader csv = CsvReader.open(in, contentType)) {
            CsvLayout layout = CsvLayout.of(csv.header());
            Validation validation = new Validation(importerIds);
            List<GrantRecord> grants = new ArrayList<>();
            while (csv.hasNext()) {
                CsvRow row = csv.next();
                if (row.isBlank()) {
                    continue;
                }
                List<ProblemError> errors = new ArrayList<>(2);
                GrantRecord grant = csvGrant(row, layout, validation, errors);
                validation.grant(errors);
                if (errors.isEmpty()) {
                    grants.add(grant);
                }
            }
            validation.throwIfInvalid();
            return List.copyOf(grants);
        }
    }

    private static GrantRecord csvGrant(CsvRow row, CsvLayout layout, Validation validation, List<ProblemError> errors) {
        String id = required(layout.cell(row, Column.IDENTIFIER), layout.where(row, Column.IDENTIFIER),
                "the grant's identifier", errors);
        if (id != null) {
            validation.checkUnique(id, "row " + row.number(), layout.where(row, Column.IDENTIFIER), errors);
        }
        String title = layout.cell(row, Column.TITLE);
        BigDecimal amount = csvAmount(layout.cell(row, Column.AMOUNT_AWARDED), layout.where(row, Column.AMOUNT_AWARDED),
                errors);
        String currency = currency(layout.cell(row, Column.CURRENCY), layout.where(row, Column.CURRENCY), errors);
        LocalDate awardDate = date(layout.cell(row, Column.AWARD_DATE), layout.where(row, Column.AWARD_DATE), errors);
        String funderId = layout.cell(row, Column.FUNDER_ID);
        validation.checkFunder(funderId, layout.where(row, Column.FUNDER_ID), errors);
        Set<String> geoCodes = new LinkedHashSet<>();
        for (int index : layout.geoCodeColumns) {
            addIfPresent(geoCodes, row.text(index));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new GrantRecord(id, title, amount, currency, awardDate, layout.cell(row, Column.RECIPIENT_ID),
                layout.cell(row, Column.RECIPIENT_NAME), postcode(layout.cell(row, Column.RECIPIENT_POSTCODE)),
                List.copyOf(geoCodes), funderId, layout.cell(row, Column.FUNDER_NAME));
    }

    private static BigDecimal csvAmount(String text, Where where, List<ProblemError> errors) {
        if (text == null) {
            errors.add(where.error("required", "the amount awarded is required"));
            return null;
        }
        BigDecimal amount;
        try {
            amount = UkCells.amount(text);
        } catch (IllegalArgumentException e) {
            errors.add(where.error("invalid-number", e.getMessage() + " (such as 10000, 1,250.50 or £1,250.50)"));
            return null;
        }
        return checkAmount(amount, text, where, errors);
    }

    /** Which cell holds each used column (indexes from 0), read from the header row. */
    private static final class CsvLayout {
        private final Map<Column, Integer> columns;
        private final int[] geoCodeColumns;

        private CsvLayout(Map<Column, Integer> columns, int[] geoCodeColumns) {
            this.columns = columns;
            this.geoCodeColumns = geoCodeColumns;
        }

        static CsvLayout of(CsvHeader header) {
            CsvHeader.Columns lookup = header.columns();
            Map<Column, Integer> columns = new EnumMap<>(Column.class);
            for (Column column : Column.values()) {
                int index = column.required ? lookup.required(column.title, column.aliases)
                        : lookup.optional(column.title, column.aliases);
                if (index >= 0) {
                    columns.put(column, index);
                }
            }
            lookup.check();
            TreeMap<Integer, List<Integer>> geoCodes = new TreeMap<>();
            for (int i = 0; i < header.keys().size(); i++) {
                Matcher geo = GEO_CODE.matcher(header.keys().get(i));
                if (geo.matches()) {
                    int index = geo.group(1).isEmpty() ? -1 : Integer.parseInt(geo.group(1));
                    geoCodes.computeIfAbsent(index, k -> new ArrayList<>()).add(i);
                }
            }
            int[] geo = geoCodes.values().stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray();
            return new CsvLayout(columns, geo);
        }

        String cell(CsvRow row, Column column) {
            return row.text(columns.getOrDefault(column, -1));
        }

        Where where(CsvRow row, Column column) {
            int index = columns.getOrDefault(column, -1);
            return (code, message) -> row.error(index, code, message);
        }
    }

    // ------------------------------------------------------------------------------------------------ shared

    /** Where an error is: a JSON pointer, or a CSV cell. */
    @FunctionalInterface
    private interface Where {
        ProblemError error(String code, String message);
    }

    private static Where atPointer(String pointer) {
        return (code, message) -> ProblemError.at(pointer, code, message);
    }

    /** Gathers the errors of a whole file and throws once at the end. */
    private static final class Validation {
        private final List<ProblemError> errors = new ArrayList<>();
        private final Map<String, String> firstSeen = new HashMap<>();
        private final Set<String> importerIds;
        private final String importerShown;
        private int invalidGrants;
        private int errorCount;
        private boolean packageInvalid;

        Validation(Set<String> importerIds) {
            this.importerIds = importerIds.stream().map(Validation::comparable).collect(Collectors.toSet());
            this.importerShown = String.join(", ", new java.util.TreeSet<>(importerIds));
        }

        private static String comparable(String identifier) {
            return identifier.strip().toUpperCase(Locale.ROOT);
        }

        /** An organisation imports only the grants it made: the funder must be one of its identifiers. */
        void checkFunder(String funderId, Where where, List<ProblemError> grantErrors) {
            if (funderId == null) {
                grantErrors.add(where.error("required", "the funding organisation's identifier is required: an "
                        + "organisation imports only grants it made (its identifiers: " + importerShown + ")"));
            } else if (!importerIds.contains(comparable(funderId))) {
                grantErrors.add(where.error("funder-not-importer", "the grant was made by \"" + funderId + "\", not by the "
                        + "importing organisation (its identifiers: " + importerShown + "); register another identifier "
                        + "of yours with PUT .../signatories/{organisationId}/identifiers"));
            }
        }

        void grant(List<ProblemError> grantErrors) {
            if (!grantErrors.isEmpty()) {
                invalidGrants++;
                grantErrors.forEach(this::add);
            }
        }

        void packageError(ProblemError error) {
            packageInvalid = true;
            add(error);
        }

        /** A grant's id, remembered; a later grant with the same id gets {@code duplicate-id}. */
        void checkUnique(String id, String place, Where where, List<ProblemError> grantErrors) {
            String first = firstSeen.putIfAbsent(id, place);
            if (first != null) {
                grantErrors.add(where.error("duplicate-id", "the identifier \"" + id + "\" is already used by the grant at "
                        + first + "; each grant needs its own"));
            }
        }

        private void add(ProblemError error) {
            errorCount++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(error);
            }
        }

        void throwIfInvalid() {
            if (invalidGrants == 0 && !packageInvalid) {
                return;
            }
            String detail = invalidGrants > 0 ? invalidGrants + " grant(s) are not valid 360Giving"
                    : "The document is not a valid 360Giving package";
            if (errorCount > errors.size()) {
                detail += " (the first " + errors.size() + " of " + errorCount + " errors are listed)";
            }
            throw ApiProblemException.invalid(detail, errors);
        }
    }

    private static String required(String value, Where where, String what, List<ProblemError> errors) {
        if (value == null) {
            errors.add(where.error("required", what + " is required"));
        }
        return value;
    }

    private static BigDecimal checkAmount(BigDecimal amount, String text, Where where, List<ProblemError> errors) {
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS
                || amount.stripTrailingZeros().scale() > MAX_DECIMAL_PLACES) {
            errors.add(where.error("invalid-number", "the amount awarded " + text + " is not a plausible amount (at most "
                    + MAX_INTEGER_DIGITS + " digits before the point and " + MAX_DECIMAL_PLACES + " after)"));
            return null;
        }
        if (amount.signum() < 0) {
            errors.add(where.error("negative-amount", "the amount awarded cannot be negative (" + text + ")"));
            return null;
        }
        return amount;
    }

    private static String currency(String value, Where where, List<ProblemError> errors) {
        if (value == null) {
            errors.add(where.error("required", "the currency is required (an ISO 4217 code such as GBP)"));
            return null;
        }
        if (!CURRENCY.matcher(value).matches()) {
            errors.add(where.error("invalid-currency",
                    "\"" + value + "\" is not an ISO 4217 currency code (three upper-case letters, such as GBP)"));
            return null;
        }
        return value;
    }

    private static LocalDate date(String value, Where where, List<ProblemError> errors) {
        if (value == null) {
            errors.add(where.error("required", "the award date is required"));
            return null;
        }
        try {
            return UkCells.date(value);
        } catch (IllegalArgumentException e) {
            errors.add(where.error("invalid-date", e.getMessage() + ", or an ISO date-time such as 2019-03-26T00:00:00Z"));
            return null;
        }
    }

    private static String postcode(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static void addIfPresent(Set<String> values, String value) {
        if (value != null) {
            values.add(value);
        }
    }

    private static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
