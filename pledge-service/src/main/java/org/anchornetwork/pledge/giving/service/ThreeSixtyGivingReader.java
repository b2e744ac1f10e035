package org.anchornetwork.pledge.giving.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
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
 * were found). A file that cannot be read at all (malformed JSON or CSV, bytes that are not UTF-8, an empty body) is
 * {@link ApiProblemException#badRequest} (HTTP 400, slug {@code malformed-request}) naming where it went wrong.
 *
 * <h2>What a grant needs</h2>
 * <ul>
 * <li>an identifier ({@code id} / {@code Identifier}): error code {@code required}; the same identifier twice in one file:
 * {@code duplicate-id} (reported at the second and later occurrences, naming the first)</li>
 * <li>an amount awarded, a plain decimal number, at least 0: {@code required}, {@code invalid-number} (not a number, or
 * absurdly large or precise), {@code negative-amount}. It is read exactly from the number's text, never through a
 * double. In JSON it must be a JSON number (a string is {@code invalid-number}); in CSV thousands commas are
 * allowed ({@code 1,250.00}), currency signs are not</li>
 * <li>a currency, three upper-case letters (ISO 4217 shape; the code list is not checked): {@code required},
 * {@code invalid-currency}</li>
 * <li>an award date: {@code required}, {@code invalid-date}. Accepted forms: {@code yyyy-MM-dd}; an ISO date-time
 * ({@code 2019-03-26T00:00:00Z}, {@code 2019-03-26T00:00:00}, with or without an offset, whose own calendar date is
 * taken); and the early-format {@code dd/MM/yyyy HH:mm} ({@code 26/03/2001 00:00}), {@code dd/MM/yyyy HH:mm:ss} and
 * {@code dd/MM/yyyy}</li>
 * </ul>
 * Optional text fields (title, recipient and funding organisation id and name, postcode, geographic codes) are trimmed,
 * and blank becomes null; in JSON a value of the wrong JSON type is {@code invalid-type}. Postcodes are upper-cased and
 * otherwise kept as given. Unknown fields and columns are ignored (real files carry non-standard ones such as
 * {@code "Internal Organisation ID"}).
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
 * {@link #readCsv} takes the "grants" sheet saved as CSV in UTF-8 (a byte-order mark is skipped), with a header row
 * of the standard's column titles, matched case-insensitively, trimmed, and with spaces around {@code :} ignored:
 * {@code Identifier}, {@code Title}, {@code Currency}, {@code Amount Awarded}, {@code Award Date},
 * {@code Recipient Org:Identifier}, {@code Recipient Org:Name}, {@code Recipient Org:Postal Code},
 * {@code Beneficiary Location:Geographic Code}, {@code Funding Org:Identifier}, {@code Funding Org:Name}. Flatten Tool's
 * numbered titles are read as well: {@code Beneficiary Location:0:Geographic Code}, {@code Beneficiary
 * Location:1:Geographic Code}, … (all of them, in index order after the unnumbered one), and {@code Recipient
 * Org:0:Identifier} and the like for the organisations. Other columns are ignored; rows whose cells are all blank are
 * skipped.
 * <p>
 * <b>Rows and columns.</b> A cell error is {@link ProblemError#atCell(long, int, String, String)} with
 * {@code row} = the 1-based index of the CSV <em>record</em>, which is {@link CSVRecord#getRecordNumber()} as the
 * header counts as record 1: the header is row 1 and the first grant row 2, as a spreadsheet shows them. Because a
 * quoted cell may hold newlines (the sample's descriptions do), this is the record's index, not its line in the
 * text file. {@code column} is the 1-based index of the cell in its record (column A = 1).
 * <p>
 * <b>Header errors.</b> A required column (Identifier, Currency, Amount Awarded, Award Date) that the header lacks is
 * reported as {@code ProblemError.at("/header", "missing-column", message naming the column)} (no row or column: the
 * column is not there to point at), one error per missing column, and the rows are then not read. A used column
 * that appears twice is {@code duplicate-column} at {@code /header}, naming both 1-based column positions.
 */
public final class ThreeSixtyGivingReader {

    /** Most errors listed in one problem. */
    public static final int MAX_ERRORS = 100;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** A plain decimal number; thousands commas, when used, in every group. Signs are read to report negatives. */
    private static final Pattern CSV_AMOUNT = Pattern.compile("[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?");
    /** More integer digits than any grant has: refused, so that exponents cannot smuggle in absurd values. */
    private static final int MAX_INTEGER_DIGITS = 18;
    private static final int MAX_DECIMAL_PLACES = 20;

    private static final DateTimeFormatter UK_DATE = uk("dd/MM/uuuu");
    private static final DateTimeFormatter UK_DATE_TIME = uk("dd/MM/uuuu HH:mm");
    private static final DateTimeFormatter UK_DATE_TIME_SECONDS = uk("dd/MM/uuuu HH:mm:ss");

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
    public static List<GrantRecord> readJson(InputStream in) {
        Validation validation = new Validation();
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
            throw malformed(e.getOriginalMessage(), e.getLocation());
        } catch (IOException e) {
            throw ApiProblemException.badRequest("malformed-request", "The JSON could not be read: " + e.getMessage());
        }
        validation.throwIfInvalid();
        return List.copyOf(grants);
    }

    /** Reads the array the parser stands at (its START_ARRAY), one grant tree at a time. */
    private static void readJsonGrants(JsonParser parser, String base, List<GrantRecord> grants, Validation validation)
            throws IOException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode node = JSON.readTree(parser);
            String pointer = base + "/" + index;
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
        JsonNode funder = firstOrganisation(grant.get("fundingOrganization"), funderPointer, errors);
        if (funder != null) {
            String at = grant.get("fundingOrganization").isArray() ? funderPointer + "/0" : funderPointer;
            funderId = jsonText(funder, "id", at, errors);
            funderName = jsonText(funder, "name", at, errors);
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

    /** The columns the reader uses, by their standard titles. */
    private enum Column {
        IDENTIFIER("Identifier", true),
        TITLE("Title", false),
        CURRENCY("Currency", true),
        AMOUNT_AWARDED("Amount Awarded", true),
        AWARD_DATE("Award Date", true),
        RECIPIENT_ID("Recipient Org:Identifier", false),
        RECIPIENT_NAME("Recipient Org:Name", false),
        RECIPIENT_POSTCODE("Recipient Org:Postal Code", false),
        FUNDER_ID("Funding Org:Identifier", false),
        FUNDER_NAME("Funding Org:Name", false);

        final String title;
        final boolean required;

        Column(String title, boolean required) {
            this.title = title;
            this.required = required;
        }
    }

    private static final Map<String, Column> COLUMNS_BY_TITLE = new HashMap<>();

    static {
        for (Column column : Column.values()) {
            COLUMNS_BY_TITLE.put(normaliseTitle(column.title), column);
        }
    }

    /** Flatten Tool's numbered organisation titles: {@code recipient org:0:identifier} is the first organisation. */
    private static final Pattern FIRST_ORGANISATION = Pattern.compile("^(recipient org|funding org):0:");
    private static final Pattern GEO_CODE = Pattern.compile("^beneficiary location:(?:(\\d+):)?geographic code$");
    private static final String GEO_CODE_TITLE = "Beneficiary Location:Geographic Code";

    /**
     * Reads the 360Giving spreadsheet's "grants" sheet saved as CSV (UTF-8, header row first).
     *
     * @return every grant, in the file's order
     * @throws ApiProblemException 422 listing every error when the header lacks a required column or any grant is not
     *                             valid; 400 ({@code malformed-request}) when the file is empty, is not UTF-8 or
     *                             is not well-formed CSV
     */
    public static List<GrantRecord> readCsv(InputStream in) {
        Reader reader = skipBom(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))));
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!hasNext(records, parser)) {
                throw ApiProblemException.badRequest("malformed-request",
                        "The file is empty: send the 360Giving \"grants\" sheet as CSV, header row first");
            }
            CsvLayout layout = CsvLayout.of(records.next());
            Validation validation = new Validation();
            List<GrantRecord> grants = new ArrayList<>();
            while (hasNext(records, parser)) {
                CSVRecord record = records.next();
                if (isBlank(record)) {
                    continue;
                }
                List<ProblemError> errors = new ArrayList<>(2);
                GrantRecord grant = csvGrant(record, layout, validation, errors);
                validation.grant(errors);
                if (errors.isEmpty()) {
                    grants.add(grant);
                }
            }
            validation.throwIfInvalid();
            return List.copyOf(grants);
        } catch (IOException e) {
            throw ApiProblemException.badRequest("malformed-request", "The CSV could not be read: " + e.getMessage());
        }
    }

    private static GrantRecord csvGrant(CSVRecord record, CsvLayout layout, Validation validation,
            List<ProblemError> errors) {
        long row = record.getRecordNumber();
        String id = required(layout.cell(record, Column.IDENTIFIER), layout.where(row, Column.IDENTIFIER),
                "the grant's identifier", errors);
        if (id != null) {
            validation.checkUnique(id, "row " + row, layout.where(row, Column.IDENTIFIER), errors);
        }
        String title = layout.cell(record, Column.TITLE);
        BigDecimal amount = csvAmount(layout.cell(record, Column.AMOUNT_AWARDED), layout.where(row, Column.AMOUNT_AWARDED),
                errors);
        String currency = currency(layout.cell(record, Column.CURRENCY), layout.where(row, Column.CURRENCY), errors);
        LocalDate awardDate = date(layout.cell(record, Column.AWARD_DATE), layout.where(row, Column.AWARD_DATE), errors);
        Set<String> geoCodes = new LinkedHashSet<>();
        for (int index : layout.geoCodeColumns) {
            addIfPresent(geoCodes, cell(record, index));
        }
        if (id == null || amount == null || currency == null || awardDate == null) {
            return null;
        }
        return new GrantRecord(id, title, amount, currency, awardDate, layout.cell(record, Column.RECIPIENT_ID),
                layout.cell(record, Column.RECIPIENT_NAME), postcode(layout.cell(record, Column.RECIPIENT_POSTCODE)),
                List.copyOf(geoCodes), layout.cell(record, Column.FUNDER_ID), layout.cell(record, Column.FUNDER_NAME));
    }

    private static BigDecimal csvAmount(String text, Where where, List<ProblemError> errors) {
        if (text == null) {
            errors.add(where.error("required", "the amount awarded is required"));
            return null;
        }
        if (!CSV_AMOUNT.matcher(text).matches()) {
            errors.add(where.error("invalid-number", "\"" + text + "\" is not a plain decimal number (such as 10000 "
                    + "or 1,250.50; no currency sign)"));
            return null;
        }
        return checkAmount(new BigDecimal(text.replace(",", "")), text, where, errors);
    }

    /** Which cell holds each used column (0-based indexes), read from the header row. */
    private static final class CsvLayout {
        private final Map<Column, Integer> columns;
        private final int[] geoCodeColumns;

        private CsvLayout(Map<Column, Integer> columns, int[] geoCodeColumns) {
            this.columns = columns;
            this.geoCodeColumns = geoCodeColumns;
        }

        static CsvLayout of(CSVRecord header) {
            Map<Column, Integer> columns = new EnumMap<>(Column.class);
            TreeMap<Integer, List<Integer>> geoCodes = new TreeMap<>();
            List<ProblemError> errors = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String raw = i == 0 ? stripBom(header.get(i)) : header.get(i);
                titles.add(raw.trim());
                String title = normaliseTitle(raw);
                Matcher geo = GEO_CODE.matcher(title);
                if (geo.matches()) {
                    int index = geo.group(1) == null ? -1 : Integer.parseInt(geo.group(1));
                    geoCodes.computeIfAbsent(index, k -> new ArrayList<>()).add(i);
                    continue;
                }
                Column column = COLUMNS_BY_TITLE.get(FIRST_ORGANISATION.matcher(title).replaceFirst("$1:"));
                if (column == null) {
                    continue;
                }
                Integer earlier = columns.putIfAbsent(column, i);
                if (earlier != null) {
                    errors.add(ProblemError.at("/header", "duplicate-column", "the \"" + column.title
                            + "\" column appears twice, as columns " + (earlier + 1) + " and " + (i + 1)
                            + "; keep one"));
                }
            }
            for (Column column : Column.values()) {
                if (column.required && !columns.containsKey(column)) {
                    errors.add(ProblemError.at("/header", "missing-column", "no \"" + column.title
                            + "\" column; every grant needs one. Columns found: " + titles));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiProblemException.invalid("The header row (row 1) is not a 360Giving grants sheet header: "
                        + errors.size() + " problem(s) with its columns, so no row was read", errors);
            }
            int[] geo = geoCodes.values().stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray();
            return new CsvLayout(columns, geo);
        }

        /** The 1-based column of a used column, or 0 when the file has none. */
        int columnOf(Column column) {
            Integer index = columns.get(column);
            return index == null ? 0 : index + 1;
        }

        String cell(CSVRecord record, Column column) {
            Integer index = columns.get(column);
            return index == null ? null : ThreeSixtyGivingReader.cell(record, index);
        }

        Where where(long row, Column column) {
            return atCell(row, columnOf(column));
        }
    }

    /** A cell, trimmed; null when blank or beyond the end of a short record. */
    private static String cell(CSVRecord record, int index) {
        return index < record.size() ? blankToNull(record.get(index)) : null;
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Lower case, trimmed, one space between words and none around {@code :}. */
    private static String normaliseTitle(String title) {
        return title.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll(" ?: ?", ":");
    }

    private static boolean hasNext(Iterator<CSVRecord> records, CSVParser parser) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            long row = parser.getRecordNumber() + 1;
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CharacterCodingException || cause.getCause() instanceof CharacterCodingException) {
                throw ApiProblemException.badRequest("malformed-request",
                        "The CSV is not valid UTF-8 (near row " + row + "): save it as \"CSV UTF-8\"");
            }
            throw ApiProblemException.badRequest("malformed-request",
                    "The file is not well-formed CSV near row " + row + ": " + cause.getMessage());
        }
    }

    private static Reader skipBom(BufferedReader reader) {
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return reader;
        } catch (CharacterCodingException e) {
            throw ApiProblemException.badRequest("malformed-request",
                    "The CSV is not valid UTF-8 (near row 1): save it as \"CSV UTF-8\"");
        } catch (IOException e) {
            throw ApiProblemException.badRequest("malformed-request", "The CSV could not be read: " + e.getMessage());
        }
    }

    private static String stripBom(String value) {
        return value.startsWith("\uFEFF") ? value.substring(1) : value;
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

    private static Where atCell(long row, int column) {
        return (code, message) -> ProblemError.atCell(row, column, code, message);
    }

    /** Gathers the errors of a whole file and throws once at the end. */
    private static final class Validation {
        private final List<ProblemError> errors = new ArrayList<>();
        private final Map<String, String> firstSeen = new HashMap<>();
        private int invalidGrants;
        private int errorCount;
        private boolean packageInvalid;

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
        LocalDate date = parseDate(value);
        if (date == null) {
            errors.add(where.error("invalid-date", "\"" + value + "\" is not a date: give yyyy-MM-dd, an ISO date-time "
                    + "(2019-03-26T00:00:00Z) or dd/MM/yyyy [HH:mm]"));
        }
        return date;
    }

    /** The calendar date of one of the accepted forms, or null. */
    static LocalDate parseDate(String value) {
        List<DateTimeFormatter> formats = value.indexOf('/') >= 0
                ? List.of(UK_DATE, UK_DATE_TIME, UK_DATE_TIME_SECONDS)
                : List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_DATE_TIME);
        for (DateTimeFormatter format : formats) {
            try {
                return LocalDate.from(format.parse(value));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    private static DateTimeFormatter uk(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
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
