package org.anchornetwork.spend.analysis.service;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What an analysis reports for each cell. Shares are percentages of the cell's totalSpend, 2 decimal places. */
public enum Measure {
    PAYMENT_COUNT("paymentCount", "Payments recorded (a credit note is a payment too)"),
    TOTAL_SPEND("totalSpend", "Sum of the payments in the denominator (GBP; net or gross of VAT as each anchor declares)"),
    SUPPLIER_COUNT("supplierCount", "Distinct suppliers paid; payments to redacted or unmatched payees are not counted. "
            + "Read from the supplier-level rollups, so ask for it only when needed"),
    LOCAL_SPEND("localSpend", "Per tier: spend with suppliers based or branched in it"),
    LOCAL_SHARE("localShare", "Per tier: localSpend as a % of totalSpend"),
    SME_SPEND("smeSpend", "Spend with micro, small and medium suppliers (EC definitions; size as the registry knows it)"),
    SME_SHARE("smeShare", "smeSpend as a % of totalSpend"),
    VCSE_SPEND("vcseSpend", "Spend with voluntary, community and social enterprises"),
    VCSE_SHARE("vcseShare", "vcseSpend as a % of totalSpend"),
    SIGNATORY_SPEND("signatorySpend", "Spend with signatories of the charter"),
    SIGNATORY_SHARE("signatoryShare", "signatorySpend as a % of totalSpend"),
    UNKNOWN_LOCATION_SPEND("unknownLocationSpend", "Spend whose supplier's location is unknown: redacted payees, payees "
            + "not matched to a supplier, suppliers without a located postcode"),
    UNKNOWN_LOCATION_SHARE("unknownLocationShare", "unknownLocationSpend as a % of totalSpend");

    /** What an analysis reports when the caller names no measures: everything but the slower supplier count. */
    public static final Set<Measure> DEFAULT = EnumSet.complementOf(EnumSet.of(SUPPLIER_COUNT));

    public final String apiName;
    public final String description;

    Measure(String apiName, String description) {
        this.apiName = apiName;
        this.description = description;
    }

    public static Optional<Measure> named(String name) {
        return Arrays.stream(values()).filter(m -> m.apiName.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(m -> m.apiName).collect(Collectors.joining(", "));
    }
}
