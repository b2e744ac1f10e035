package org.anchornetwork.common.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.anchornetwork.common.problem.ProblemError;

/**
 * The header row of a CSV file: its row number and the column names as written (trimmed, without a byte order mark).
 * Columns are looked up by {@link #key}: case, spaces and punctuation do not matter, so "Supplier Name",
 * "supplier_name" and "SUPPLIER NAME" are the same column.
 */
public final class CsvHeader {

    private final long row;
    private final List<String> names;
    private final List<String> keys;

    CsvHeader(long row, List<String> cells) {
        this.row = row;
        this.names = cells.stream().map(name -> name.replace("\uFEFF", "").strip()).toList();
        this.keys = names.stream().map(CsvHeader::key).toList();
    }

    /** The header's row number, counted from 1 as a spreadsheet shows it. */
    public long row() {
        return row;
    }

    /** The column names as written, trimmed. */
    public List<String> names() {
        return names;
    }

    /** The name of a column (from 0), or "" beyond the last. */
    public String name(int column) {
        return column >= 0 && column < names.size() ? names.get(column) : "";
    }

    /** Lower case letters and digits only ("&amp;" read as "and", "£" as "gbp"): how names are compared. */
    public static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace("&", "and").replace("£", "gbp");
        StringBuilder key = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** The key of each column, in order. */
    public List<String> keys() {
        return keys;
    }

    /** Looks up the columns a reader uses; {@link Columns#check()} refuses the header when any is missing. */
    public Columns columns() {
        return new Columns();
    }

    /** The columns a reader uses, found by name; missing, repeated and (if asked) unknown columns become errors. */
    public final class Columns {
        private final List<ProblemError> errors = new ArrayList<>();
        private final boolean[] used = new boolean[names.size()];

        private Columns() {
        }

        /**
         * The column (from 0) named {@code title} or one of {@code aliases}; -1, and a {@code missing-column} error,
         * when there is none.
         */
        public int required(String title, String... aliases) {
            int column = optional(title, aliases);
            if (column < 0) {
                errors.add(CsvProblems.missingColumn(CsvHeader.this, "\"" + title + "\""));
            }
            return column;
        }

        /**
         * The column (from 0) named {@code title} or one of {@code aliases}, or -1. Names earlier in the list win over
         * later ones; two columns with the same name are a {@code duplicate-column} error.
         */
        public int optional(String title, String... aliases) {
            List<String> wanted = new ArrayList<>();
            wanted.add(key(title));
            Arrays.stream(aliases).map(CsvHeader::key).forEach(wanted::add);
            for (String name : wanted) {
                int first = keys.indexOf(name);
                if (first < 0) {
                    continue;
                }
                int second = keys.subList(first + 1, keys.size()).indexOf(name);
                if (second >= 0) {
                    errors.add(ProblemError.atCell(row, first + second + 2, "duplicate-column", "\"" + names.get(first)
                            + "\" appears twice, as columns " + (first + 1) + " and " + (first + second + 2) + "; keep one"));
                    used[first + second + 1] = true;
                }
                used[first] = true;
                return first;
            }
            return -1;
        }

        /** Marks a column as used, for {@link #refuseOthers}. */
        public void use(int column) {
            if (column >= 0 && column < used.length) {
                used[column] = true;
            }
        }

        /** Every named column not looked up becomes an {@code unknown-column} error naming the known ones. */
        public void refuseOthers(String known) {
            for (int i = 0; i < names.size(); i++) {
                if (!used[i] && !names.get(i).isEmpty()) {
                    errors.add(ProblemError.atCell(row, i + 1, "unknown-column", "\"" + names.get(i)
                            + "\" is not a column of this file; the columns are " + known));
                }
            }
        }

        /** Throws the {@value CsvProblems#HEADER} problem when any column was missing, repeated or unknown. */
        public void check() {
            if (!errors.isEmpty()) {
                throw CsvProblems.header(CsvHeader.this, errors);
            }
        }
    }
}
