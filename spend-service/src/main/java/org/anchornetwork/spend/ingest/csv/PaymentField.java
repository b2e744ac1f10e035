package org.anchornetwork.spend.ingest.csv;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The payment fields a spend file's columns map to, with the column names publishers use for each, most telling
 * first. Names are compared after {@link #normalise}: case, punctuation and "£" do not matter, and a name also
 * matches without its bracketed part ("Supplier (Beneficiary) Name", "Supplier ID(T)"). Sources: the Transparency
 * Code's fields, NHS "over £25k" keys, ODI Leeds' council-spending-data mappings, and the real files in the tests.
 */
public enum PaymentField {
    PAYMENT_DATE("paymentDate", "payment date", "date paid", "paid date", "transaction date", "date", "datepaid",
            "date of payment", "invoice payment date", "posting date", "effective date", "clearing date"),
    PERIOD("period", "period", "payment period", "accounting period", "financial period", "month", "payment month"),
    AMOUNT("amount", "amount", "net amount", "amount in sterling", "invoice line value", "total", "total excludes vat",
            "value", "net value", "netamount", "amount gbp", "net amount gbp", "amount excluding vat", "amount excl vat",
            "gross amount", "line amount", "invoice amount", "payment amount", "amount paid", "transaction amount",
            "expenditure", "spend"),
    VAT_AMOUNT("vatAmount", "vat", "vat amount", "irrecoverable vat", "vat that cannot be recovered",
            "non recoverable vat", "vat gbp"),
    SUPPLIER_NAME("supplierName", "supplier name", "beneficiary name", "supplier", "beneficiary", "supplier beneficiary name",
            "payee name", "payee", "vendor name", "vendor", "merchant name", "suppliername", "benificiary name",
            "creditor name", "creditor", "recipient name", "recipient"),
    SUPPLIER_REFERENCE("supplierReference", "supplier reference", "supplier id", "supplier number", "supplier code",
            "local supplier internal reference", "vendor id", "vendor number", "supplier ref", "creditor number",
            "supplier account number"),
    SUPPLIER_ORG_ID("supplierOrgId", "supplier org id", "supplier organisation identifier", "organisation identifier"),
    DESCRIPTION("description", "purpose of spend", "purpose of expenditure", "summary of purpose", "purpose",
            "description", "expenditure description", "narrative", "details", "item description"),
    DEPARTMENT("department", "directorate", "department", "expense area", "directorate service where expenditure incurred",
            "service area", "organisational unit", "service label", "division", "portfolio", "service"),
    EXPENSE_TYPE("expenseType", "expense type", "expenditure category", "sercop expenditure category", "merchant category",
            "expense category", "account", "account description", "category", "subjective", "cost category"),
    PROCUREMENT_CLASSIFICATION("procurementClassification", "procurement classification", "proclass",
            "proclass description", "procurement category"),
    CAPITAL_OR_REVENUE("capitalOrRevenue", "capital revenue", "cap rev", "capital or revenue", "revenue capital"),
    TRANSACTION_REF("transactionRef", "transaction number", "transaction no", "transaction id", "transaction reference",
            "transno", "trans no", "invoice number", "invoice no", "internal ref", "document number", "voucher number",
            "payment reference", "order number", "order", "reference"),
    TRANSACTION_LINE("transactionLine", "line number", "line no", "line", "seq no", "sequence", "invoice line");

    private final String jsonName;
    private final List<String> names;

    PaymentField(String jsonName, String... names) {
        this.jsonName = jsonName;
        this.names = List.of(names);
    }

    /** The field's name in mappings and in the JSON API. */
    public String jsonName() {
        return jsonName;
    }

    public static Optional<PaymentField> byJsonName(String name) {
        for (PaymentField field : values()) {
            if (field.jsonName.equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** A column name's match: which field, and how telling the name is (0 = the field's first name). */
    record Match(PaymentField field, int rank) {
    }

    /** The field a column name stands for, if any. */
    static Optional<Match> match(String header) {
        String full = normalise(header);
        String unbracketed = normalise(header.replaceAll("\\([^)]*\\)", " "));
        for (PaymentField field : values()) {
            for (int rank = 0; rank < field.names.size(); rank++) {
                String name = field.names.get(rank);
                if (name.equals(full) || name.equals(unbracketed) || (name.length() >= 8 && oneEditApart(name, full))) {
                    return Optional.of(new Match(field, rank));
                }
            }
        }
        return Optional.empty();
    }

    /** Lower case, letters and digits only, single spaces: "Cap/Rev" and "cap rev" are the same name. */
    static String normalise(String header) {
        String lower = header.toLowerCase(Locale.ROOT).replace("&", " and ").replace("£", " gbp ");
        StringBuilder out = new StringBuilder(lower.length());
        boolean space = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end);
    }

    /** Tolerates one typing slip in long names: Darlington's files head their first column "Directotate". */
    private static boolean oneEditApart(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        int j = 0;
        boolean edited = false;
        while (i < a.length() && j < b.length()) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (edited) {
                return false;
            }
            edited = true;
            if (a.length() == b.length()) {
                i++;
                j++;
            } else if (a.length() > b.length()) {
                i++;
            } else {
                j++;
            }
        }
        return true;
    }
}
