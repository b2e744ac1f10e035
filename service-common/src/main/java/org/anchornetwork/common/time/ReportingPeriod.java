package org.anchornetwork.common.time;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A UK financial year ({@code 2025-26}: 1 April 2025 to 31 March 2026) or one of its quarters ({@code 2025-26-Q1}:
 * April to June), the periods reports and analyses are given for (DESIGN.md §2).
 *
 * @param name the period as written, e.g. {@code 2025-26-Q3}
 * @param from first day
 * @param to   last day
 */
public record ReportingPeriod(String name, LocalDate from, LocalDate to) {

    private static final Pattern FORM = Pattern.compile("(\\d{4})-(\\d{2})(?:-Q([1-4]))?");

    /** The financial year or quarter written as {@code 2025-26} or {@code 2025-26-Q1}; empty when it is neither. */
    public static Optional<ReportingPeriod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int startYear = Integer.parseInt(matcher.group(1));
        if (Integer.parseInt(matcher.group(2)) != (startYear + 1) % 100) {
            return Optional.empty();
        }
        LocalDate yearStart = LocalDate.of(startYear, 4, 1);
        if (matcher.group(3) == null) {
            return Optional.of(new ReportingPeriod(matcher.group(), yearStart, yearStart.plusYears(1).minusDays(1)));
        }
        LocalDate quarterStart = yearStart.plusMonths(3L * (Integer.parseInt(matcher.group(3)) - 1));
        return Optional.of(new ReportingPeriod(matcher.group(), quarterStart, quarterStart.plusMonths(3).minusDays(1)));
    }

    /** The financial year a date falls in. */
    public static ReportingPeriod financialYearOf(LocalDate date) {
        LocalDate start = financialYearStart(date);
        return new ReportingPeriod(financialYearName(start), start, start.plusYears(1).minusDays(1));
    }

    /** 1 April of the financial year the date falls in. */
    public static LocalDate financialYearStart(LocalDate date) {
        return LocalDate.of(date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1, 4, 1);
    }

    /** "2025-26" for the financial year starting 1 April 2025. */
    public static String financialYearName(LocalDate start) {
        return start.getYear() + "-" + String.format("%02d", (start.getYear() + 1) % 100);
    }

    public boolean isFinancialYear() {
        return !name.contains("Q");
    }

    /** The financial year this period is, or lies in. */
    public ReportingPeriod financialYear() {
        return financialYearOf(from);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
