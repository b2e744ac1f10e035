package org.anchornetwork.common.number;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;

/**
 * Numbers in query (and path) parameters, read exactly: a 400 naming the parameter when the text is not a number it
 * takes. Whole numbers are plain digits ({@code 1e3} and {@code 10.0} are not page sizes or version numbers), decimals
 * are checked against what they are compared with or stored as.
 */
public final class NumberParameters {

    private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,9})?");

    private NumberParameters() {
    }

    /** The whole number asked for, or null when absent; 400 unless it is written in digits and from min to max. */
    public static Integer wholeNumber(String name, String text, int min, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (DIGITS.matcher(stripped).matches()) {
            long value = Long.parseLong(stripped);
            if (value >= min && value <= max) {
                return (int) value;
            }
        }
        throw ApiProblemException.invalidParameter(name, "a whole number from " + min + " to " + max);
    }

    /** The decimal asked for (at the column's scale), or null when absent; 400 unless it is a number the column takes. */
    public static BigDecimal decimal(String name, String text, NumericColumn column) {
        List<ProblemError> errors = new ArrayList<>();
        BigDecimal value = decimal(name, text, column, errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParameters(name + ": " + errors.get(0).message(), errors);
        }
        return value;
    }

    /**
     * The decimal asked for (at the column's scale), or null when absent or not one the column takes; then the error,
     * naming the parameter, joins {@code errors} for one 400 listing every parameter in error.
     */
    public static BigDecimal decimal(String name, String text, NumericColumn column, List<ProblemError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() <= NumbersJson.MAX_NUMBER_LENGTH && DECIMAL.matcher(stripped).matches()) {
            BigDecimal value = new BigDecimal(stripped);
            if (column.accepts(value)) {
                return column.stored(value);
            }
        }
        errors.add(ProblemError.at(name, "invalid-value", "a number " + column.describe()));
        return null;
    }
}
