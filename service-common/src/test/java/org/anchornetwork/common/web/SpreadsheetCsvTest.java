package org.anchornetwork.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class SpreadsheetCsvTest {

    @Test
    void textIsNeutralisedAndQuotedNumbersStayNumbers() {
        StringWriter out = new StringWriter();
        try (SpreadsheetCsv csv = SpreadsheetCsv.to(out, "name", "amount", "count", "date", "note")) {
            csv.row("=HYPERLINK(\"x\")", new BigDecimal("-12.50"), 3L, LocalDate.of(2026, 10, 14), null);
            csv.row("a;=1+1", new BigDecimal("1E+3"), -1, null, "\t=1");
        }
        assertEquals("""
                "name","amount","count","date","note"\r
                "'=HYPERLINK(""x"")",-12.50,3,"2026-10-14",""\r
                "a;=1+1",1000,-1,"","'\t=1"\r
                """, out.toString());
    }
}
