package org.anchornetwork.common.csv;

import java.util.List;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;

/**
 * The two ways every CSV upload is refused as a whole, whatever it holds (422, nothing stored):
 * <ul>
 * <li>{@value #UNREADABLE}: the file is not CSV text: bytes that are not valid in its charset
 * ({@code invalid-encoding}), control characters in a cell ({@code control-character}), or a quote left open or
 * followed by other text ({@code malformed-csv}); each error names its row and, where known, its column;</li>
 * <li>{@value #HEADER}: the header row is not what the file needs: no header ({@code header-not-found}), a column the
 * reader needs is missing ({@code missing-column}: the header's row, no column, the message naming the column and
 * the headers found), a column twice ({@code duplicate-column}) or one it does not know ({@code unknown-column}).</li>
 * </ul>
 * Values that cannot be read (a date that is not a date) are the reader's own errors, each at its row and column
 * ({@link CsvRow#error}), answered as the reader's validation problem.
 */
public final class CsvProblems {

    public static final String UNREADABLE = "csv-unreadable";
    public static final String HEADER = "csv-header";

    private CsvProblems() {
    }

    static ApiProblemException unreadable(String encoding, List<ProblemError> errors, boolean more) {
        return new ApiProblemException(422, UNREADABLE, "File cannot be read as CSV text",
                "The file cannot be read as CSV text (read as " + encoding + "): "
                        + (more ? "the first " + errors.size() + " problems are" : errors.size() + " problem(s)")
                        + " listed with their row and column. Bytes that are not text mean the charset is not the "
                        + "one named in Content-Type (name it, e.g. text/csv; charset=windows-1252, or send UTF-8); "
                        + "tab and line breaks are the only control characters a cell may hold. Nothing was stored.",
                errors);
    }

    /** The header lacks columns, repeats them or holds unknown ones. */
    public static ApiProblemException header(CsvHeader header, List<ProblemError> errors) {
        return new ApiProblemException(422, HEADER, "Header row not as expected",
                "The header (row " + header.row() + ") is not as this file needs: " + errors.size()
                        + " problem(s) with its columns, so no row was read. Nothing was stored.",
                errors);
    }

    /** No row could be taken for the header: an empty file, or no row naming the columns needed. */
    public static ApiProblemException headerNotFound(String detail, List<ProblemError> errors) {
        return new ApiProblemException(422, HEADER, "Header row not found", detail + " Nothing was stored.", errors);
    }

    /** A column the reader needs that the header lacks: at the header's row, no column to point at. */
    public static ProblemError missingColumn(CsvHeader header, String what) {
        return new ProblemError(null, header.row(), null, "missing-column",
                "no " + what + " column; the header has " + header.names());
    }
}
