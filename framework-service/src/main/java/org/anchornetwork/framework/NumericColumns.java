package org.anchornetwork.framework;

import org.anchornetwork.common.number.NumericColumn;

/**
 * The numbers framework-service stores, as their columns hold them (V3, V4); numbers kept in JSON documents (proxy
 * values, bands, bid commitments, delivery lines) follow the same rules, so that they fit the columns they reach later
 * (a KPI's committed quantity and value). Checked before anything is stored, and answered at these scales.
 */
public final class NumericColumns {

    /** Amounts in GBP: minimum social value, values of lines and totals (numeric(18,2)). */
    public static final NumericColumn GBP = NumericColumn.numeric(18, 2).notNegative();
    /** A bid's price, a contract's value (numeric(18,2), more than 0). */
    public static final NumericColumn PRICE = NumericColumn.numeric(18, 2).positive();
    /** Shares of a price or of a score: minimum %, bands, version targets (numeric(5,2), 0 to 100). */
    public static final NumericColumn PERCENT = NumericColumn.numeric(5, 2).between("0", "100");
    /** The share of the total score given to social value (numeric(5,2), more than 0, at most 100). */
    public static final NumericColumn WEIGHTING = NumericColumn.numeric(5, 2).positive().atMost("100");
    /** A quantity in a measure's unit, committed or delivered (numeric(18,4), at most a billion). */
    public static final NumericColumn QUANTITY = NumericColumn.numeric(18, 4).notNegative().atMost("1000000000");
    /** A measure's proxy value in GBP per unit, and a target's contract value threshold (at most 9,999,999,999.99). */
    public static final NumericColumn PROXY_VALUE = NumericColumn.numeric(12, 2).notNegative();

    private NumericColumns() {
    }
}
