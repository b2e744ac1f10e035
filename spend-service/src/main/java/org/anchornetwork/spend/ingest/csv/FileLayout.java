package org.anchornetwork.spend.ingest.csv;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anchornetwork.common.csv.CsvProblems;
import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.spend.payment.Payment;

/**
 * Where a spend file's header is and which column holds which field. Publishers put titles, dates and blank
 * lines above the header (five lines in Darlington's 2017 file, one of them a second, technical header), so the
 * header is the row among the first {@value #ROWS_SEARCHED} that names the most payment fields, one of them the
 * amount.
 */
record FileLayout(int headerIndex, List<String> headers, Map<PaymentField, Integer> columns,
        Payment.AmountBasis amountBasis, MappingDefinition.PeriodKind periodKind, YearMonth preamblePeriod) {

    static final int ROWS_SEARCHED = 50;

    private static final Pattern MONTH_IN_TEXT = Pattern.compile(
            "\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[\\s\\-/]+'?(\\d{4}|\\d{2})\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NET = Pattern.compile("\\b(net|excl\\w*|ex vat|exc vat|excluding)\\b");
    private static final Pattern GROSS = Pattern.compile("\\b(gross|incl\\w*|inc vat)\\b|amount in sterling");

    /** The column of a field, or -1. */
    int column(PaymentField field) {
        Integer index = columns.get(field);
        return index == null ? -1 : index;
    }

    /** The effective mapping, in the shape a publisher saves: what was read, to be corrected where it is wrong. */
    MappingDefinition asMapping() {
        Map<String, String> byField = new LinkedHashMap<>();
        columns.forEach((field, index) -> byField.put(field.jsonName(), headers.get(index)));
        return new MappingDefinition(byField, amountBasis, periodKind);
    }

    /**
     * Finds the header among the first rows and maps its columns: the saved mapping's fields first, the rest
     * by their names.
     *
     * @param firstRows the file's first rows, as parsed
     */
    static FileLayout detect(List<List<String>> firstRows, MappingDefinition mapping) {
        int best = -1;
        Map<PaymentField, Integer> bestColumns = Map.of();
        for (int i = 0; i < firstRows.size(); i++) {
            Optional<Map<PaymentField, Integer>> columns = mapColumns(firstRows.get(i), mapping);
            if (columns.isEmpty()) {
                continue;
            }
            boolean usable = columns.get().containsKey(PaymentField.AMOUNT) && columns.get().size() >= 2;
            if (usable && columns.get().size() > bestColumns.size()) {
                best = i;
                bestColumns = columns.get();
            }
        }
        if (best < 0) {
            throw noHeader(firstRows.size(), mapping);
        }
        List<String> headers = firstRows.get(best).stream().map(String::strip).toList();
        Payment.AmountBasis basis = mapping.amountBasis() != null ? mapping.amountBasis()
                : basisFromHeader(headers.get(bestColumns.get(PaymentField.AMOUNT)));
        return new FileLayout(best, headers, Collections.unmodifiableMap(bestColumns), basis,
                mapping.periodKindOrDefault(), periodAbove(firstRows.subList(0, best)));
    }

    /** The row's columns by field; empty when the row lacks a column the mapping names. */
    private static Optional<Map<PaymentField, Integer>> mapColumns(List<String> row, MappingDefinition mapping) {
        Map<PaymentField, Integer> columns = new EnumMap<>(PaymentField.class);
        boolean[] taken = new boolean[row.size()];
        for (Map.Entry<String, String> named : mapping.columns().entrySet()) {
            PaymentField field = PaymentField.byJsonName(named.getKey()).orElseThrow();
            String wanted = PaymentField.normalise(named.getValue());
            int found = -1;
            for (int c = 0; c < row.size() && found < 0; c++) {
                if (!taken[c] && PaymentField.normalise(row.get(c)).equals(wanted)) {
                    found = c;
                }
            }
            if (found < 0) {
                return Optional.empty();
            }
            taken[found] = true;
            columns.put(field, found);
        }
        Map<PaymentField, Integer> ranks = new EnumMap<>(PaymentField.class);
        for (int c = 0; c < row.size(); c++) {
            if (taken[c] || row.get(c).isBlank()) {
                continue;
            }
            Optional<PaymentField.Match> match = PaymentField.match(row.get(c));
            if (match.isEmpty() || mapping.columns().containsKey(match.get().field().jsonName())) {
                continue;
            }
            PaymentField field = match.get().field();
            Integer rank = ranks.get(field);
            if (rank == null || match.get().rank() < rank) {
                ranks.put(field, match.get().rank());
                columns.put(field, c);
            }
        }
        return Optional.of(columns);
    }

    static Payment.AmountBasis basisFromHeader(String header) {
        String name = PaymentField.normalise(header);
        if (NET.matcher(name).find()) {
            return Payment.AmountBasis.NET;
        }
        if (GROSS.matcher(name).find()) {
            return Payment.AmountBasis.GROSS;
        }
        return Payment.AmountBasis.UNKNOWN;
    }

    /** A month named above the header ("Mar-17", "paid in July 2020"): the date of payments when no column gives one. */
    private static YearMonth periodAbove(List<List<String>> preamble) {
        for (List<String> row : preamble) {
            for (String cell : row) {
                Matcher month = MONTH_IN_TEXT.matcher(cell);
                if (month.find()) {
                    Optional<YearMonth> period = CellParsers.monthNamed(month.group(1), month.group(2));
                    if (period.isPresent()) {
                        return period.get();
                    }
                }
            }
        }
        return null;
    }

    private static ApiProblemException noHeader(int rowsSearched, MappingDefinition mapping) {
        List<ProblemError> errors = new ArrayList<>();
        if (!mapping.columns().isEmpty()) {
            errors.add(ProblemError.at("/mapping/columns", "mapping-headers-not-found", "no row among the first "
                    + rowsSearched + " has every header the mapping names: " + mapping.columns().values()));
        }
        errors.add(0, new ProblemError(null, 1L, null, "header-not-found", "no row among the first " + rowsSearched
                + " names an amount column and another payment field"));
        return CsvProblems.headerNotFound("No row among the first " + rowsSearched + " names an amount column and another "
                + "payment field. Known amount headers include " + String.join(", ", List.of("Amount", "Net Amount",
                        "Invoice Line Value (net of VAT)", "Amount in sterling", "Total (excludes VAT)"))
                + "; save a column mapping naming your headers and upload with ?mapping=<name>.", errors);
    }
}
