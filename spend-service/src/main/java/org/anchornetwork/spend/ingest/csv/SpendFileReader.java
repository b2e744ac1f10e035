package org.anchornetwork.spend.ingest.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.security.OrgIds;
import org.anchornetwork.spend.ingest.service.IncomingPayment;
import org.anchornetwork.spend.ingest.service.PaymentIngest.SourceDetails;
import org.anchornetwork.spend.ingest.service.RowKeys;
import org.anchornetwork.spend.ingest.service.RowSink;
import org.anchornetwork.spend.payment.Payment;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a spend file as councils and NHS bodies publish it, one row at a time: finds the header, maps the columns,
 * and turns each row into a payment or into errors naming its row and column (both counted from 1, as a
 * spreadsheet shows them). Blank rows are skipped.
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
            RowConverter converter = file.converter;
            while (file.hasNext()) {
                CSVRecord record = file.next();
                List<ProblemError> errors = new ArrayList<>(2);
                IncomingPayment payment = converter.convert(record, errors);
                if (!errors.isEmpty()) {
                    sink.reject(errors);
                } else if (payment != null) {
                    sink.accept(payment);
                }
            }
            return new SourceDetails(file.encoding.get(), file.headerRow(), mappingJson(file.layout.asMapping()));
        }
    }

    /** Reads the header and the first {@code limit} non-blank rows; stores nothing. */
    public Preview preview(InputStream in, Options options, int limit) {
        try (Opened file = open(in, options)) {
            List<Sample> samples = new ArrayList<>();
            while (samples.size() < limit && file.hasNext()) {
                CSVRecord record = file.next();
                List<ProblemError> errors = new ArrayList<>(2);
                IncomingPayment payment = file.converter.convert(record, errors);
                if (payment != null || !errors.isEmpty()) {
                    samples.add(new Sample(record.getRecordNumber(), errors.isEmpty() ? payment : null, errors));
                }
            }
            return new Preview(file.encoding.get(), file.headerRow(), file.layout.headers(), file.layout.asMapping(),
                    file.layout.preamblePeriod(), samples);
        }
    }

    private String mappingJson(MappingDefinition mapping) {
        try {
            return json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A mapping always serialises", e);
        }
    }

    private static Opened open(InputStream in, Options options) {
        Reader reader;
        Supplier<String> encoding;
        if (options.declaredCharset() == null) {
            Utf8OrWindows1252Reader lenient = new Utf8OrWindows1252Reader(in);
            reader = lenient;
            encoding = lenient::encodingFound;
        } else {
            CharsetDecoder strict = options.declaredCharset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            reader = new InputStreamReader(in, strict);
            String name = options.declaredCharset().name();
            encoding = () -> name;
        }
        CSVParser parser;
        try {
            parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(reader);
        } catch (IOException e) {
            throw unreadable(e, 1);
        }
        Opened file = new Opened(parser, encoding);
        List<List<String>> firstRows = new ArrayList<>();
        List<CSVRecord> buffered = new ArrayList<>();
        while (firstRows.size() < FileLayout.ROWS_SEARCHED && file.parserHasNext()) {
            CSVRecord record = file.parserNext();
            buffered.add(record);
            firstRows.add(record.toList());
        }
        FileLayout layout = FileLayout.detect(firstRows, options.mapping());
        file.layout = layout;
        file.buffered = buffered.subList(layout.headerIndex() + 1, buffered.size()).iterator();
        file.headerRecordNumber = buffered.get(layout.headerIndex()).getRecordNumber();
        file.converter = new RowConverter(layout, options);
        return file;
    }

    private static ApiProblemException unreadable(Exception e, long row) {
        if (e instanceof CharacterCodingException || e.getCause() instanceof CharacterCodingException) {
            return new ApiProblemException(422, "spend-file-encoding", "File does not match its charset",
                    "The file is not valid in the charset named in Content-Type (near row " + row + "); send it without "
                            + "a charset to have UTF-8 and Windows-1252 recognised",
                    List.of(ProblemError.atCell(row, 1, "invalid-encoding", "bytes that are not valid in the declared charset")));
        }
        String reason = e.getMessage() == null ? "the file is not well-formed CSV" : e.getMessage();
        return new ApiProblemException(422, "spend-file-malformed", "File is not well-formed CSV",
                "The file cannot be read as CSV near row " + row + ": " + reason + ". Nothing was stored.",
                List.of(ProblemError.atCell(row, 1, "malformed-csv", reason)));
    }

    /** An open file, positioned after its header: buffered rows first, then the rest of the stream. */
    private static final class Opened implements AutoCloseable {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final Supplier<String> encoding;
        private FileLayout layout;
        private Iterator<CSVRecord> buffered;
        private long headerRecordNumber;
        private RowConverter converter;

        Opened(CSVParser parser, Supplier<String> encoding) {
            this.parser = parser;
            this.records = parser.iterator();
            this.encoding = encoding;
        }

        long headerRow() {
            return headerRecordNumber;
        }

        boolean parserHasNext() {
            try {
                return records.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw unreadable(e.getCause() instanceof Exception cause ? cause : e, parser.getRecordNumber() + 1);
            }
        }

        CSVRecord parserNext() {
            return records.next();
        }

        boolean hasNext() {
            return buffered.hasNext() || parserHasNext();
        }

        CSVRecord next() {
            return buffered.hasNext() ? buffered.next() : parserNext();
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                // the request body is closed by the server in any case
            }
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

        RowConverter(FileLayout layout, Options options) {
            this.layout = layout;
            this.options = options;
            this.mapped = layout.columns().values().stream().mapToInt(Integer::intValue).toArray();
            this.fixedPeriod = options.period() != null ? options.period() : layout.preamblePeriod();
            this.basis = options.amountBasis() != null ? options.amountBasis() : layout.amountBasis();
            List<ProblemError> missing = new ArrayList<>();
            if (layout.column(PaymentField.SUPPLIER_NAME) < 0) {
                missing.add(ProblemError.at("/mapping/columns/supplierName", "column-missing",
                        "no column recognised as the supplier's name (e.g. \"Supplier Name\", \"Beneficiary\"); headers found: "
                                + layout.headers()));
            }
            if (layout.column(PaymentField.PAYMENT_DATE) < 0 && layout.column(PaymentField.PERIOD) < 0 && fixedPeriod == null) {
                missing.add(ProblemError.at("/mapping/columns/paymentDate", "column-missing",
                        "no payment date or period column, and no month above the header; give ?period=yyyy-MM"));
            }
            if (!missing.isEmpty()) {
                throw new ApiProblemException(422, "spend-file-columns", "Columns missing",
                        "The header (row " + (layout.headerIndex() + 1) + ") lacks columns every payment needs; map them "
                                + "with a saved column mapping", missing);
            }
        }

        /** The payment, or null for a blank row; errors are added to {@code errors}. */
        IncomingPayment convert(CSVRecord record, List<ProblemError> errors) {
            if (isBlank(record)) {
                return null;
            }
            long row = record.getRecordNumber();
            BigDecimal amount = null;
            String amountText = cell(record, PaymentField.AMOUNT);
            if (amountText.isEmpty()) {
                errors.add(error(row, PaymentField.AMOUNT, "amount-missing", "the amount is empty"));
            } else {
                try {
                    amount = CellParsers.amount(amountText);
                } catch (IllegalArgumentException e) {
                    errors.add(error(row, PaymentField.AMOUNT, "amount-invalid", e.getMessage()));
                }
            }
            BigDecimal vat = null;
            String vatText = cell(record, PaymentField.VAT_AMOUNT);
            if (!vatText.isEmpty()) {
                try {
                    vat = CellParsers.amount(vatText);
                } catch (IllegalArgumentException e) {
                    errors.add(error(row, PaymentField.VAT_AMOUNT, "vat-invalid", e.getMessage()));
                }
            }
            LocalDate date = null;
            Payment.DatePrecision precision = Payment.DatePrecision.DAY;
            if (layout.column(PaymentField.PAYMENT_DATE) >= 0) {
                String dateText = cell(record, PaymentField.PAYMENT_DATE);
                if (dateText.isEmpty()) {
                    errors.add(error(row, PaymentField.PAYMENT_DATE, "date-missing", "the payment date is empty"));
                } else {
                    try {
                        date = CellParsers.date(dateText);
                    } catch (IllegalArgumentException e) {
                        errors.add(error(row, PaymentField.PAYMENT_DATE, "date-invalid", e.getMessage()));
                    }
                }
            } else {
                precision = Payment.DatePrecision.MONTH;
                if (layout.column(PaymentField.PERIOD) >= 0) {
                    String periodText = cell(record, PaymentField.PERIOD);
                    try {
                        date = CellParsers.period(periodText, layout.periodKind()).atEndOfMonth();
                    } catch (IllegalArgumentException e) {
                        errors.add(error(row, PaymentField.PERIOD, periodText.isEmpty() ? "period-missing" : "period-invalid",
                                periodText.isEmpty() ? "the period is empty" : e.getMessage()));
                    }
                } else {
                    date = fixedPeriod.atEndOfMonth();
                }
            }
            String supplierAsWritten = cell(record, PaymentField.SUPPLIER_NAME);
            boolean redacted = !supplierAsWritten.isEmpty() && CellParsers.isRedactedName(supplierAsWritten);
            if (supplierAsWritten.isEmpty()) {
                errors.add(error(row, PaymentField.SUPPLIER_NAME, "supplier-missing",
                        "the supplier is empty; publishers write e.g. \"Redacted\" for a withheld name"));
            }
            Payment.CapitalOrRevenue capitalOrRevenue = null;
            try {
                capitalOrRevenue = CellParsers.capitalOrRevenue(cell(record, PaymentField.CAPITAL_OR_REVENUE));
            } catch (IllegalArgumentException e) {
                errors.add(error(row, PaymentField.CAPITAL_OR_REVENUE, "capital-or-revenue-invalid", e.getMessage()));
            }
            String supplierOrgId = text(record, row, PaymentField.SUPPLIER_ORG_ID, 80, errors);
            if (supplierOrgId != null && !ORG_ID.matcher(supplierOrgId).matches()) {
                errors.add(error(row, PaymentField.SUPPLIER_ORG_ID, "org-id-invalid", OrgIds.MESSAGE));
            }
            String supplierName = redacted ? null : text(record, row, PaymentField.SUPPLIER_NAME, 300, errors);
            String supplierReference = text(record, row, PaymentField.SUPPLIER_REFERENCE, 100, errors);
            String description = text(record, row, PaymentField.DESCRIPTION, 500, errors);
            String department = text(record, row, PaymentField.DEPARTMENT, 200, errors);
            String expenseType = text(record, row, PaymentField.EXPENSE_TYPE, 200, errors);
            String classification = text(record, row, PaymentField.PROCUREMENT_CLASSIFICATION, 200, errors);
            String transactionRef = text(record, row, PaymentField.TRANSACTION_REF, 100, errors);
            String transactionLine = text(record, row, PaymentField.TRANSACTION_LINE, 20, errors);
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

        private boolean isBlank(CSVRecord record) {
            for (int column : mapped) {
                if (column < record.size() && !record.get(column).isBlank()) {
                    return false;
                }
            }
            return true;
        }

        private String cell(CSVRecord record, PaymentField field) {
            int column = layout.column(field);
            return column < 0 || column >= record.size() ? "" : record.get(column).strip();
        }

        /** A text cell: null when empty; an error when too long or holding a NUL, which no database column takes. */
        private String text(CSVRecord record, long row, PaymentField field, int maxLength, List<ProblemError> errors) {
            String value = cell(record, field);
            if (value.isEmpty()) {
                return null;
            }
            if (value.length() > maxLength) {
                errors.add(error(row, field, "too-long", "at most " + maxLength + " characters (has " + value.length() + ")"));
                return null;
            }
            if (value.indexOf('\u0000') >= 0) {
                errors.add(error(row, field, "control-character", "must not contain NUL characters"));
                return null;
            }
            return value;
        }

        private ProblemError error(long row, PaymentField field, String code, String message) {
            int column = layout.column(field);
            String header = layout.headers().get(column);
            return ProblemError.atCell(row, column + 1, code, (header.isEmpty() ? field.jsonName() : header) + ": " + message);
        }
    }
}
