package org.anchornetwork.common.web;

import java.nio.charset.Charset;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;

import org.anchornetwork.common.problem.ApiProblemException;

/**
 * CSV as people open it in spreadsheets. Cells starting with {@code = + - @} would run as formulas (CSV injection),
 * so exports prefix them with an apostrophe and imports take it off again.
 */
public final class SpreadsheetCells {

    private static final String FORMULA_STARTS = "=+-@";

    private SpreadsheetCells() {
    }

    /** Text a spreadsheet would run as a formula gets a leading apostrophe; null becomes empty. */
    public static String neutralise(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** Undoes {@link #neutralise}: a cell exported as {@code '=x} imports as {@code =x}. */
    public static String restore(String value) {
        if (value != null && value.length() > 1 && value.charAt(0) == '\'' && FORMULA_STARTS.indexOf(value.charAt(1)) >= 0) {
            return value.substring(1);
        }
        return value;
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
