package org.anchornetwork.spend.supplier.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.OrgIds;
import org.anchornetwork.common.web.SpreadsheetCells;
import org.anchornetwork.spend.geography.Postcodes;
import org.anchornetwork.spend.supplier.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An anchor's vendor master (its finance system's supplier list): references, identifiers and postcodes that spend
 * files lack. Read from CSV (first row the header, the usual column names) or JSON; each record checked on its own.
 */
public final class VendorMaster {

    private VendorMaster() {
    }

    @Schema(name = "VendorRecord", description = "One supplier of an anchor's vendor master", example = """
            {"reference":"SUP-00412","name":"DL Building Supplies Ltd","companyNumber":"10000002","postcode":"DL1 1AA",
            "branchPostcodes":["DL3 6JL"],"sizeClass":"SMALL","vcse":false,"sicCodes":["46730"]}""")
    public record VendorRecord(
            @Schema(description = "The anchor's own supplier reference, as on its payments") String reference,
            @Schema(required = true) String name,
            @Schema(description = "Companies House number (becomes GB-COH-…)") String companyNumber,
            @Schema(description = "Charity Commission number (becomes GB-CHC-…)") String charityNumber,
            @Schema(description = "VAT registration number (becomes GB-VAT-…)") String vatNumber,
            @Schema(description = "Any org-id.guide identifier, e.g. GB-PPON-…") String organisationId,
            @Schema(description = "Registered office postcode") String postcode,
            @Schema(description = "Postcodes of branches") List<String> branchPostcodes,
            Supplier.SizeClass sizeClass, Boolean vcse, List<String> sicCodes) {
    }

    /** A record checked: its identifiers and postcodes in normal form, or its errors. */
    public record Checked(VendorRecord record, List<String> identifiers, String postcode, List<String> branchPostcodes,
            List<ProblemError> errors) {
    }

    /** Where a field sits, for errors: a CSV cell or a JSON pointer. */
    interface Locator {
        ProblemError error(String field, String code, String message);
    }

    static Checked check(VendorRecord record, Locator at) {
        List<ProblemError> errors = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        if (record.name() == null || record.name().isBlank()) {
            errors.add(at.error("name", "name-missing", "the supplier's name is needed"));
        } else if (record.name().length() > 300) {
            errors.add(at.error("name", "too-long", "at most 300 characters"));
        }
        if (record.reference() != null && record.reference().length() > 100) {
            errors.add(at.error("reference", "too-long", "at most 100 characters"));
        }
        if (record.organisationId() != null && !record.organisationId().isBlank()) {
            if (record.organisationId().strip().matches(OrgIds.PATTERN)) {
                identifiers.add(record.organisationId().strip());
            } else {
                errors.add(at.error("organisationId", "org-id-invalid", OrgIds.MESSAGE));
            }
        }
        identifier(record.companyNumber(), "[A-Z]{0,2}[0-9]{1,8}", 8, "GB-COH-", "companyNumber",
                "a Companies House number such as 01234567 or SC123456", identifiers, errors, at);
        identifier(record.charityNumber(), "[0-9]{6,8}", 0, "GB-CHC-", "charityNumber",
                "a charity number of 6 to 8 digits", identifiers, errors, at);
        identifier(record.vatNumber() == null ? null : record.vatNumber().replaceFirst("(?i)^GB", ""), "[0-9]{9}([0-9]{3})?",
                0, "GB-VAT-", "vatNumber", "a UK VAT number: 9 or 12 digits, with or without GB", identifiers, errors, at);
        String postcode = null;
        if (record.postcode() != null && !record.postcode().isBlank()) {
            postcode = Postcodes.normalise(record.postcode()).orElse(null);
            if (postcode == null) {
                errors.add(at.error("postcode", "postcode-invalid", "'" + record.postcode() + "' is not a UK postcode"));
            }
        }
        List<String> branches = new ArrayList<>();
        for (String branch : record.branchPostcodes() == null ? List.<String>of() : record.branchPostcodes()) {
            Optional<String> normal = Postcodes.normalise(branch);
            if (normal.isPresent()) {
                branches.add(normal.get());
            } else {
                errors.add(at.error("branchPostcodes", "postcode-invalid", "'" + branch + "' is not a UK postcode"));
            }
        }
        for (String sic : record.sicCodes() == null ? List.<String>of() : record.sicCodes()) {
            if (sic == null || !sic.strip().matches("[0-9]{4,5}")) {
                errors.add(at.error("sicCodes", "sic-invalid", "'" + sic + "' is not a SIC 2007 code (5 digits)"));
            }
        }
        return new Checked(record, identifiers, postcode, branches, errors);
    }

    private static void identifier(String value, String pattern, int padTo, String prefix, String field, String what,
            List<String> identifiers, List<ProblemError> errors, Locator at) {
        if (value == null || value.isBlank()) {
            return;
        }
        String compact = value.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (!compact.matches(pattern)) {
            errors.add(at.error(field, "identifier-invalid", "'" + value + "' is not " + what));
            return;
        }
        if (padTo > 0 && compact.matches("[0-9]+")) {
            compact = "0".repeat(Math.max(0, padTo - compact.length())) + compact;
        }
        identifiers.add(prefix + compact);
    }

    /** JSON records, with pointers /suppliers/{i}/{field}. */
    public static List<Checked> checkAll(List<VendorRecord> records) {
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            int index = i;
            VendorRecord record = records.get(i);
            checked.add(record == null
                    ? new Checked(null, List.of(), null, List.of(), List.of(ProblemError.at("/suppliers/" + i, "null", "must not be null")))
                    : check(record, (field, code, message) -> ProblemError.at("/suppliers/" + index + "/" + field, code, message)));
        }
        return checked;
    }

    /** The column names vendor masters use for each field (compared lower case, letters and digits only). */
    private static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("reference", List.of("supplierreference", "reference", "suppliernumber", "supplierid", "suppliercode",
                "vendornumber", "vendorid", "creditornumber", "localsupplierinternalreference"));
        COLUMNS.put("name", List.of("suppliername", "name", "vendorname", "supplier", "legalname"));
        COLUMNS.put("companyNumber", List.of("companynumber", "companieshousenumber", "companyregistrationnumber", "crn",
                "companyno"));
        COLUMNS.put("charityNumber", List.of("charitynumber", "registeredcharitynumber", "charityno"));
        COLUMNS.put("vatNumber", List.of("vatnumber", "vatregistrationnumber", "suppliervatregistrationnumber", "vatno"));
        COLUMNS.put("organisationId", List.of("organisationid", "orgid", "organisationidentifier"));
        COLUMNS.put("postcode", List.of("postcode", "registeredofficepostcode", "postalcode", "addresspostcode"));
        COLUMNS.put("branchPostcodes", List.of("branchpostcodes", "branchpostcode", "sitepostcodes"));
        COLUMNS.put("sizeClass", List.of("sizeclass", "size", "businesssize", "organisationsize"));
        COLUMNS.put("vcse", List.of("vcse", "voluntarysector", "socialenterprise"));
        COLUMNS.put("sicCodes", List.of("siccodes", "siccode", "sic"));
    }

    /** CSV: the first row names the columns; several postcodes or SIC codes in one cell are separated by ';'. */
    public static List<Checked> readCsv(InputStream in, Charset charset) {
        try (Reader reader = new InputStreamReader(in, charset);
                CSVParser csv = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(reader)) {
            List<Checked> checked = new ArrayList<>();
            Map<String, Integer> columns = null;
            for (CSVRecord row : csv) {
                if (columns == null) {
                    columns = header(row);
                    continue;
                }
                if (row.stream().allMatch(String::isBlank)) {
                    continue;
                }
                Map<String, Integer> at = columns;
                long number = row.getRecordNumber();
                VendorRecord record;
                List<ProblemError> parseErrors = new ArrayList<>();
                Locator locator = (field, code, message) -> ProblemError.atCell(number, at.getOrDefault(field, 0) + 1, code,
                        field + ": " + message);
                record = new VendorRecord(cell(row, at, "reference"), cell(row, at, "name"), cell(row, at, "companyNumber"),
                        cell(row, at, "charityNumber"), cell(row, at, "vatNumber"), cell(row, at, "organisationId"),
                        cell(row, at, "postcode"), list(cell(row, at, "branchPostcodes")),
                        size(cell(row, at, "sizeClass"), locator, parseErrors), yesNo(cell(row, at, "vcse"), locator, parseErrors),
                        list(cell(row, at, "sicCodes")));
                Checked one = check(record, locator);
                parseErrors.addAll(one.errors());
                checked.add(new Checked(record, one.identifiers(), one.postcode(), one.branchPostcodes(), parseErrors));
            }
            if (columns == null) {
                throw ApiProblemException.invalid("The vendor master is empty", List.of(ProblemError.atCell(1, 1, "empty", "no header row")));
            }
            return checked;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ApiProblemException(422, "vendor-master-malformed", "File is not well-formed CSV",
                    "The vendor master cannot be read as CSV: " + e.getMessage(), null);
        }
    }

    private static Map<String, Integer> header(CSVRecord row) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            String name = row.get(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            for (Map.Entry<String, List<String>> field : COLUMNS.entrySet()) {
                if (!columns.containsKey(field.getKey()) && field.getValue().contains(name)) {
                    columns.put(field.getKey(), i);
                    break;
                }
            }
        }
        if (!columns.containsKey("name")) {
            throw ApiProblemException.invalid("The vendor master has no supplier name column", List.of(ProblemError.atCell(
                    row.getRecordNumber(), 1, "column-missing", "name the column \"Supplier Name\"; other known columns: "
                            + COLUMNS.keySet())));
        }
        return columns;
    }

    private static String cell(CSVRecord row, Map<String, Integer> columns, String field) {
        Integer column = columns.get(field);
        if (column == null || column >= row.size()) {
            return null;
        }
        String value = SpreadsheetCells.restore(row.get(column).strip());
        return value.isEmpty() ? null : value;
    }

    private static List<String> list(String cell) {
        return cell == null ? List.of() : java.util.Arrays.stream(cell.split("[;|]")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static Supplier.SizeClass size(String cell, Locator at, List<ProblemError> errors) {
        if (cell == null) {
            return null;
        }
        try {
            return Supplier.SizeClass.valueOf(cell.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(at.error("sizeClass", "size-invalid", "'" + cell + "' is not micro, small, medium or large"));
            return null;
        }
    }

    private static Boolean yesNo(String cell, Locator at, List<ProblemError> errors) {
        if (cell == null) {
            return null;
        }
        return switch (cell.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1" -> Boolean.TRUE;
            case "no", "n", "false", "0" -> Boolean.FALSE;
            default -> {
                errors.add(at.error("vcse", "vcse-invalid", "'" + cell + "' is not yes or no"));
                yield null;
            }
        };
    }
}
