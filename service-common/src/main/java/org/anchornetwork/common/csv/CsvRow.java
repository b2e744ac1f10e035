package org.anchornetwork.common.csv;

import java.util.List;

import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.web.SpreadsheetCells;

/**
 * One row of a CSV file: its number (the CSV record's, counted from 1 with the header and blank lines, as a
 * spreadsheet shows them; a quoted cell's line breaks do not count) and its cells. Columns are counted from 0 here
 * and from 1 in errors, as a spreadsheet shows them.
 */
public final class CsvRow {

    private final long number;
    private final List<String> cells;
    private final CsvHeader header;

    CsvRow(long number, List<String> cells, CsvHeader header) {
        this.number = number;
        this.cells = cells;
        this.header = header;
    }

    CsvRow under(CsvHeader header) {
        return new CsvRow(number, cells, header);
    }

    public long number() {
        return number;
    }

    public int size() {
        return cells.size();
    }

    /** The cells exactly as read. */
    public List<String> cells() {
        return cells;
    }

    /**
     * A cell as a value: trimmed, and with the apostrophe our exports put before formula-like text taken off again
     * ({@link SpreadsheetCells#restore}); "" for a column the row does not reach or -1 (a column the file lacks).
     */
    public String cell(int column) {
        if (column < 0 || column >= cells.size()) {
            return "";
        }
        return SpreadsheetCells.restore(cells.get(column).strip());
    }

    /** {@link #cell}, or null when it is empty. */
    public String text(int column) {
        String value = cell(column);
        return value.isEmpty() ? null : value;
    }

    /** Whether every cell is blank. */
    public boolean isBlank() {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * An error at one of this row's cells (column from 0), its message led by the column's name as the header writes
     * it: {@code "Amount: 'ten' is not an amount in pounds"}.
     */
    public ProblemError error(int column, String code, String message) {
        String name = header == null ? "" : header.name(column);
        return ProblemError.atCell(number, Math.max(column, 0) + 1, code, name.isEmpty() ? message : name + ": " + message);
    }
}
