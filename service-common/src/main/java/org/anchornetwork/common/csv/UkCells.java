package org.anchornetwork.common.csv;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Numbers, amounts and dates as UK spreadsheets and finance systems write them. Each method returns the value or throws
 * {@link IllegalArgumentException} with a message for people (quoting the cell), never guessing: "1,00" is neither 1
 * nor 100, and 02/03/2026 is always the 2nd of March.
 */
public final class UkCells {

    /** What may follow an ISO date: a time, with seconds, fractions and an offset if given. */
    private static final Pattern ISO_TIME = Pattern.compile("([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)?)?");
    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?");
    private static final List<DateTimeFormatter> NAMED_MONTH_DATES = List.of(
            formatter("d-MMM-yy"), formatter("d-MMM-yyyy"), formatter("d MMM yyyy"), formatter("d MMMM yyyy"),
            formatter("d-MMMM-yyyy"), formatter("d MMM yy"), formatter("d/MMM/yyyy"));

    private UkCells() {
    }

    private static DateTimeFormatter formatter(String pattern) {
        // English month abbreviations as publishers write them ("Sep"); the UK locale's own data says "Sept".
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }

    /**
     * A plain number: "1250", "1,250.5", "-3", "+3"; thousands commas, when used, in every group; or in the scientific
     * notation spreadsheets write large and small numbers in ("1.2E+07"), which the caller's range and scale checks then
     * judge like any other. Exactly as written (its scale kept), never through a double.
     */
    public static BigDecimal number(String text) {
        String value = text.strip();
        boolean negative = false;
        if (value.startsWith("-") || value.startsWith("+")) {
            negative = value.charAt(0) == '-';
            value = value.substring(1);
        }
        if (SCIENTIFIC.matcher(value).matches()) {
            try {
                return signed(new BigDecimal(value), negative);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text.strip() + "' is not a number this field can hold");
            }
        }
        return signed(parseUnsigned(value, text, "a number"), negative);
    }

    private static final java.util.regex.Pattern SCIENTIFIC = java.util.regex.Pattern.compile("[0-9]*\\.?[0-9]+[eE][+-]?[0-9]{1,10}");

    /**
     * An amount in pounds: "£1,250.00", "1250", "-45.10", and credits as finance systems write them: "(45.10)",
     * "45.10-", "45.10 CR". Spaces (also between digits) and "£" are ignored; thousands commas, when used, must be in
     * every group. Exactly as written (its scale kept): the caller decides how many decimal places it allows.
     */
    public static BigDecimal amount(String text) {
        String value = text.strip();
        boolean negative = false;
        int length = value.length();
        if (length >= 2 && value.charAt(0) == '(' && value.charAt(length - 1) == ')') {
            negative = true;
            value = value.substring(1, length - 1);
        } else if (length >= 1 && value.charAt(length - 1) == '-') {
            negative = true;
            value = value.substring(0, length - 1);
        } else if (length >= 2 && value.regionMatches(true, length - 2, "CR", 0, 2)) {
            negative = true;
            value = value.substring(0, length - 2);
        }
        StringBuilder kept = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '£' || c == ' ' || c == '\u00a0') {
                continue;
            }
            if ((c == '-' || c == '+') && kept.length() == 0 && !negative) {
                negative = c == '-';
                continue;
            }
            kept.append(c);
        }
        return signed(parseUnsigned(kept, text, "an amount in pounds"), negative);
    }

    /** Digits, thousands commas (in every group of the whole part, or none), a decimal point: one pass, no regex. */
    private static BigDecimal parseUnsigned(CharSequence value, String text, String what) {
        StringBuilder digits = new StringBuilder(value.length());
        boolean point = false;
        boolean grouped = false;
        int group = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                group++;
            } else if (c == ',' && !point && (grouped ? group == 3 : group >= 1 && group <= 3)) {
                grouped = true;
                group = 0;
            } else if (c == '.' && !point && (!grouped || group == 3)) {
                point = true;
                digits.append('.');
            } else {
                throw new IllegalArgumentException("'" + text + "' is not " + what);
            }
        }
        boolean noDigits = digits.length() == (point ? 1 : 0);
        if (noDigits || (grouped && !point && group != 3)) {
            throw new IllegalArgumentException("'" + text + "' is not " + what);
        }
        return new BigDecimal(digits.toString());
    }

    private static BigDecimal signed(BigDecimal value, boolean negative) {
        return negative ? value.negate() : value;
    }

    /**
     * A date as UK publishers write it: 2022-09-01 (also with a time and offset: 2019-03-26T00:00:00Z, whose own
     * calendar date is taken), 01/09/2022, 1/9/22, 01-09-2022, 01.09.2022 (day first, with or without a time after a
     * space), 01-Sep-22, 1 September 2022.
     */
    public static LocalDate date(String text) {
        String value = text.strip();
        try {
            if (value.length() >= 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
                if (value.length() > 10 && !ISO_TIME.matcher(value.substring(10)).matches()) {
                    throw new IllegalArgumentException(notADate(text));
                }
                return LocalDate.parse(value.substring(0, 10));
            }
            String dateOnly = value;
            int space = value.lastIndexOf(' ');
            if (space > 0 && CLOCK.matcher(value.substring(space + 1)).matches()) {
                dateOnly = value.substring(0, space).strip();
            }
            LocalDate numeric = dayMonthYear(dateOnly);
            if (numeric != null) {
                return numeric;
            }
            String named = dateOnly.replaceFirst("(?i)sept\\b", "Sep");
            for (DateTimeFormatter formatter : NAMED_MONTH_DATES) {
                try {
                    return LocalDate.parse(named, formatter);
                } catch (DateTimeParseException e) {
                    // try the next form
                }
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date");
        }
        throw new IllegalArgumentException(notADate(text));
    }

    private static String notADate(String text) {
        return "'" + text + "' is not a date as yyyy-MM-dd, dd/MM/yyyy or dd-MMM-yy";
    }

    /** dd/MM/yyyy, d/M/yy, dd-MM-yyyy, dd.MM.yyyy (UK order: day first). */
    private static LocalDate dayMonthYear(String date) {
        String[] parts = date.split("[/.\\-]");
        if (parts.length != 3 || !isDigits(parts[0], 2) || !isDigits(parts[1], 2) || !isDigits(parts[2], 4)) {
            return null;
        }
        int year = Integer.parseInt(parts[2]);
        if (parts[2].length() == 2) {
            year += 2000;
        } else if (parts[2].length() != 4) {
            return null;
        }
        return LocalDate.of(year, Integer.parseInt(parts[1]), Integer.parseInt(parts[0]));
    }

    private static boolean isDigits(String text, int maxLength) {
        if (text.isEmpty() || text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
