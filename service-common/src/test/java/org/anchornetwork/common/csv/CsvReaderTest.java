package org.anchornetwork.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Problem;
import org.anchornetwork.common.problem.ProblemError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one CSV reader: decoding as declared, byte order marks, text only, header rows, columns and cell errors. */
class CsvReaderTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    private static byte[] utf8(String text) {
        return bytes(text, StandardCharsets.UTF_8);
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Every row below the first non-blank one, cells as values. */
    private static List<List<String>> rows(byte[] file, String contentType) {
        try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(file), contentType)) {
            CsvHeader header = csv.header();
            List<List<String>> rows = new ArrayList<>();
            rows.add(header.names());
            while (csv.hasNext()) {
                CsvRow row = csv.next();
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    cells.add(row.cell(i));
                }
                rows.add(cells);
            }
            return rows;
        }
    }

    private static Problem refused(byte[] file, String contentType) {
        return assertThrows(ApiProblemException.class, () -> rows(file, contentType)).problem();
    }

    private static String describe(ProblemError error) {
        return error.row() + ":" + error.column() + " " + error.code();
    }

    // ------------------------------------------------------------------------------------------ decoding

    @Test
    void withoutADeclaredCharsetUtf8AndWindows1252AreBothRead() {
        String text = "Name,Note\nCafé Ltd,£ for tea\n";
        assertEquals(List.of("Café Ltd", "£ for tea"), rows(utf8(text), "text/csv").get(1));
        assertEquals(List.of("Café Ltd", "£ for tea"), rows(bytes(text, WINDOWS_1252), "text/csv").get(1));
        try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(bytes(text, WINDOWS_1252)), (String) null)) {
            csv.header();
            csv.next();
            assertEquals("windows-1252", csv.encoding());
        }
    }

    @Test
    void aDeclaredCharsetIsReadAsDeclared() {
        String text = "Name,Note\nCafé Ltd,£ for tea\n";
        assertEquals(List.of("Café Ltd", "£ for tea"), rows(bytes(text, WINDOWS_1252), "text/csv; charset=windows-1252").get(1));
        assertEquals(List.of("Café Ltd", "£ for tea"), rows(bytes(text, StandardCharsets.UTF_16), "text/csv; charset=UTF-16").get(1));
    }

    @Test
    void bytesNotValidInTheDeclaredCharsetAreRefusedAtTheirRowAndColumnNeverReplaced() {
        byte[] file = join(utf8("Name,Note\nGood,ok\nA Ltd,Caf"), new byte[] { (byte) 0xE9 }, utf8("\nB Ltd,fine\n"),
                utf8("C Ltd,x"), new byte[] { (byte) 0xC3, 0x28 }, utf8("\n"));
        Problem problem = refused(file, "text/csv; charset=UTF-8");
        assertEquals(422, problem.status());
        assertEquals(Problem.TYPE_BASE + CsvProblems.UNREADABLE, problem.type());
        assertEquals(List.of("3:2 invalid-encoding", "5:2 invalid-encoding"), problem.errors().stream().map(CsvReaderTest::describe).toList());
        assertTrue(problem.errors().get(0).message().contains("UTF-8"), problem.errors().get(0).message());
        assertFalse(problem.detail().contains("Exception"), problem.detail());
    }

    @Test
    void anUnknownCharsetIsABadRequest() {
        ApiProblemException e = assertThrows(ApiProblemException.class,
                () -> CsvReader.open(new ByteArrayInputStream(utf8("a\n")), "text/csv; charset=klingon"));
        assertEquals(400, e.problem().status());
    }

    @Test
    void aByteOrderMarkIsSkippedDeclaredOrNot() {
        byte[] file = join(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, utf8("Name,Note\nA,b\n"));
        assertEquals(List.of("Name", "Note"), rows(file, "text/csv").get(0));
        assertEquals(List.of("Name", "Note"), rows(file, "text/csv; charset=utf-8").get(0));
    }

    // ------------------------------------------------------------------------------------------ text only

    @ParameterizedTest
    @ValueSource(chars = { '\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F', '\u007F' })
    void controlCharactersInACellAreRefusedAtTheirRowAndColumn(char control) {
        Problem problem = refused(utf8("Name,Note\nA Ltd,fine\nB Ltd,bad" + control + "cell\n"), "text/csv");
        assertEquals(Problem.TYPE_BASE + CsvProblems.UNREADABLE, problem.type());
        assertEquals(List.of("3:2 control-character"), problem.errors().stream().map(CsvReaderTest::describe).toList());
    }

    @Test
    void c1ControlsAreKeptAsRealFilesHoldThem() {
        // North Tyneside's file is UTF-8 holding U+0092 where a Windows-1252 apostrophe was mis-converted.
        assertEquals(List.of("Children\u0092s services"), rows(utf8("Name\nChildren\u0092s services\n"), "text/csv").get(1));
        assertEquals(List.of("A\u0081"), rows(join(utf8("Name\nA"), new byte[] { (byte) 0x81 }, utf8("\n")), "text/csv").get(1));
    }

    @Test
    void tabsAndLineBreaksInQuotedCellsAreText() {
        List<List<String>> rows = rows(utf8("Name,Note\r\n\"A\tLtd\",\"two\r\nlines\"\r\nB Ltd,after\r\n"), "text/csv");
        assertEquals(List.of("A\tLtd", "two\r\nlines"), rows.get(1));
        assertEquals(List.of("B Ltd", "after"), rows.get(2));
    }

    @Test
    void everyUnreadableRowIsListedUpToTheLimitAndNoFurtherRowIsHandedOut() {
        StringBuilder file = new StringBuilder("Name\n");
        for (int i = 0; i < 60; i++) {
            file.append("fine\n");
        }
        for (int i = 0; i < 150; i++) {
            file.append("bad\u0000").append(i).append('\n');
        }
        List<String> handedOut = new ArrayList<>();
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> {
            try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(utf8(file.toString())), "text/csv")) {
                csv.header();
                while (csv.hasNext()) {
                    handedOut.add(csv.next().cell(0));
                }
            }
        });
        assertEquals(60, handedOut.size());
        assertEquals(List.of("fine"), handedOut.stream().distinct().toList());
        assertEquals(CsvReader.MAX_ERRORS, e.problem().errors().size());
        assertEquals(62L, e.problem().errors().get(0).row());
        assertTrue(e.problem().detail().contains("the first 100 problems"), e.problem().detail());
    }

    @Test
    void aQuoteLeftOpenIsRefusedWithItsRow() {
        Problem problem = refused(utf8("Name,Note\nA,b\nC,\"open\nD,e\n"), "text/csv");
        assertEquals(Problem.TYPE_BASE + CsvProblems.UNREADABLE, problem.type());
        assertEquals("malformed-csv", problem.errors().get(0).code());
        assertEquals(3L, problem.errors().get(0).row());
        assertNull(problem.errors().get(0).column());
    }

    // ------------------------------------------------------------------------------------------ rows and header

    @Test
    void rowsAreNumberedAsASpreadsheetShowsThemBlankLinesIncludedQuotedLineBreaksNot() {
        try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(utf8("\n\nName,Note\n\"a\nb\",c\n\nd,e\n")), "text/csv")) {
            assertEquals(3L, csv.header().row());
            List<Long> numbers = new ArrayList<>();
            csv.forEachRemaining(row -> numbers.add(row.number()));
            assertEquals(List.of(4L, 5L, 6L), numbers);
        }
    }

    @Test
    void aHeaderCanBeChosenAmongTheFirstRowsBelowTitleLines() {
        try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(utf8("Council payments,\nMarch 2017,\nDate,Amount\n1/3/17,5\n")), "text/csv")) {
            List<CsvRow> first = csv.peek(10);
            assertEquals(4, first.size());
            CsvHeader header = csv.headerAt(2);
            assertEquals(3L, header.row());
            CsvRow row = csv.next();
            assertEquals(4L, row.number());
            assertEquals("Amount: 'x' is wrong", row.error(1, "amount-invalid", "'x' is wrong").message());
            assertEquals(2, row.error(1, "amount-invalid", "x").column());
            assertFalse(csv.hasNext());
        }
    }

    @Test
    void anEmptyFileHasNoHeader() {
        Problem problem = refused(utf8(""), "text/csv");
        assertEquals(Problem.TYPE_BASE + CsvProblems.HEADER, problem.type());
        assertEquals("header-not-found", problem.errors().get(0).code());
        assertEquals(422, refused(utf8("\n,,\n"), "text/csv").status());
    }

    @Test
    void columnsAreFoundByNameWhateverTheirCaseSpacingOrPunctuation() {
        try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(utf8("\uFEFF SUPPLIER_NAME ,Post Code,Notes\n")), "text/csv")) {
            CsvHeader header = csv.header();
            CsvHeader.Columns columns = header.columns();
            assertEquals(0, columns.required("Supplier Name", "Name"));
            assertEquals(1, columns.optional("Postcode"));
            assertEquals(-1, columns.optional("Charity Number"));
            columns.check();
        }
    }

    @Test
    void missingColumnsAreReportedOnceEachAtTheHeaderRowWithoutAColumn() {
        try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(utf8("Title\nIdentifier,Title\n")), "text/csv")) {
            csv.peek(2);
            CsvHeader header = csv.headerAt(1);
            CsvHeader.Columns columns = header.columns();
            columns.required("Identifier");
            columns.required("Amount Awarded");
            columns.required("Award Date");
            Problem problem = assertThrows(ApiProblemException.class, columns::check).problem();
            assertEquals(Problem.TYPE_BASE + CsvProblems.HEADER, problem.type());
            assertEquals(422, problem.status());
            assertEquals(List.of("2:null missing-column", "2:null missing-column"),
                    problem.errors().stream().map(CsvReaderTest::describe).toList());
            assertTrue(problem.errors().get(0).message().contains("\"Amount Awarded\""), problem.errors().get(0).message());
            assertTrue(problem.errors().get(0).message().contains("[Identifier, Title]"), problem.errors().get(0).message());
        }
    }

    @Test
    void aColumnTwiceAndUnknownColumnsAreRefusedWhenTheReaderSaysSo() {
        try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(utf8("code,title,code,colour\n")), "text/csv")) {
            CsvHeader.Columns columns = csv.header().columns();
            columns.required("code");
            columns.optional("title");
            columns.refuseOthers("code, title");
            Problem problem = assertThrows(ApiProblemException.class, columns::check).problem();
            assertEquals(List.of("1:3 duplicate-column", "1:4 unknown-column"),
                    problem.errors().stream().map(CsvReaderTest::describe).toList());
        }
    }

    @Test
    void cellsAreTrimmedAndOurExportsApostrophesTakenOff() {
        List<List<String>> rows = rows(utf8("a,b,c,d\n  x  ,'=SUM(A1),'-12.50,\n"), "text/csv");
        assertEquals(List.of("x", "=SUM(A1)", "'-12.50", ""), rows.get(1));
    }

    @Test
    void aMillionRowsAreReadAsAStream() {
        long rows = 1_000_000;
        InputStream endless = new InputStream() {
            private final byte[] line = utf8("2026-10-14,DL Building Supplies Ltd,1250.00,INV-0001\n");
            private long position = -utf8("Date,Supplier,Amount,Ref\n").length;
            private final byte[] header = utf8("Date,Supplier,Amount,Ref\n");

            @Override
            public int read() {
                if (position < 0) {
                    return header[(int) (header.length + position++)];
                }
                if (position >= rows * line.length) {
                    return -1;
                }
                return line[(int) (position++ % line.length)];
            }
        };
        long count = 0;
        try (CsvReader csv = CsvReader.open(endless, "text/csv")) {
            csv.header();
            while (csv.hasNext()) {
                csv.next();
                count++;
            }
        }
        assertEquals(rows, count);
    }
}
