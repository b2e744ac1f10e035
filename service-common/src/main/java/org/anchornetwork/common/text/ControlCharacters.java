package org.anchornetwork.common.text;

/**
 * Which characters no value of this network holds. PostgreSQL cannot store NUL in text, and no name, description,
 * code or identifier legitimately holds a C0 control character or DEL. Text (a description, a CSV cell) may hold tab
 * and line breaks, and C1 controls: real spend files hold them where Windows-1252 punctuation was once mis-converted
 * (North Tyneside's U+0092 for ’), and they are stored as they are. Identifiers, codes, dates and the other values of
 * paths and query strings hold none of them.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** C0 controls (NUL to U+001F), DEL and C1 controls (U+0080 to U+009F). */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /** A control character that text may not hold: C0 controls but tab, line feed and carriage return; DEL. */
    public static boolean isRefusedInText(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
    }

    /** The index of the first character text may not hold, or -1. */
    public static int firstRefusedInText(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isRefusedInText(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first control character (tab and line breaks included), or -1. */
    public static int firstControl(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** How a refused character is shown in a message: U+0000. */
    public static String describe(char c) {
        return String.format("U+%04X", (int) c);
    }
}
