package org.anchornetwork.spend.supplier;

import java.util.Locale;
import java.util.Set;

/**
 * The form of a supplier's name that payments are matched on: "Smith & Sons Limited", "SMITH AND SONS LTD." and
 * "J Smith T/A Smith & Sons" all become "SMITH AND SONS". Case, punctuation, "&", "The" and the legal form
 * (Ltd, Limited, plc, LLP) do not tell suppliers apart; a sole trader is known by the name it trades as.
 */
public final class SupplierNames {

    private static final Set<String> LEGAL_FORMS = Set.of("LTD", "LIMITED", "PLC", "LLP", "CO", "COMPANY");

    private SupplierNames() {
    }

    /** Null for a name that has nothing left (or null). */
    public static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        int tradingAs = tradingAs(upper);
        if (tradingAs >= 0) {
            upper = upper.substring(tradingAs);
        }
        StringBuilder words = new StringBuilder(upper.length() + 8);
        boolean inWord = false;
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (!inWord && !words.isEmpty()) {
                    words.append(' ');
                }
                words.append(c);
                inWord = true;
            } else {
                inWord = false;
                if (c == '&' || c == '+') {
                    words.append(words.isEmpty() ? "AND" : " AND");
                }
            }
        }
        String result = words.toString();
        if (result.startsWith("THE ")) {
            result = result.substring(4);
        }
        boolean trimmed = true;
        while (trimmed) {
            trimmed = false;
            int last = result.lastIndexOf(' ');
            if (last > 0 && LEGAL_FORMS.contains(result.substring(last + 1))) {
                result = result.substring(0, last);
                trimmed = true;
            }
        }
        if (result.length() > 300) {
            result = result.substring(0, 300);
        }
        return result.isEmpty() ? null : result;
    }

    /** Where the trading name starts after "T/A" or "TRADING AS", or -1. */
    private static int tradingAs(String upper) {
        for (String marker : new String[] { " T/A ", " T/AS ", " TRADING AS " }) {
            int at = upper.indexOf(marker);
            if (at >= 0) {
                return at + marker.length();
            }
        }
        return -1;
    }
}
