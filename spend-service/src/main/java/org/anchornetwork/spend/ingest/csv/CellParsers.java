package org.anchornetwork.spend.ingest.csv;

import java.math.BigDecimal;
import java.time.Month;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.anchornetwork.common.csv.UkCells;
import org.anchornetwork.spend.payment.Payment;

/**
 * Reads the values of spend files as councils and trusts write them: amounts and dates as every CSV reader of the
 * network does ({@link UkCells}), with the spend file's own rules (pennies, the largest payment), month periods, capital
 * or revenue, withheld names. Every method returns empty (or throws {@link IllegalArgumentException} with a message for
 * people) rather than guess.
 */
final class CellParsers {

    static final BigDecimal LARGEST_AMOUNT = new BigDecimal("999999999999.99");

    /** Names that stand for a withheld payee, not a supplier called that (so "PLACES FOR PEOPLE INDIVIDUAL SUPPORT" is a name). */
    private static final Pattern REDACTED = Pattern.compile("(?i)^\\W*(redacted|withheld)\\b.*"
            + "|.*\\b(redacted|withheld)\\W*$|.*\\bpersonal (data|information)\\b.*"
            + "|^\\W*(private )?individuals?\\W*$|^\\W*data protection\\W*$");

    private CellParsers() {
    }

    /**
     * An amount in pounds as {@link UkCells#amount} reads it ("£1,250.00", "(45.10)", "45.10-"), to the penny: at most
     * two decimal places unless the rest are zeros, and no larger than any payment this network records.
     */
    static BigDecimal amount(String text) {
        BigDecimal amount = UkCells.amount(text);
        if (amount.scale() > 2) {
            BigDecimal trimmed = amount.stripTrailingZeros();
            if (trimmed.scale() > 2) {
                throw new IllegalArgumentException("'" + text + "' has more than 2 decimal places");
            }
            amount = trimmed;
        }
        amount = amount.setScale(2);
        if (amount.abs().compareTo(LARGEST_AMOUNT) > 0) {
            throw new IllegalArgumentException("'" + text + "' is larger than any payment this network records");
        }
        return amount;
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
