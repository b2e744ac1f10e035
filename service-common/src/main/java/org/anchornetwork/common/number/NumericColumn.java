package org.anchornetwork.common.number;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

import org.anchornetwork.common.problem.ProblemError;

/**
 * What a numeric field stores: the SQL column's {@code numeric(precision, scale)} and the range the service allows
 * within it. Every number a client sends is checked against it before anything is stored, and what is stored (the
 * value at the column's scale, e.g. {@code 100.00}) is what is answered: a value is never rounded, cut or echoed in
 * another form ({@code 1E+2}, {@code 100.000}).
 *
 * <p>Checks never write the number out: {@code 1e999999} and {@code 1e-999999} are refused by comparing exponents.
 *
 * @param precision   total digits the column holds
 * @param scale       digits after the point
 * @param minimum     the smallest value allowed, or null for the column's own lower bound
 * @param aboveMinimum whether the minimum itself is refused (e.g. a price must be more than 0)
 * @param maximum     the largest value allowed, or null for the column's own upper bound
 */
public record NumericColumn(int precision, int scale, BigDecimal minimum, boolean aboveMinimum, BigDecimal maximum) {

    public NumericColumn {
        if (precision < 1 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("numeric(" + precision + "," + scale + ") is not a column type");
        }
    }

    /** Any value {@code numeric(precision, scale)} holds, negative ones included (e.g. a credit note). */
    public static NumericColumn numeric(int precision, int scale) {
        return new NumericColumn(precision, scale, null, false, null);
    }

    /** The same column, 0 or more. */
    public NumericColumn notNegative() {
        return new NumericColumn(precision, scale, BigDecimal.ZERO, false, maximum);
    }

    /** The same column, more than 0. */
    public NumericColumn positive() {
        return new NumericColumn(precision, scale, BigDecimal.ZERO, true, maximum);
    }

    /** The same column, at most {@code maximum}. */
    public NumericColumn atMost(String maximum) {
        return new NumericColumn(precision, scale, minimum, aboveMinimum, new BigDecimal(maximum));
    }

    /** The same column, from {@code minimum} to {@code maximum}, both included. */
    public NumericColumn between(String minimum, String maximum) {
        return new NumericColumn(precision, scale, new BigDecimal(minimum), false, new BigDecimal(maximum));
    }

    /** The largest value allowed: the maximum, or the column's own (99999.99 for numeric(7,2)). */
    public BigDecimal largest() {
        BigDecimal columnMaximum = largestOfColumn();
        return maximum == null || maximum.compareTo(columnMaximum) > 0 ? columnMaximum : maximum;
    }

    /** The smallest value allowed: the minimum, or the column's own. */
    public BigDecimal smallest() {
        BigDecimal columnMinimum = largestOfColumn().negate();
        return minimum == null || minimum.compareTo(columnMinimum) < 0 ? columnMinimum : minimum;
    }

    private BigDecimal largestOfColumn() {
        return BigDecimal.TEN.pow(precision - scale).subtract(BigDecimal.ONE.movePointLeft(scale));
    }

    /** What is wrong with the value for this column (one error: the range first, then the decimals), if anything. */
    public Optional<ProblemError> problem(String pointer, BigDecimal value) {
        Optional<String[]> problem = problem(value);
        return problem.map(codeAndMessage -> ProblemError.at(pointer, codeAndMessage[0], codeAndMessage[1]));
    }

    /** Adds the value's error, if it has one, at {@code pointer}. A null value is not checked (required is another rule). */
    public void check(List<ProblemError> errors, String pointer, BigDecimal value) {
        if (value != null) {
            problem(pointer, value).ifPresent(errors::add);
        }
    }

    /** Whether the value fits: in range, with no more decimals than the column keeps. */
    public boolean accepts(BigDecimal value) {
        return problem(value).isEmpty();
    }

    /** {code, message} of what is wrong, if anything. */
    Optional<String[]> problem(BigDecimal value) {
        // compareTo looks at exponents before digits, so 1e999999 is compared without being written out.
        if (value.signum() < 0 && minimum != null && minimum.signum() == 0 && !aboveMinimum) {
            return Optional.of(new String[] { "negative-value", "must not be negative" });
        }
        if (aboveMinimum && value.compareTo(minimum) <= 0) {
            return Optional.of(new String[] { "out-of-range", "must be more than " + minimum.toPlainString() });
        }
        if (value.compareTo(smallest()) < 0) {
            return Optional.of(new String[] { "out-of-range", "must be at least " + smallest().toPlainString() });
        }
        if (value.compareTo(largest()) > 0) {
            return Optional.of(new String[] { "out-of-range", "must be at most " + largest().toPlainString() });
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > scale) {
            return Optional.of(new String[] { "too-many-decimals", scale == 0 ? "must be a whole number"
                    : "at most " + scale + " decimal place" + (scale == 1 ? "" : "s") });
        }
        return Optional.empty();
    }

    /**
     * The value as stored and answered: at the column's scale ({@code 100} and {@code 1E+2} become {@code 100.00}).
     * Only for a value the column accepts; it is never rounded.
     */
    public BigDecimal stored(BigDecimal acceptedValue) {
        return acceptedValue == null ? null : acceptedValue.setScale(scale, RoundingMode.UNNECESSARY);
    }

    /** The rule in words, for OpenAPI descriptions and messages, e.g. "from 0 to 100, at most 2 decimal places". */
    public String describe() {
        String range = aboveMinimum ? "more than " + minimum.toPlainString() + ", at most " + largest().toPlainString()
                : "from " + smallest().toPlainString() + " to " + largest().toPlainString();
        return range + (scale == 0 ? ", a whole number" : ", at most " + scale + " decimal place" + (scale == 1 ? "" : "s"));
    }
}
