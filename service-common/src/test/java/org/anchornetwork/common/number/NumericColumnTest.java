package org.anchornetwork.common.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NumericColumnTest {

    private static final NumericColumn MONEY = NumericColumn.numeric(18, 2).notNegative();
    private static final NumericColumn PERCENT = NumericColumn.numeric(5, 2).between("0", "100");
    private static final NumericColumn PRICE = NumericColumn.numeric(18, 2).positive();

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
            "1e20, MONEY, out-of-range", "1e999999, MONEY, out-of-range", "1e-999999, MONEY, too-many-decimals",
            "-1, MONEY, negative-value", "0.001, MONEY, too-many-decimals", "-1e999999, MONEY, negative-value",
            "1e2147483647, MONEY, out-of-range", "1e-2147483647, MONEY, too-many-decimals",
            "9999999999999999.99, MONEY, ", "10000000000000000, MONEY, out-of-range", "100.000, MONEY, ", "1E+2, MONEY, ",
            "100.01, PERCENT, out-of-range", "100.00, PERCENT, ", "-0.01, PERCENT, negative-value", "0, PRICE, out-of-range",
            "0.01, PRICE, ", "-1, PRICE, out-of-range" })
    void valuesAreCheckedAgainstTheColumnWithoutBeingWrittenOut(String value, String column, String code) {
        NumericColumn rule = switch (column) {
            case "MONEY" -> MONEY;
            case "PERCENT" -> PERCENT;
            default -> PRICE;
        };
        List<ProblemError> errors = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofMillis(200), () -> rule.check(errors, "/amount", new BigDecimal(value)));
        assertEquals(code == null ? List.of() : List.of(code), errors.stream().map(ProblemError::code).toList());
        errors.forEach(error -> assertEquals("/amount", error.pointer()));
    }

    @Test
    void whatIsStoredIsTheValueAtTheColumnsScaleNeverRounded() {
        assertEquals("100.00", MONEY.stored(new BigDecimal("1E+2")).toString());
        assertEquals("100.00", MONEY.stored(new BigDecimal("100.000")).toString());
        assertThrows(ArithmeticException.class, () -> MONEY.stored(new BigDecimal("0.001")));
        assertEquals("from 0 to 100, at most 2 decimal places", PERCENT.describe());
        assertEquals("9999999999999999.99", MONEY.largest().toPlainString());
    }

    @Test
    void queryParametersAreReadExactlyOrRefusedNamingTheParameter() {
        assertEquals(12, NumberParameters.wholeNumber("top", " 12 ", 1, 100));
        assertEquals(null, NumberParameters.wholeNumber("top", null, 1, 100));
        for (String bad : List.of("1e3", "10.0", "99999999999", "0", "-1", "x", "9".repeat(40))) {
            ApiProblemException problem = assertThrows(ApiProblemException.class,
                    () -> NumberParameters.wholeNumber("top", bad, 1, 100), bad);
            assertEquals(400, problem.problem().status());
            assertEquals("top", problem.problem().errors().get(0).pointer());
        }
        assertEquals("12.50", NumberParameters.decimal("percent", "12.5", PERCENT).toString());
        for (String bad : List.of("1e999999", "1e-999999", "100.001", "NaN", "Infinity", "0x10", "1" + "0".repeat(2000))) {
            ApiProblemException problem = assertThrows(ApiProblemException.class,
                    () -> NumberParameters.decimal("percent", bad, PERCENT), bad);
            assertEquals(400, problem.problem().status());
            assertTrue(problem.problem().errors().get(0).message().contains("from 0 to 100"));
        }
    }
}
