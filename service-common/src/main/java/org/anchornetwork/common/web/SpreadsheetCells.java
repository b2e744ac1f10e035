package org.anchornetwork.common.web;

import java.nio.charset.Charset;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.common.problem.ApiProblemException;

/**
 * CSV as people open it in spreadsheets (OWASP "CSV Injection"). A cell a spreadsheet could run as a formula gets a
 * leading apostrophe on export, which shows it as text, and {@link #restore} takes it off again on import:
 * <ul>
 * <li>cells beginning with {@code = + - @}, tab, carriage return or line feed (OWASP's list), or with their full-width
 * forms {@code ＝ ＋ － ＠}, which some spreadsheets read as the same;</li>
 * <li>cells where one of {@code = + - @} comes after leading spaces or quotes ({@code " =1+1"}, {@code "\"=1+1"}), which
 * spreadsheets that trim cells or read quotes loosely would run too.</li>
 * </ul>
 * A plain number such as {@code -12.50} is left alone: a spreadsheet reads it as a number, not a formula, so credits stay
 * numbers. {@code |} (DDE) and {@code %} only run after one of the starts above, so they need nothing of their own.
 * Cells holding the separator or quotes are quoted by {@link SpreadsheetCsv}, so no cell can start a new one.
 */
public final class SpreadsheetCells {

    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";
    private static final String CONTROL_STARTS = "\t\r\n";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private SpreadsheetCells() {
    }

    /** Text a spreadsheet would run as a formula gets a leading apostrophe; null becomes empty. */
    public static String neutralise(String value) {
        if (value == null) {
            return "";
        }
        return needsApostrophe(value) ? "'" + value : value;
    }

    /**
     * Undoes {@link #neutralise}: a cell exported as {@code '=x} imports as {@code =x}. The exact inverse:
     * {@code restore(neutralise(v))} is {@code v} for every text, including text that itself starts with an apostrophe.
     */
    public static String restore(String value) {
        if (value != null && value.length() > 1 && value.charAt(0) == '\'' && needsApostrophe(value.substring(1))) {
            return value.substring(1);
        }
        return value;
    }

    /**
     * Whether a spreadsheet could run the text as a formula, or the text would be taken for a neutralised one (so that
     * {@link #restore} never takes off an apostrophe that was part of the text).
     */
    static boolean needsApostrophe(String value) {
        String text = value;
        while (true) {
            if (couldRunAsFormula(text)) {
                return true;
            }
            if (text.length() > 1 && text.charAt(0) == '\'') {
                text = text.substring(1);
            } else {
                return false;
            }
        }
    }

    private static boolean couldRunAsFormula(String text) {
        if (text.isEmpty() || PLAIN_NUMBER.matcher(text).matches()) {
            return false;
        }
        if (CONTROL_STARTS.indexOf(text.charAt(0)) >= 0) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (FORMULA_STARTS.indexOf(c) >= 0) {
                return true;
            }
            boolean skipped = Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '"' || c == '\'';
            if (!skipped) {
                return false;
            }
        }
        return false;
    }

    /** The charset a Content-Type names (e.g. {@code text/csv; charset=windows-1252}); 400 for an unknown one. */
    public static Optional<Charset> declaredCharset(String contentType) {
        String name;
        try {
            name = contentType == null ? null : MediaType.valueOf(contentType).getParameters().get("charset");
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("invalid-content-type", "Content-Type '" + contentType + "' is not a media type");
        }
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("unknown-charset", "charset '" + name + "' is not known; use UTF-8");
        }
    }
}
