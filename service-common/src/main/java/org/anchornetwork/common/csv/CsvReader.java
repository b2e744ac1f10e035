package org.anchornetwork.common.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.text.ControlCharacters;
import org.anchornetwork.common.web.SpreadsheetCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one way the services read an uploaded CSV file, row by row as it streams in (a million-row spend file is never
 * held in memory):
 * <ul>
 * <li><b>Decoding.</b> A charset named in Content-Type is held to strictly: a byte that is not valid in it is never
 * replaced, it is an {@code invalid-encoding} error at its row and column. Without one, UTF-8 is read, and any byte
 * that is not part of valid UTF-8 is taken as Windows-1252 (what UK spreadsheets save as "CSV"). A byte order mark
 * is skipped either way.</li>
 * <li><b>Text only.</b> A cell may hold tab and line breaks (inside quotes), no other C0 control character (NUL,
 * U+0001 to U+001F) nor DEL: {@code control-character} at its row and column. C1 controls are kept: real files hold
 * them where Windows-1252 punctuation was mis-converted.</li>
 * <li><b>Refusal.</b> The first row with such a cell, or a quote left open, stops the file: the reader goes on
 * looking for more (up to {@value #MAX_ERRORS}) without handing out further rows, then throws
 * {@link CsvProblems#UNREADABLE} (422) listing them. The caller's transaction stores nothing.</li>
 * <li><b>Header.</b> {@link #header()} takes the first non-blank row; {@link #peek} and {@link #headerAt} let a
 * reader choose it among the first rows (spend files have title lines above it). Rows after it come from
 * {@link #next()}, each knowing the header, so that {@link CsvRow#error} names the column.</li>
 * </ul>
 * Rows are CSV records numbered from 1 as a spreadsheet shows them; blank lines are rows too.
 */
public final class CsvReader implements AutoCloseable, Iterator<CsvRow> {

    /** Most text problems listed before the file is refused. */
    public static final int MAX_ERRORS = 100;
    /** How many rows {@link #header()} looks through for a non-blank one. */
    public static final int ROWS_SEARCHED = 50;

    /** Stands for a byte the declared charset cannot decode; a noncharacter, so no text legitimately holds it. */
    private static final char UNDECODABLE = '\uFFFF';
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Supplier<String> encoding;
    private final Deque<CsvRow> peeked = new ArrayDeque<>();
    private CsvHeader header;

    private CsvReader(Reader reader, Supplier<String> encoding) {
        this.encoding = encoding;
        try {
            this.parser = FORMAT.parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.records = parser.iterator();
    }

    /**
     * Opens a body sent with this Content-Type: its charset if it names one (400 for an unknown charset), otherwise
     * UTF-8 with Windows-1252 for bytes that are not UTF-8.
     */
    public static CsvReader open(InputStream in, String contentType) {
        return open(in, SpreadsheetCells.declaredCharset(contentType).orElse(null));
    }

    /** Opens a stream in a charset, or (null) UTF-8 with Windows-1252 for bytes that are not UTF-8. */
    public static CsvReader open(InputStream in, Charset declared) {
        if (declared == null) {
            Utf8OrWindows1252Reader lenient = new Utf8OrWindows1252Reader(in);
            return new CsvReader(lenient, lenient::encodingFound);
        }
        CharsetDecoder decoder = declared.newDecoder();
        try {
            decoder.onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith(String.valueOf(UNDECODABLE));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // a charset whose decoder cannot take this replacement reports bad bytes by row instead
            decoder = declared.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        String name = declared.name();
        return new CsvReader(new ByteOrderMarkSkipped(new InputStreamReader(in, decoder)), () -> name);
    }

    /** The charset the file was read in: the declared one, or what the bytes turned out to be ("UTF-8 with BOM"). */
    public String encoding() {
        return encoding.get();
    }

    /** The header, once taken. */
    public CsvHeader currentHeader() {
        return header;
    }

    /** The next {@code count} rows (fewer at the end of the file), read ahead: {@link #next()} still returns them. */
    public List<CsvRow> peek(int count) {
        while (peeked.size() < count) {
            CsvRow row = read();
            if (row == null) {
                break;
            }
            peeked.addLast(row);
        }
        return peeked.stream().limit(count).toList();
    }

    /** Takes the {@code index}-th of the rows ahead (as {@link #peek} gives them) as the header; rows above it are dropped. */
    public CsvHeader headerAt(int index) {
        peek(index + 1);
        if (index >= peeked.size()) {
            throw new IllegalArgumentException("no row " + index + " ahead");
        }
        for (int i = 0; i < index; i++) {
            peeked.removeFirst();
        }
        CsvRow row = peeked.removeFirst();
        header = new CsvHeader(row.number(), row.cells());
        List<CsvRow> under = peeked.stream().map(ahead -> ahead.under(header)).toList();
        peeked.clear();
        peeked.addAll(under);
        return header;
    }

    /** Takes the first non-blank row (among the first {@value #ROWS_SEARCHED}) as the header; none is {@code csv-header}. */
    public CsvHeader header() {
        List<CsvRow> first = peek(ROWS_SEARCHED);
        for (int i = 0; i < first.size(); i++) {
            if (!first.get(i).isBlank()) {
                return headerAt(i);
            }
        }
        throw CsvProblems.headerNotFound(first.isEmpty() ? "The file is empty: its first row names the columns."
                : "The first " + first.size() + " rows are blank: the first row names the columns.",
                List.of(new ProblemError(null, 1L, null, "header-not-found", "no header row")));
    }

    @Override
    public boolean hasNext() {
        if (peeked.isEmpty()) {
            CsvRow row = read();
            if (row != null) {
                peeked.addLast(row);
            }
        }
        return !peeked.isEmpty();
    }

    /** The next row (below the header, once it is taken). */
    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return peeked.removeFirst();
    }

    /** The next row from the parser, checked; null at the end. Throws once a row is not text. */
    private CsvRow read() {
        CSVRecord record = fetch(new ArrayList<>());
        if (record == null) {
            return null;
        }
        if (!isText(record)) {
            List<ProblemError> errors = new ArrayList<>();
            check(record, errors);
            refuse(errors);
        }
        return new CsvRow(record.getRecordNumber(), Arrays.asList(record.values()), header);
    }

    /** Collects the problems of the rest of the file (up to the limit) and throws. */
    private void refuse(List<ProblemError> errors) {
        while (errors.size() < MAX_ERRORS) {
            CSVRecord record = fetch(errors);
            if (record == null) {
                break;
            }
            check(record, errors);
        }
        boolean more = errors.size() >= MAX_ERRORS;
        throw CsvProblems.unreadable(encoding(), errors.subList(0, Math.min(errors.size(), MAX_ERRORS)), more);
    }

    private CSVRecord fetch(List<ProblemError> errors) {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            long row = parser.getRecordNumber() + 1;
            Throwable cause = e.getCause() == null ? e : e.getCause();
            boolean encodingFault = cause instanceof CharacterCodingException || cause.getCause() instanceof CharacterCodingException;
            errors.add(encodingFault
                    ? new ProblemError(null, row, null, "invalid-encoding", "bytes that are not valid " + encoding())
                    : new ProblemError(null, row, null, "malformed-csv", String.valueOf(cause.getMessage()).contains("EOF")
                            ? "a quoted cell is not closed before the end of the file"
                            : "a closing quote is followed by other text than a comma or the end of the line"));
            throw CsvProblems.unreadable(encoding(), errors.subList(0, Math.min(errors.size(), MAX_ERRORS)),
                    errors.size() > MAX_ERRORS);
        }
    }

    /** The fast path, run on every cell of every row: no character at or below U+001F, none from DEL up, or only allowed ones. */
    private static boolean isText(CSVRecord record) {
        for (String cell : record.values()) {
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                if ((c < 0x20 || c >= 0x7f) && (c == UNDECODABLE || ControlCharacters.isRefusedInText(c))) {
                    return false;
                }
            }
        }
        return true;
    }

    private void check(CSVRecord record, List<ProblemError> errors) {
        for (int column = 0; column < record.size() && errors.size() < MAX_ERRORS; column++) {
            String cell = record.get(column);
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                if (c == UNDECODABLE) {
                    errors.add(ProblemError.atCell(record.getRecordNumber(), column + 1, "invalid-encoding",
                            "bytes that are not valid " + encoding()));
                    break;
                }
                if (ControlCharacters.isRefusedInText(c)) {
                    errors.add(ProblemError.atCell(record.getRecordNumber(), column + 1, "control-character",
                            "the control character " + ControlCharacters.describe(c) + "; a cell may hold tab and line "
                                    + "breaks, no other control character"));
                    break;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // the request body is closed by the server in any case
        }
    }

    /** Drops a byte order mark the decoder leaves in (Java's UTF-8 decoder keeps it as U+FEFF). */
    private static final class ByteOrderMarkSkipped extends Reader {
        private final Reader in;
        private boolean started;

        ByteOrderMarkSkipped(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] target, int offset, int length) throws IOException {
            int read = in.read(target, offset, length);
            if (!started && read > 0) {
                started = true;
                if (target[offset] == '\uFEFF') {
                    System.arraycopy(target, offset + 1, target, offset, read - 1);
                    return read == 1 ? read(target, offset, length) : read - 1;
                }
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
