package org.anchornetwork.spend.geography;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** UK postcodes as the lookup keys them: upper case, one space before the three-character inward code. */
public final class Postcodes {

    private static final Pattern UK = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}");

    private Postcodes() {
    }

    /** "dl15qt", "DL1  5QT" and "DL1 5QT" all give "DL1 5QT"; empty when it is not a UK postcode. */
    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String compact = text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 5 || compact.length() > 7) {
            return Optional.empty();
        }
        String spaced = compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
        return UK.matcher(spaced).matches() ? Optional.of(spaced) : Optional.empty();
    }

    private static final Pattern IN_TEXT = Pattern.compile("\\b([A-Za-z]{1,2}[0-9][A-Za-z0-9]?) ?([0-9][A-Za-z]{2})\\b");

    /** The last UK postcode written in a line of address ("30 Lismore Drive, Birmingham, B17 0TP"), if any. */
    public static Optional<String> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher matcher = IN_TEXT.matcher(text);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1) + matcher.group(2);
        }
        return normalise(last);
    }

    /** The outward code (postcode district) of a normalised postcode: "DL1 5QT" gives "DL1". */
    public static String outward(String normalised) {
        return normalised.substring(0, normalised.indexOf(' '));
    }
}
