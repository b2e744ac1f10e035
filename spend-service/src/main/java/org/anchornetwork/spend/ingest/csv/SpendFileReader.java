package org.anchornetwork.spend.ingest.csv;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.anchornetwork.common.csv.CsvHeader;
import org.anchornetwork.common.csv.CsvProblems;
import org.anchornetwork.common.csv.CsvReader;
import org.anchornetwork.common.csv.CsvRow;
import org.anchornetwork.common.csv.UkCells;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.OrgIds;
import org.anchornetwork.spend.ingest.service.IncomingPayment;
import org.anchornetwork.spend.ingest.service.PaymentIngest.SourceDetails;
import org.anchornetwork.spend.ingest.service.RowKeys;
import org.anchornetwork.spend.ingest.service.RowSink;
import org.anchornetwork.spend.payment.Payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a spend file as councils and NHS bodies publish it, one row at a time through the shared {@link CsvReader}
 * (decoding, text checks, row numbers): finds the header below any title lines, maps the columns, and turns each row
 * into a payment or into errors naming its row and column (both counted from 1, as a spreadsheet shows them). Blank
 * rows are skipped.
 */
public final class SpendFileReader {

    private static final java.util.regex.Pattern ORG_ID = java.util.regex.Pattern.compile(OrgIds.PATTERN);

    /**
     * @param declaredCharset the charset the client named, or null to read UTF-8 with Windows-1252 fallback
     * @param mapping         the saved or given mapping ({@link MappingDefinition#DETECT} for none)
     * @param period          the month of every payment, when the file has no date or period column (overrides a
     *                        month named above the header)
     * @param amountBasis     overrides the mapping's and the header's NET or GROSS
     */
    public record Options(Charset declaredCharset, MappingDefinition mapping, YearMonth period, Payment.AmountBasis amountBasis) {
    }

    /** A row as it would be stored, or why it would not. */
    public record Sample(long row, IncomingPayment payment, List<ProblemError> errors) {
    }

    /** What a preview shows: how the file would be read, and its first rows read that way. */
    public record Preview(String encoding, long headerRow, List<String> headers, MappingDefinition mapping,
            YearMonth periodAboveHeader, List<Sample> rows) {
    }

    private final ObjectMapper json;

    public SpendFileReader(ObjectMapper json) {
        this.json = json;
    }

    /** Reads every row into the sink. */
    public SourceDetails read(InputStream in, Options options, RowSink sink) {
        try (Opened file = open(in, options)) {
            RowConverter converter = file.converter();
            CsvReader csv = file.csv();
            while (csv.hasNext()) {
                CsvRow row = csv.next();
                List<ProblemError> errors = new ArrayList<>(2);
                IncomingPayment payment = converter.convert(row, errors);
                if (!errors.isEmpty()) {
                    sink.reject(errors);
                } else if (payment != null) {
                    sink.accept(payment);
                }
            }
            return new SourceDetails(csv.encoding(), file.header().row(), mappingJson(file.layout().asMapping()));
        }
    }

    /** Reads the header and the first {@code limit} non-blank rows; stores nothing. */
    public Preview preview(InputStream in, Options options, int limit) {
        try (Opened file = open(in, options)) {
            List<Sample> samples = new ArrayList<>();
            CsvReader csv = file.csv();
            while (samples.size() < limit && csv.hasNext()) {
                CsvRow row = csv.next();
                List<ProblemError> errors = new ArrayList<>(2);
                IncomingPayment payment = file.converter().convert(row, errors);
                if (payment != null || !errors.isEmpty()) {
                    samples.add(new Sample(row.number(), errors.isEmpty() ? payment : null, errors));
                }
            }
            return new Preview(csv.encoding(), file.header().row(), file.layout().headers(), file.layout().asMapping(),
                    file.layout().preamblePeriod(), samples);
        }
    }

    private String mappingJson(MappingDefinition mapping) {
        try {
            return json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A mapping always serialises", e);
        }
    }

    /** Finds the header among the first rows (publishers put titles above it) and maps its columns. */
    private static Opened open(InputStream in, Options options) {
        CsvReader csv = CsvReader.open(in, options.declaredCharset());
        try {
            List<List<String>> firstRows = csv.peek(FileLayout.ROWS_SEARCHED).stream().map(CsvRow::cells).toList();
            FileLayout layout = FileLayout.detect(firstRows, options.mapping());
            CsvHeader header = csv.headerAt(layout.headerIndex());
            return new Opened(csv, layout, header, new RowConverter(layout, header, options));
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    /** An open file, positioned after its header. */
    private record Opened(CsvReader csv, FileLayout layout, CsvHeader header, RowConverter converter) implements AutoCloseable {
        @Override
        public void close() {
            csv.close();
        }
    }

    /** Turns one row into a payment, or into its errors. */
    private static final class RowConverter {
        private final FileLayout layout;
        private final Options options;
        private final RowKeys.FileRowDigester digester = new RowKeys.FileRowDigester();
        private final int[] mapped;
        private final YearMonth fixedPeriod;
        private final Payment.AmountBasis basis;

        RowConverter(FileLayout layout, CsvHeader header, Options options) {
            this.layout = layout;
            this.options = options;
            this.mapped = layout.columns().values().stream().mapToInt(Integer::intValue).toArray();
            this.fixedPeriod = options.period() != null ? options.period() : layout.preamblePeriod();
            this.basis = options.amountBasis() != null ? options.amountBasis() : layout.amountBasis();
            List<ProblemError> missing = new ArrayList<>();
            if (layout.column(PaymentField.SUPPLIER_NAME) < 0) {
                missing.add(CsvProblems.missingColumn(header, "supplier name (e.g. \"Supplier Name\", \"Beneficiary\"; "
                        + "or name it as supplierName in a saved column mapping)"));
            }
            if (layout.column(PaymentField.PAYMENT_DATE) < 0 && layout.column(PaymentField.PERIOD) < 0 && fixedPeriod == null) {
                missing.add(CsvProblems.missingColumn(header, "payment date or period (and no month above the header; "
                        + "give ?period=yyyy-MM)"));
            }
            if (!missing.isEmpty()) {
                throw CsvProblems.header(header, missing);
            }
        }

        /** The payment, or null for a blank row; errors are added to {@code errors}. */
        IncomingPayment convert(CsvRow record, List<ProblemError> errors) {
            if (isBlank(record)) {
                return null;
            }
            long row = record.number();
            BigDecimal amount = null;
            String amountText = cell(record, PaymentField.AMOUNT);
            if (amountText.isEmpty()) {
                errors.add(error(record, PaymentField.AMOUNT, "amount-missing", "the amount is empty"));
            } else {
                try {
                    amount = CellParsers.amount(amountText);
                } catch (IllegalArgumentException e) {
                    errors.add(error(record, PaymentField.AMOUNT, "amount-invalid", e.getMessage()));
                }
            }
            BigDecimal vat = null;
            String vatText = cell(record, PaymentField.VAT_AMOUNT);
            if (!vatText.isEmpty()) {
                try {
                    vat = CellParsers.amount(vatText);
                } catch (IllegalArgumentException e) {
                    errors.add(error(record, PaymentField.VAT_AMOUNT, "vat-invalid", e.getMessage()));
                }
            }
            LocalDate date = null;
            Payment.DatePrecision precision = Payment.DatePrecision.DAY;
            if (layout.column(PaymentField.PAYMENT_DATE) >= 0) {
                String dateText = cell(record, PaymentField.PAYMENT_DATE);
                if (dateText.isEmpty()) {
                    errors.add(error(record, PaymentField.PAYMENT_DATE, "date-missing", "the payment date is empty"));
                } else {
                    try {
                        date = UkCells.date(dateText);
                    } catch (IllegalArgumentException e) {
                        errors.add(error(record, PaymentField.PAYMENT_DATE, "date-invalid", e.getMessage()));
                    }
                }
            } else {
                precision = Payment.DatePrecision.MONTH;
                if (layout.column(PaymentField.PERIOD) >= 0) {
                    String periodText = cell(record, PaymentField.PERIOD);
                    try {
                        date = CellParsers.period(periodText, layout.periodKind()).atEndOfMonth();
                    } catch (IllegalArgumentException e) {
                        errors.add(error(record, PaymentField.PERIOD, periodText.isEmpty() ? "period-missing" : "period-invalid",
                                periodText.isEmpty() ? "the period is empty" : e.getMessage()));
                    }
                } else {
                    date = fixedPeriod.atEndOfMonth();
                }
            }
            String supplierAsWritten = cell(record, PaymentField.SUPPLIER_NAME);
            boolean redacted = !supplierAsWritten.isEmpty() && CellParsers.isRedactedName(supplierAsWritten);
            if (supplierAsWritten.isEmpty()) {
                errors.add(error(record, PaymentField.SUPPLIER_NAME, "supplier-missing",
                        "the supplier is empty; publishers write e.g. \"Redacted\" for a withheld name"));
            }
            Payment.CapitalOrRevenue capitalOrRevenue = null;
            try {
                capitalOrRevenue = CellParsers.capitalOrRevenue(cell(record, PaymentField.CAPITAL_OR_REVENUE));
            } catch (IllegalArgumentException e) {
                errors.add(error(record, PaymentField.CAPITAL_OR_REVENUE, "capital-or-revenue-invalid", e.getMessage()));
            }
            String supplierOrgId = text(record, PaymentField.SUPPLIER_ORG_ID, 80, errors);
            if (supplierOrgId != null && !ORG_ID.matcher(supplierOrgId).matches()) {
                errors.add(error(record, PaymentField.SUPPLIER_ORG_ID, "org-id-invalid", OrgIds.MESSAGE));
            }
            String supplierName = redacted ? null : text(record, PaymentField.SUPPLIER_NAME, 300, errors);
            String supplierReference = text(record, PaymentField.SUPPLIER_REFERENCE, 100, errors);
            String description = text(record, PaymentField.DESCRIPTION, 500, errors);
            String department = text(record, PaymentField.DEPARTMENT, 200, errors);
            String expenseType = text(record, PaymentField.EXPENSE_TYPE, 200, errors);
            String classification = text(record, PaymentField.PROCUREMENT_CLASSIFICATION, 200, errors);
            String transactionRef = text(record, PaymentField.TRANSACTION_REF, 100, errors);
            String transactionLine = text(record, PaymentField.TRANSACTION_LINE, 20, errors);
            if (!errors.isEmpty()) {
                return null;
            }
            String ref = transactionRef == null ? "" : transactionRef;
            String line = transactionLine == null ? "" : transactionLine;
            String rowKey = digester.keyOf(date, amount.toPlainString(), supplierAsWritten, supplierReference, ref, line);
            return new IncomingPayment(rowKey, row, date, precision, amount, basis, vat, supplierName, supplierOrgId,
                    supplierReference, description, department, expenseType, classification, capitalOrRevenue, ref,
                    line, redacted);
        }

        private boolean isBlank(CsvRow record) {
            for (int column : mapped) {
                if (!record.cell(column).isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        private String cell(CsvRow record, PaymentField field) {
            return record.cell(layout.column(field));
        }

        /** A text cell: null when empty; an error when too long. (The reader refuses control characters.) */
        private String text(CsvRow record, PaymentField field, int maxLength, List<ProblemError> errors) {
            String value = cell(record, field);
            if (value.isEmpty()) {
                return null;
            }
            if (value.length() > maxLength) {
                errors.add(error(record, field, "too-long", "at most " + maxLength + " characters (has " + value.length() + ")"));
                return null;
            }
            return value;
        }

        private ProblemError error(CsvRow record, PaymentField field, String code, String message) {
            return record.error(layout.column(field), code, message);
        }
    }
}
