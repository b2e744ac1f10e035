package org.anchornetwork.spend.analysis.service;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What an analysis reports for each cell. Shares are percentages of the cell's positiveSpend, 2 decimal places. */
public enum Measure {
    PAYMENT_COUNT("paymentCount", "Payments recorded (a credit note is a payment too)"),
    TOTAL_SPEND("totalSpend", "Sum of the payments in the denominator (GBP; net or gross of VAT as each anchor declares), "
            + "credit notes subtracted"),
    POSITIVE_SPEND("positiveSpend", "The denominator of every share: each supplier's payments in a month and expense type "
            + "net of its credit notes there, a net credit counting as nothing; so no share exceeds 100%"),
    SUPPLIER_COUNT("supplierCount", "Distinct suppliers paid; payments to redacted or unmatched payees are not counted. "
            + "Read from the supplier-level rollups, so ask for it only when needed"),
    LOCAL_SPEND("localSpend", "Per tier: spend with suppliers based or branched in it"),
    LOCAL_SHARE("localShare", "Per tier: positive spend with suppliers based or branched in it, as a % of positiveSpend"),
    SME_SPEND("smeSpend", "Spend with micro, small and medium suppliers (EC definitions; size as the registry knows it)"),
    SME_SHARE("smeShare", "Positive spend with SMEs as a % of positiveSpend"),
    VCSE_SPEND("vcseSpend", "Spend with voluntary, community and social enterprises"),
    VCSE_SHARE("vcseShare", "Positive spend with VCSEs as a % of positiveSpend"),
    SIGNATORY_SPEND("signatorySpend", "Spend with signatories of the charter"),
    SIGNATORY_SHARE("signatoryShare", "Positive spend with signatories as a % of positiveSpend"),
    UNKNOWN_LOCATION_SPEND("unknownLocationSpend", "Spend whose supplier's location is unknown: redacted payees, payees "
            + "not matched to a supplier, suppliers without a located postcode"),
    UNKNOWN_LOCATION_SHARE("unknownLocationShare", "Positive spend of unknown location as a % of positiveSpend");

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
