package org.anchornetwork.pledge;

import org.anchornetwork.common.number.NumericColumn;
import org.anchornetwork.pledge.metric.PledgeMetric;

/**
 * The figures pledge-service stores (targets, baselines and progress: numeric(18,2), V3), checked against their
 * column and their metric's unit before anything is stored, and answered at the column's scale.
 */
public final class NumericColumns {

    /** Amounts in GBP and hours: 0 or more. */
    public static final NumericColumn FIGURE = NumericColumn.numeric(18, 2).notNegative();
    /** Percentages: 0 to 100. */
    public static final NumericColumn PERCENT = NumericColumn.numeric(18, 2).between("0", "100");

    private NumericColumns() {
    }

    /** The column rule of a value in the metric's unit. */
    public static NumericColumn of(PledgeMetric metric) {
        return metric.unit == PledgeMetric.Unit.PERCENT ? PERCENT : FIGURE;
    }
}
