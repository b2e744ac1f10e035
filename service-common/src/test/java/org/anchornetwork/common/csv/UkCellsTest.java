package org.anchornetwork.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UkCellsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "£1,250.00|1250.00", "1250|1250", "(45.10)|-45.10", "45.10-|-45.10", "45.10 CR|-45.10", "-45.1|-45.1",
        "  £ 12 |12", "12.500|12.500", "0.00|0.00", "£1,250,000|1250000", ".5|0.5", "5.|5", "+3|3", "1 250.00|1250.00" })
    void amountsAsUkFinanceSystemsWriteThem(String text, String expected) {
        assertEquals(new BigDecimal(expected), UkCells.amount(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1.2.3", "£", "1,250.00 GBP", "1,00", "12,50", "1,2345", "--5", "£-", "()", "1e5", "" })
    void amountsThatAreNotAmountsAreRefusedQuotingTheCell(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UkCells.amount(text));
        assertEquals("'" + text + "' is not an amount in pounds", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "1250|1250", "1,250.5|1250.5", "-3|-3", "+3|3", "10000.0|10000.0",
        "1.2E+07|1.2E+07", "1e999999|1e999999", "-2.5e-3|-0.0025" })
    void plainNumbers(String text, String expected) {
        assertEquals(new BigDecimal(expected), UkCells.number(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "£3", "(3)", "3-", "1,00", "three", "1e99999999999", "1e", "e5" })
    void plainNumbersHaveNoCurrencyOrCredits(String text) {
        assertThrows(IllegalArgumentException.class, () -> UkCells.number(text));
    }

    @ParameterizedTest
    @CsvSource({ "2022-09-01,2022-09-01", "2022-09-01T00:00:00,2022-09-01", "2022-09-01 00:00:00,2022-09-01",
        "2019-03-26T00:00:00Z,2019-03-26", "2019-03-26T23:30:00+01:00,2019-03-26", "2019-03-26T10:15:00.123,2019-03-26",
        "01/09/2022,2022-09-01", "1/9/22,2022-09-01", "01-09-2022,2022-09-01", "01.09.2022,2022-09-01",
        "01-Sep-22,2022-09-01", "1-SEP-2022,2022-09-01", "1 September 2022,2022-09-01", "1 Sept 2022,2022-09-01",
        "01/09/2022 13:45,2022-09-01", "26/03/2001 00:00,2001-03-26", "26/03/2001 00:00:00,2001-03-26" })
    void datesInTheFormsInUseDayFirst(String text, LocalDate expected) {
        assertEquals(expected, UkCells.date(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "31/02/2022", "2022-13-01", "yesterday", "09/2022", "2022-09-01garbage", "2019-02-30T00:00:00Z",
        "1/9/022", "" })
    void impossibleOrUnknownDatesAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> UkCells.date(text));
    }
}
