package org.anchornetwork.spend.ingest.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.spend.payment.Payment;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How to read a publisher's spend file: which column holds which payment field (by its header as written), whether
 * amounts are net or gross of VAT, and how to read a period column. Fields left out are recognised from their
 * headers, so a mapping need only name what detection gets wrong.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A spend file's column layout: payment field to column header as written in the file", example = """
        {"columns":{"supplierName":"Supplier ID(T)","department":"Nstrg(T)","expenseType":"Cipfsubs(T)",
        "transactionRef":"TransNo","transactionLine":"Seq no","period":"Period","amount":"Amount"},
        "amountBasis":"NET","periodKind":"FINANCIAL_YEAR_PERIOD"}""")
public record MappingDefinition(
        @Schema(description = "Payment field (paymentDate, period, amount, vatAmount, supplierName, supplierReference, "
                + "supplierOrgId, description, department, expenseType, procurementClassification, capitalOrRevenue, "
                + "transactionRef, transactionLine) to the header of its column") Map<String, String> columns,
        @Schema(description = "NET or GROSS of VAT; when absent, read from the amount column's header (\"Net Amount\", "
                + "\"Total (excludes VAT)\"), else UNKNOWN") Payment.AmountBasis amountBasis,
        @Schema(description = "How to read a period column: CALENDAR_MONTH (202205 = May 2022, the default) or "
                + "FINANCIAL_YEAR_PERIOD (202205 = period 5 of 2022-23 = August 2022)") PeriodKind periodKind) {

    public enum PeriodKind {
        CALENDAR_MONTH, FINANCIAL_YEAR_PERIOD
    }

    public static final MappingDefinition DETECT = new MappingDefinition(Map.of(), null, null);

    public MappingDefinition {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    public PeriodKind periodKindOrDefault() {
        return periodKind == null ? PeriodKind.CALENDAR_MONTH : periodKind;
    }

    /** Every fault at once, with pointers into the mapping. */
    public List<ProblemError> problems(String pointerPrefix) {
        List<ProblemError> errors = new ArrayList<>();
        columns.forEach((field, header) -> {
            String pointer = pointerPrefix + "/columns/" + field;
            if (PaymentField.byJsonName(field).isEmpty()) {
                errors.add(ProblemError.at(pointer, "unknown-field", "'" + field + "' is not a payment field; use one of "
                        + java.util.Arrays.stream(PaymentField.values()).map(PaymentField::jsonName).toList()));
            } else if (header == null || header.isBlank()) {
                errors.add(ProblemError.at(pointer, "header-missing", "give the column's header as written in the file"));
            } else if (header.length() > 200) {
                errors.add(ProblemError.at(pointer, "header-too-long", "a header is at most 200 characters"));
            }
        });
        if (columns.size() > PaymentField.values().length) {
            errors.add(ProblemError.at(pointerPrefix + "/columns", "too-many", "map each payment field at most once"));
        }
        return errors;
    }
}
