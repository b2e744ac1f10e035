package org.anchornetwork.spend.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.spend.ingest.service.IncomingPayment;
import org.anchornetwork.spend.ingest.service.PaymentIngest;
import org.anchornetwork.spend.ingest.service.RowSink;
import org.anchornetwork.spend.payment.Payment;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class SpendFileReaderTest {

    private static final SpendFileReader READER = new SpendFileReader(new ObjectMapper());

    /** Collects what the reader produces. */
    static final class Collected implements RowSink {
        final List<IncomingPayment> payments = new ArrayList<>();
        final List<List<ProblemError>> rejected = new ArrayList<>();
        PaymentIngest.SourceDetails details;

        @Override
        public void accept(IncomingPayment payment) {
            payments.add(payment);
        }

        @Override
        public void reject(List<ProblemError> errors) {
            rejected.add(errors);
        }

        BigDecimal total() {
            return payments.stream().map(IncomingPayment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private static Collected read(byte[] file, SpendFileReader.Options options) {
        Collected collected = new Collected();
        collected.details = READER.read(new ByteArrayInputStream(file), options, collected);
        return collected;
    }

    private static Collected read(String file) {
        return read(file.getBytes(StandardCharsets.UTF_8), detect());
    }

    private static SpendFileReader.Options detect() {
        return new SpendFileReader.Options(null, MappingDefinition.DETECT, null, null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "£1,250.00|1250.00", "1250|1250.00", "(45.10)|-45.10", "45.10-|-45.10", "-45.1|-45.10", "\"2,000.00\"|2000.00",
        "  £ 12 |12.00", "12.500|12.50", "0.00|0.00" })
    void amountsAsPublishersWriteThem(String text, String expected) {
        assertEquals(new BigDecimal(expected), CellParsers.amount(text.replace("\"", "")));
    }

    @ParameterizedTest
    @CsvSource({ "12.345", "abc", "1.2.3", "£", "'1,250.00 GBP'", "999999999999999" })
    void amountsThatAreNotAmountsAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> CellParsers.amount(text));
    }

    @Test
    void monthPeriodsReadAsCalendarMonthsOrFinancialPeriods() {
        assertEquals(YearMonth.of(2022, 5), CellParsers.period("202205", MappingDefinition.PeriodKind.CALENDAR_MONTH));
        assertEquals(YearMonth.of(2022, 5), CellParsers.period("2022-05", MappingDefinition.PeriodKind.CALENDAR_MONTH));
        assertEquals(YearMonth.of(2017, 3), CellParsers.period("Mar-17", MappingDefinition.PeriodKind.CALENDAR_MONTH));
        // Financial period 5 of 2022-23 is August 2022; 10 is January 2023; 13 (year-end adjustments) is March 2023.
        assertEquals(YearMonth.of(2022, 8), CellParsers.period("202205", MappingDefinition.PeriodKind.FINANCIAL_YEAR_PERIOD));
        assertEquals(YearMonth.of(2023, 1), CellParsers.period("202210", MappingDefinition.PeriodKind.FINANCIAL_YEAR_PERIOD));
        assertEquals(YearMonth.of(2023, 3), CellParsers.period("202213", MappingDefinition.PeriodKind.FINANCIAL_YEAR_PERIOD));
        assertThrows(IllegalArgumentException.class, () -> CellParsers.period("202213", MappingDefinition.PeriodKind.CALENDAR_MONTH));
    }

    @Test
    void withheldNamesAreRedactedButNamesThatMentionIndividualsAreNot() {
        assertTrue(CellParsers.isRedactedName("Redacted Personal Data"));
        assertTrue(CellParsers.isRedactedName("REDACTED - Personal Information"));
        assertTrue(CellParsers.isRedactedName("Name withheld"));
        assertTrue(CellParsers.isRedactedName("Private Individual"));
        assertFalse(CellParsers.isRedactedName("PLACES FOR PEOPLE INDIVIDUAL SUPPORT"));
        assertFalse(CellParsers.isRedactedName("POSITIVE INDIVIDUAL PROACTIVE SUPPORT"));
        assertFalse(CellParsers.isRedactedName("Individual Solutions Ltd"));
    }

    @Test
    void theHeaderIsFoundBelowTitleLinesAndColumnVariantsAreRecognised() {
        Collected file = read("""
                Anytown Council payments over £500,,,,
                Published 1 October 2026,,,,
                ,,,,
                Date Paid,Beneficiary,Amount in sterling,Expense Area,Transaction No
                14/10/2026,DL Building Supplies Ltd,"£1,250.00",Highways,INV-1
                15/10/2026,Redacted,(40.00),Adult Social Care,INV-2
                ,,,,
                """);
        assertEquals(4L, file.details.headerRow());
        assertEquals(2, file.payments.size());
        IncomingPayment first = file.payments.get(0);
        assertEquals(LocalDate.of(2026, 10, 14), first.paymentDate());
        assertEquals(new BigDecimal("1250.00"), first.amount());
        assertEquals(Payment.AmountBasis.GROSS, first.amountBasis(), "NHS 'Amount in sterling' includes VAT");
        assertEquals("Highways", first.department());
        assertEquals("INV-1", first.transactionRef());
        assertEquals(5L, first.sourceRow());
        IncomingPayment second = file.payments.get(1);
        assertTrue(second.redacted());
        assertNull(second.supplierName());
        assertEquals(new BigDecimal("-40.00"), second.amount());
    }

    @Test
    void badRowsAreReportedWithTheirRowAndColumnAndTheRestStillRead() {
        Collected file = read("""
                Payment Date,Supplier Name,Net Amount
                2026-10-14,A Ltd,10.00
                2026-10-32,,ten
                2026-10-15,B Ltd,20.00
                """);
        assertEquals(2, file.payments.size());
        assertEquals(1, file.rejected.size());
        List<ProblemError> errors = file.rejected.get(0);
        assertEquals(List.of("amount-invalid", "date-invalid", "supplier-missing"), errors.stream().map(ProblemError::code).sorted().toList());
        ProblemError amount = errors.stream().filter(e -> e.code().equals("amount-invalid")).findFirst().orElseThrow();
        assertEquals(3L, amount.row());
        assertEquals(3, amount.column());
        assertTrue(amount.message().startsWith("Net Amount: "), amount.message());
    }

    @Test
    void windows1252AndUtf8WithAByteOrderMarkAreBothRead() throws IOException {
        String text = "Payment Date,Supplier Name,Net Amount,Description\n2026-10-14,Café Ltd,10.00,£ for tea\n";
        Collected latin = read(text.getBytes(Charset.forName("windows-1252")), detect());
        assertEquals("Café Ltd", latin.payments.get(0).supplierName());
        assertEquals("£ for tea", latin.payments.get(0).description());
        assertEquals("windows-1252", latin.details.encoding());
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        Collected bom = read(withBom, detect());
        assertEquals("Café Ltd", bom.payments.get(0).supplierName());
        assertEquals("UTF-8 with BOM", bom.details.encoding());
        assertEquals(latin.payments.get(0).rowKey(), bom.payments.get(0).rowKey(), "the same row whatever the encoding");
    }

    @Test
    void identicalRowsInOneFileAreTwoPaymentsAndReadingTheFileAgainGivesTheSameKeys() {
        String text = """
                Payment Date,Supplier Name,Net Amount,Transaction Number
                2022-07-25,NEW PROSPECTS ASSOCIATION LIMITED,240.46,2439808
                2022-07-25,NEW PROSPECTS ASSOCIATION LIMITED,240.46,2439808
                """;
        Collected once = read(text);
        Collected again = read(text);
        assertNotEquals(once.payments.get(0).rowKey(), once.payments.get(1).rowKey());
        assertEquals(once.payments.stream().map(IncomingPayment::rowKey).toList(),
                again.payments.stream().map(IncomingPayment::rowKey).toList());
    }

    @Test
    void aFileWithoutAnAmountColumnOrSupplierIsRefusedAsAWhole() {
        ApiProblemException noHeader = assertThrows(ApiProblemException.class, () -> read("a,b,c\n1,2,3\n"));
        assertEquals(422, noHeader.problem().status());
        assertTrue(noHeader.problem().type().endsWith("/csv-header"));
        assertEquals("header-not-found", noHeader.problem().errors().get(0).code());
        ApiProblemException noSupplier = assertThrows(ApiProblemException.class,
                () -> read("Payment Date,Net Amount\n2026-10-14,10\n"));
        assertTrue(noSupplier.problem().type().endsWith("/csv-header"));
        ProblemError missing = noSupplier.problem().errors().get(0);
        assertEquals("missing-column", missing.code());
        assertEquals(1L, missing.row());
        assertNull(missing.column());
        assertTrue(missing.message().contains("supplier name"), missing.message());
    }

    @Test
    void aDeclaredCharsetIsHeldToAndAMismatchIsA422() {
        byte[] latin = "Payment Date,Supplier Name,Net Amount\n2026-10-14,Caf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1);
        ApiProblemException mismatch = assertThrows(ApiProblemException.class,
                () -> read(latin, new SpendFileReader.Options(StandardCharsets.UTF_8, MappingDefinition.DETECT, null, null)));
        assertTrue(mismatch.problem().type().endsWith("/csv-unreadable"), mismatch.problem().toString());
        ProblemError error = mismatch.problem().errors().get(0);
        assertEquals("invalid-encoding", error.code());
        assertEquals(2L, error.row());
        assertEquals(2, error.column());
    }

    @Test
    void aNulAnywhereRefusesTheWholeFileNotOnlyItsRow() {
        ApiProblemException nul = assertThrows(ApiProblemException.class, () -> read("""
                Payment Date,Supplier Name,Net Amount,Description
                2026-10-14,A Ltd,10.00,fine
                2026-10-15,B Ltd,20.00,bad\u0000byte
                """));
        assertTrue(nul.problem().type().endsWith("/csv-unreadable"), nul.problem().toString());
        assertEquals(List.of(ProblemError.atCell(3, 4, "control-character", nul.problem().errors().get(0).message())),
                nul.problem().errors());
    }

    // The real files councils publish (../shared/data/spending).

    private static Collected realFile(String name, SpendFileReader.Options options) throws IOException {
        try (InputStream in = Files.newInputStream(SharedData.file("spending/" + name))) {
            Collected collected = new Collected();
            collected.details = READER.read(in, options, collected);
            return collected;
        }
    }

    @Test
    void darlington2017IsWindows1252WithFivePreambleLinesAndItsMonthAboveTheHeader() throws IOException {
        Collected file = realFile("darlington_over500_2017-03_original.csv", detect());
        assertEquals(6L, file.details.headerRow(), "row 5 is a technical header; row 6 names the columns");
        assertEquals("windows-1252", file.details.encoding());
        assertEquals(List.of(), file.rejected);
        assertEquals(2011, file.payments.size());
        assertEquals(new BigDecimal("7754200.42"), file.total());
        IncomingPayment first = file.payments.get(0);
        assertEquals(LocalDate.of(2017, 3, 31), first.paymentDate(), "Mar-17 above the header dates every payment");
        assertEquals(Payment.DatePrecision.MONTH, first.datePrecision());
        assertEquals(Payment.AmountBasis.NET, first.amountBasis());
        assertEquals("APSE PUBLICATIONS", first.supplierName());
        assertEquals("Economic Growth", first.department(), "'Directotate' is read as Directorate");
        assertEquals(new BigDecimal("2000.00"), first.amount());
        assertEquals(2011, file.payments.stream().map(IncomingPayment::rowKey).distinct().count());
    }

    @Test
    void darlington2022NewcastleAndNorthTynesideAreRecognisedWithoutAMapping() throws IOException {
        Collected darlington = realFile("darlington_over500_2022-09_clean.csv", detect());
        assertEquals(1487, darlington.payments.size());
        assertEquals(new BigDecimal("11281654.47"), darlington.total());
        Collected newcastle = realFile("newcastle_over250_2020-07_original.csv", detect());
        assertEquals(List.of(), newcastle.rejected);
        assertEquals(5297, newcastle.payments.size(), "3,923 blank rows at the end are skipped");
        assertEquals(new BigDecimal("38656982.19"), newcastle.total());
        assertEquals(1342, newcastle.payments.stream().filter(IncomingPayment::redacted).count());
        assertEquals(Payment.AmountBasis.NET, newcastle.payments.get(0).amountBasis(), "Total (excludes VAT)");
        Collected northTyneside = realFile("northtyneside_invoices_2022-07_clean_head5000.csv", detect());
        assertEquals(5000, northTyneside.payments.size());
        assertEquals(new BigDecimal("6496516.54"), northTyneside.total());
        assertEquals(831, northTyneside.payments.stream().filter(IncomingPayment::redacted).count());
        assertEquals(Payment.CapitalOrRevenue.REVENUE, northTyneside.payments.get(0).capitalOrRevenue());
        assertEquals("NON INFLUENCIBLE.PUBLIC SECTOR", northTyneside.payments.get(0).procurementClassification());
    }

    @Test
    void gatesheadNeedsItsSavedMappingAndItsPeriodsAreFinancialPeriods() throws IOException {
        SharedData.file("spending/gateshead_over500_2022-08_clean_head2000.csv");
        ApiProblemException unmapped = assertThrows(ApiProblemException.class,
                () -> realFile("gateshead_over500_2022-08_clean_head2000.csv", detect()));
        assertTrue(unmapped.problem().type().endsWith("/csv-header"));
        MappingDefinition gateshead = new MappingDefinition(Map.of("supplierName", "Supplier ID(T)",
                "department", "Nstrg(T)", "expenseType", "Cipfsubs(T)"), Payment.AmountBasis.NET,
                MappingDefinition.PeriodKind.FINANCIAL_YEAR_PERIOD);
        Collected file = realFile("gateshead_over500_2022-08_clean_head2000.csv",
                new SpendFileReader.Options(null, gateshead, null, null));
        assertEquals(2000, file.payments.size());
        assertEquals(new BigDecimal("1227614.96"), file.total());
        assertTrue(file.payments.stream().allMatch(p -> p.paymentDate().equals(LocalDate.of(2022, 8, 31))),
                "period 202205 is August 2022");
        assertEquals("Barclaycard - Global Commercial Payments", file.payments.get(0).supplierName());
        assertEquals("200078807", file.payments.get(0).transactionRef());
        assertEquals("1", file.payments.get(0).transactionLine());
    }
}
