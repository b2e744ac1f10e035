package org.anchornetwork.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbers issue 15 names as abuse (huge, tiny, negative, more precise than stored), and the code a field of each
 * kind refuses each with: service-common's NumericColumn codes, and not-whole-number for whole-number fields.
 */
public enum AbusiveNumbers {
    /** An amount or percentage stored at 2 decimal places, 0 or more. */
    NOT_NEGATIVE("negative-value", "0.001"),
    /** An amount stored at 2 decimal places, more than 0 (a price, a weighting). */
    POSITIVE("out-of-range", "0.001"),
    /** An amount stored at 2 decimal places, negative allowed (a credit note): -1 is no abuse. */
    SIGNED(null, "0.001"),
    /** A quantity stored at 4 decimal places, 0 or more. */
    QUANTITY("negative-value", "0.00001"),
    /** A whole number (months, a version, a year). */
    WHOLE("out-of-range", "1.5");

    private final String belowZero;
    private final String overPrecise;

    AbusiveNumbers(String belowZero, String overPrecise) {
        this.belowZero = belowZero;
        this.overPrecise = overPrecise;
    }

    /** Each abusive number as JSON text, with the code the field refuses it with. */
    public List<String[]> valuesAndCodes() {
        String decimals = this == WHOLE ? "not-whole-number" : "too-many-decimals";
        List<String[]> cases = new ArrayList<>(List.of(new String[] { "1e20", "out-of-range" },
                new String[] { "1e999999", "out-of-range" },
                new String[] { "-1e999999", belowZero == null || this == WHOLE ? "out-of-range" : belowZero },
                new String[] { "1e-999999", decimals }, new String[] { overPrecise, decimals }));
        if (belowZero != null) {
            cases.add(new String[] { "-1", belowZero });
        }
        return cases;
    }
}
