package org.anchornetwork.spend.supplier.service;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.anchornetwork.common.csv.CsvHeader;
import org.anchornetwork.common.csv.CsvReader;
import org.anchornetwork.common.csv.CsvRow;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.OrgIds;
import org.anchornetwork.spend.geography.Postcodes;
import org.anchornetwork.spend.supplier.Supplier;
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

    /**
     * The column names vendor masters use for each field, the usual one first (compared as {@link CsvHeader#key}: case,
     * spaces and punctuation do not matter).
     */
    private static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("reference", List.of("Supplier Reference", "Reference", "Supplier Number", "Supplier ID", "Supplier Code",
                "Vendor Number", "Vendor ID", "Creditor Number", "Local Supplier Internal Reference"));
        COLUMNS.put("name", List.of("Supplier Name", "Name", "Vendor Name", "Supplier", "Legal Name"));
        COLUMNS.put("companyNumber", List.of("Company Number", "Companies House Number", "Company Registration Number",
                "CRN", "Company No"));
        COLUMNS.put("charityNumber", List.of("Charity Number", "Registered Charity Number", "Charity No"));
        COLUMNS.put("vatNumber", List.of("VAT Number", "VAT Registration Number", "Supplier VAT Registration Number", "VAT No"));
        COLUMNS.put("organisationId", List.of("Organisation ID", "Org ID", "Organisation Identifier"));
        COLUMNS.put("postcode", List.of("Postcode", "Registered Office Postcode", "Postal Code", "Address Postcode"));
        COLUMNS.put("branchPostcodes", List.of("Branch Postcodes", "Branch Postcode", "Site Postcodes"));
        COLUMNS.put("sizeClass", List.of("Size Class", "Size", "Business Size", "Organisation Size"));
        COLUMNS.put("vcse", List.of("VCSE", "Voluntary Sector", "Social Enterprise"));
        COLUMNS.put("sicCodes", List.of("SIC Codes", "SIC Code", "SIC"));
    }

    /**
     * CSV through the shared {@link CsvReader} (the charset Content-Type names, held to strictly; else UTF-8 with
     * Windows-1252): the first non-blank row names the columns; several postcodes or SIC codes in one cell are
     * separated by ';'. Each record is checked on its own, errors at its row and column.
     */
    public static List<Checked> readCsv(InputStream in, String contentType) {
        try (CsvReader csv = CsvReader.open(in, contentType)) {
            Map<String, Integer> columns = columns(csv.header());
            List<Checked> checked = new ArrayList<>();
            while (csv.hasNext()) {
                CsvRow row = csv.next();
                if (row.isBlank()) {
                    continue;
                }
                List<ProblemError> parseErrors = new ArrayList<>();
                Locator locator = (field, code, message) -> row.error(columns.getOrDefault(field, -1), code, message);
                VendorRecord record = new VendorRecord(cell(row, columns, "reference"), cell(row, columns, "name"),
                        cell(row, columns, "companyNumber"), cell(row, columns, "charityNumber"), cell(row, columns, "vatNumber"),
                        cell(row, columns, "organisationId"), cell(row, columns, "postcode"),
                        list(cell(row, columns, "branchPostcodes")),
                        size(cell(row, columns, "sizeClass"), locator, parseErrors),
                        yesNo(cell(row, columns, "vcse"), locator, parseErrors), list(cell(row, columns, "sicCodes")));
                Checked one = check(record, locator);
                parseErrors.addAll(one.errors());
                checked.add(new Checked(record, one.identifiers(), one.postcode(), one.branchPostcodes(), parseErrors));
            }
            return checked;
        }
    }

    /** Each field's column; the supplier's name is required. */
    private static Map<String, Integer> columns(CsvHeader header) {
        CsvHeader.Columns lookup = header.columns();
        Map<String, Integer> columns = new LinkedHashMap<>();
        COLUMNS.forEach((field, names) -> {
            String[] aliases = names.subList(1, names.size()).toArray(String[]::new);
            int column = field.equals("name") ? lookup.required(names.get(0), aliases) : lookup.optional(names.get(0), aliases);
            if (column >= 0) {
                columns.put(field, column);
            }
        });
        lookup.check();
        return columns;
    }

    private static String cell(CsvRow row, Map<String, Integer> columns, String field) {
        return row.text(columns.getOrDefault(field, -1));
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
