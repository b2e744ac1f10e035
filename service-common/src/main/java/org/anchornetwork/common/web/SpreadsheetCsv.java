package org.anchornetwork.common.web;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Every CSV the services write: RFC 4180, a header row, and each cell made safe for spreadsheets. Text goes through
 * {@link SpreadsheetCells#neutralise} and is always quoted, so neither a formula start nor a separator of another locale
 * (";") can make a spreadsheet run it; numbers ({@link BigDecimal} as plain digits, other {@link Number}s) stay numbers,
 * so a credit of -959.84 stays -959.84; null is an empty cell; anything else (dates, enums, booleans) is written as its
 * text, neutralised like any text.
 */
public final class SpreadsheetCsv implements Closeable, Flushable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.NON_NUMERIC).get();

    private final CSVPrinter printer;

    private SpreadsheetCsv(Appendable out, String... header) {
        try {
            this.printer = new CSVPrinter(out, FORMAT);
            printer.printRecord(Arrays.stream(header).map(SpreadsheetCells::neutralise).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV with this header row. */
    public static SpreadsheetCsv to(Appendable out, String... header) {
        return new SpreadsheetCsv(out, header);
    }

    /** One row; each value becomes a safe cell. */
    public SpreadsheetCsv row(Object... values) {
        return row(Arrays.asList(values));
    }

    /** One row; each value becomes a safe cell. */
    public SpreadsheetCsv row(Iterable<?> values) {
        List<Object> cells = new ArrayList<>();
        values.forEach(value -> cells.add(cell(value)));
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The cell a value becomes: numbers as numbers (not quoted), everything else as neutralised text. */
    static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return new PlainNumber(decimal.toPlainString());
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            return new PlainNumber(value.toString());
        }
        if (value instanceof Double || value instanceof Float) {
            return new PlainNumber(new BigDecimal(value.toString()).toPlainString());
        }
        return SpreadsheetCells.neutralise(value.toString());
    }

    /** A number: commons-csv quotes only what is not a {@link Number} in {@link QuoteMode#NON_NUMERIC}. */
    private static final class PlainNumber extends Number {
        private final String digits;

        PlainNumber(String digits) {
            this.digits = digits;
        }

        @Override
        public String toString() {
            return digits;
        }

        @Override
        public int intValue() {
            return new BigDecimal(digits).intValue();
        }

        @Override
        public long longValue() {
            return new BigDecimal(digits).longValue();
        }

        @Override
        public float floatValue() {
            return new BigDecimal(digits).floatValue();
        }

        @Override
        public double doubleValue() {
            return new BigDecimal(digits).doubleValue();
        }
    }

    @Override
    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes and closes the underlying writer. */
    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
