package org.anchornetwork.spend.ingest.csv;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.anchornetwork.spend.payment.Payment;

/**
 * Reads the values of spend files as councils and trusts write them. Every method returns empty (or throws
 * {@link IllegalArgumentException} with a message for people) rather than guess.
 */
final class CellParsers {

    static final BigDecimal LARGEST_AMOUNT = new BigDecimal("999999999999.99");

    /** Names that stand for a withheld payee, not a supplier called that (so "PLACES FOR PEOPLE INDIVIDUAL SUPPORT" is a name). */
    private static final Pattern REDACTED = Pattern.compile("(?i)^\\W*(redacted|withheld)\\b.*"
            + "|.*\\b(redacted|withheld)\\W*$|.*\\bpersonal (data|information)\\b.*"
            + "|^\\W*(private )?individuals?\\W*$|^\\W*data protection\\W*$");

    private static final List<DateTimeFormatter> NAMED_MONTH_DATES = List.of(
            formatter("d-MMM-yy"), formatter("d-MMM-yyyy"), formatter("d MMM yyyy"), formatter("d MMMM yyyy"),
            formatter("d-MMMM-yyyy"), formatter("d MMM yy"), formatter("d/MMM/yyyy"));

    private CellParsers() {
    }

    private static DateTimeFormatter formatter(String pattern) {
        // English month abbreviations as publishers write them ("Sep"); the UK locale's own data says "Sept".
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }

    /**
     * An amount in pounds: "£1,250.00", "1250", "(45.10)" and "45.10-" (credits), "-45.10". At most two decimal places
     * unless the rest are zeros.
     */
    static BigDecimal amount(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        boolean negative = false;
        String value = text.strip();
        if (value.startsWith("(") && value.endsWith(")")) {
            negative = true;
            value = value.substring(1, value.length() - 1);
        } else if (value.endsWith("-")) {
            negative = true;
            value = value.substring(0, value.length() - 1);
        } else if (value.toUpperCase(Locale.ROOT).endsWith("CR")) {
            negative = true;
            value = value.substring(0, value.length() - 2);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '£' || c == ' ' || c == '\u00a0') {
                continue;
            }
            if (c == '-' && digits.length() == 0 && !negative) {
                negative = true;
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '.') {
                digits.append(c);
                continue;
            }
            throw new IllegalArgumentException("'" + text + "' is not an amount in pounds");
        }
        if (digits.length() == 0 || digits.indexOf(".") != digits.lastIndexOf(".") || digits.toString().equals(".")) {
            throw new IllegalArgumentException("'" + text + "' is not an amount in pounds");
        }
        BigDecimal amount = new BigDecimal(digits.toString());
        if (amount.scale() > 2) {
            BigDecimal trimmed = amount.stripTrailingZeros();
            if (trimmed.scale() > 2) {
                throw new IllegalArgumentException("'" + text + "' has more than 2 decimal places");
            }
            amount = trimmed;
        }
        amount = amount.setScale(2);
        if (amount.compareTo(LARGEST_AMOUNT) > 0) {
            throw new IllegalArgumentException("'" + text + "' is larger than any payment this network records");
        }
        return negative ? amount.negate() : amount;
    }

    /** A date as publishers write it: 2022-09-01 (with or without a time), 01/09/2022, 1/9/22, 01-Sep-22, 1 September 2022. */
    static LocalDate date(String text) {
        String value = text.strip();
        try {
            if (value.length() >= 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
                return LocalDate.parse(value.substring(0, 10));
            }
            LocalDate numeric = dayMonthYear(value);
            if (numeric != null) {
                return numeric;
            }
            String dateOnly = (value.contains(" ") && value.matches(".*\\d{1,2}:\\d{2}(:\\d{2})?$")
                    ? value.substring(0, value.lastIndexOf(' ')).strip() : value).replaceFirst("(?i)sept\\b", "Sep");
            for (DateTimeFormatter formatter : NAMED_MONTH_DATES) {
                try {
                    return LocalDate.parse(dateOnly, formatter);
                } catch (DateTimeParseException e) {
                    // try the next form
                }
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date");
        }
        throw new IllegalArgumentException("'" + text + "' is not a date as yyyy-MM-dd, dd/MM/yyyy or dd-MMM-yy");
    }

    /** dd/MM/yyyy, d/M/yy, dd-MM-yyyy, dd.MM.yyyy (UK order: day first), with an optional time after a space. */
    private static LocalDate dayMonthYear(String value) {
        String date = value.indexOf(' ') > 0 ? value.substring(0, value.indexOf(' ')) : value;
        String[] parts = date.split("[/.\\-]");
        if (parts.length != 3 || !isDigits(parts[0]) || !isDigits(parts[1]) || !isDigits(parts[2])) {
            return null;
        }
        int day = Integer.parseInt(parts[0]);
        int month = Integer.parseInt(parts[1]);
        int year = Integer.parseInt(parts[2]);
        if (parts[2].length() == 2) {
            year += 2000;
        } else if (parts[2].length() != 4) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty() || text.length() > 4) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A month period: 202205, 2022-05, 2022/05, May-22, May 2022; read as a financial-year period when told so. */
    static YearMonth period(String text, MappingDefinition.PeriodKind kind) {
        String value = text.strip();
        int year;
        int number;
        if (value.matches("\\d{6}")) {
            year = Integer.parseInt(value.substring(0, 4));
            number = Integer.parseInt(value.substring(4));
        } else if (value.matches("\\d{4}[-/]\\d{1,2}")) {
            year = Integer.parseInt(value.substring(0, 4));
            number = Integer.parseInt(value.substring(5));
        } else {
            String[] words = value.split("[\\s\\-/]+");
            Optional<YearMonth> named = words.length == 2 ? monthNamed(words[0], words[1]) : Optional.empty();
            return named.orElseThrow(() -> new IllegalArgumentException(
                    "'" + text + "' is not a month period such as 202205, 2022-05 or May-22"));
        }
        if (kind == MappingDefinition.PeriodKind.FINANCIAL_YEAR_PERIOD) {
            if (number < 1 || number > 16) {
                throw new IllegalArgumentException("'" + text + "' is not a financial period (01 to 12, or 13 to 16 for year-end adjustments)");
            }
            // Period 1 is April; 13 and later are year-end adjustments, dated to March.
            return YearMonth.of(year, Month.APRIL).plusMonths(Math.min(number, 12) - 1L);
        }
        if (number < 1 || number > 12) {
            throw new IllegalArgumentException("'" + text + "' is not a month period such as 202205");
        }
        return YearMonth.of(year, number);
    }

    /** "Mar" or "March" with "17" or "2017". */
    static Optional<YearMonth> monthNamed(String monthName, String yearText) {
        String name = monthName.toLowerCase(Locale.ROOT);
        if (name.length() < 3 || !yearText.matches("'?\\d{2}|\\d{4}")) {
            return Optional.empty();
        }
        for (Month month : Month.values()) {
            String full = month.name().toLowerCase(Locale.ROOT);
            if (full.startsWith(name) || (name.equals("sept") && month == Month.SEPTEMBER)) {
                int year = Integer.parseInt(yearText.replace("'", ""));
                return Optional.of(YearMonth.of(year < 100 ? 2000 + year : year, month));
            }
        }
        return Optional.empty();
    }

    static Payment.CapitalOrRevenue capitalOrRevenue(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return null;
        }
        if (value.startsWith("cap") || value.equals("c")) {
            return Payment.CapitalOrRevenue.CAPITAL;
        }
        if (value.startsWith("rev") || value.equals("r")) {
            return Payment.CapitalOrRevenue.REVENUE;
        }
        throw new IllegalArgumentException("'" + text + "' is neither capital nor revenue");
    }

    /** Whether a supplier cell withholds the payee's name ("Redacted Personal Data", "REDACTED - Personal Information"). */
    static boolean isRedactedName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean mayBe = lower.contains("redact") || lower.contains("withheld") || lower.contains("personal")
                || lower.contains("individual") || lower.contains("data protection");
        return mayBe && REDACTED.matcher(name).matches();
    }
}
