package org.anchornetwork.pledge.giving;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.Problem;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.pledge.giving.service.GrantRecord;
import org.anchornetwork.pledge.giving.service.ThreeSixtyGivingReader;
import org.anchornetwork.testsupport.SharedData;
import org.junit.jupiter.api.Test;

/** The 360Giving reader against the Indigo Trust sample (real, early-format data) and small documents written here. */
class ThreeSixtyGivingReaderTest {

    private static final String SAMPLE_JSON = "threesixtygiving/indigo_trust_grants_first23.json";
    private static final String SAMPLE_CSV = "threesixtygiving/indigo_trust_grants_first23_flat.csv";
    /** The Indigo Trust's own identifier: its grants are its own. */
    private static final Set<String> INDIGO = Set.of("360G-indigotrust");
    /** The funder of the small documents below. */
    private static final Set<String> FUNDER = Set.of("GB-CHC-2");

    // ------------------------------------------------------------------------------------------ the real sample

    @Test
    void readsTheIndigoTrustJsonSample() throws IOException {
        List<GrantRecord> grants = read(SharedData.file(SAMPLE_JSON), in -> ThreeSixtyGivingReader.readJson(in, INDIGO));
        assertSample(grants);
    }

    @Test
    void readsTheIndigoTrustCsvSample() throws IOException {
        List<GrantRecord> grants = read(SharedData.file(SAMPLE_CSV), in -> ThreeSixtyGivingReader.readCsv(in, "text/csv", INDIGO));
        assertSample(grants);
    }

    @Test
    void theSampleReadByAnotherOrganisationIsEveryGrantRefusedAtItsFunder() throws IOException {
        Set<String> bakery = Set.of("GB-COH-10000004", "360G-teesvalleybakery");
        Problem json = assertThrows(ApiProblemException.class, () -> read(SharedData.file(SAMPLE_JSON),
                in -> ThreeSixtyGivingReader.readJson(in, bakery))).problem();
        assertEquals(422, json.status());
        assertEquals("23 grant(s) are not valid 360Giving", json.detail());
        assertTrue(json.errors().stream().allMatch(error -> error.code().equals("funder-not-importer")
                && error.pointer().matches("/grants/\\d+/fundingOrganization/0/id")), json.errors().toString());
        Problem csv = assertThrows(ApiProblemException.class, () -> read(SharedData.file(SAMPLE_CSV),
                in -> ThreeSixtyGivingReader.readCsv(in, "text/csv", bakery))).problem();
        assertEquals(23, csv.errors().size());
        assertEquals("2:18 funder-not-importer", describe(csv.errors().get(0)));
        assertTrue(csv.errors().get(0).message().contains("360G-indigotrust"), csv.errors().get(0).message());
    }

    @Test
    void theJsonAndCsvSamplesAgreeGrantByGrant() throws IOException {
        List<GrantRecord> json = read(SharedData.file(SAMPLE_JSON), in -> ThreeSixtyGivingReader.readJson(in, INDIGO));
        List<GrantRecord> csv = read(SharedData.file(SAMPLE_CSV), in -> ThreeSixtyGivingReader.readCsv(in, "text/csv", INDIGO));
        assertEquals(json.size(), csv.size());
        for (int i = 0; i < json.size(); i++) {
            GrantRecord j = json.get(i);
            GrantRecord c = csv.get(i);
            String where = "grant " + i + " (" + j.id() + ")";
            assertAll(where,
                    () -> assertEquals(j.id(), c.id()),
                    () -> assertEquals(0, j.amountAwarded().compareTo(c.amountAwarded()),
                            j.amountAwarded() + " vs " + c.amountAwarded()),
                    () -> assertEquals(j.awardDate(), c.awardDate()),
                    () -> assertEquals(j.recipientOrganisationId(), c.recipientOrganisationId()),
                    () -> assertEquals(j.recipientPostcode(), c.recipientPostcode()),
                    () -> assertEquals(j.currency(), c.currency()),
                    () -> assertEquals(j.fundingOrganisationId(), c.fundingOrganisationId()));
        }
    }

    private static void assertSample(List<GrantRecord> grants) {
        assertEquals(23, grants.size());
        BigDecimal total = grants.stream().map(GrantRecord::amountAwarded).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, total.compareTo(new BigDecimal("863692")), "total " + total);
        GrantRecord first = grants.get(0);
        assertEquals("360G-indigotrust:IND1", first.id());
        assertEquals("Space to Imagine", first.title());
        assertEquals(LocalDate.of(2001, 3, 26), first.awardDate());
        assertEquals("E15 4QZ", first.recipientPostcode());
        assertEquals("GB-CHC-1070468", first.recipientOrganisationId());
        assertEquals("Discover", first.recipientOrganisationName());
        assertEquals("GBP", first.currency());
        assertEquals("360G-indigotrust", first.fundingOrganisationId());
        assertEquals("Indigo Trust", first.fundingOrganisationName());
        assertEquals(List.of(), first.beneficiaryGeoCodes());
        // The exact number text, never a double: 10000.0 keeps its scale.
        assertEquals(new BigDecimal("10000.0"), first.amountAwarded());
        assertEquals("360G-indigotrust:IND26", grants.get(22).id());
    }

    // ------------------------------------------------------------------------------------------ small JSON documents

    @Test
    void jsonReadsGeoCodesIsoDatesAndExactAmounts() {
        List<GrantRecord> grants = json("""
                {"grants": [
                  {"id": "360G-example:1", "title": "Food bank", "currency": "GBP", "amountAwarded": 1250.10,
                   "awardDate": "2019-03-26T00:00:00Z",
                   "recipientOrganization": [{"id": "GB-CHC-1", "name": "Darlington Food Bank", "postalCode": " dl1 1aa "}],
                   "fundingOrganization": [{"id": "GB-CHC-2", "name": "A Funder"}],
                   "beneficiaryLocation": [{"name": "Darlington", "geoCode": "E06000005", "geoCodeType": "UA"},
                                           {"name": "Darlington again", "geoCode": "E06000005"},
                                           {"name": "County Durham", "geoCode": "E06000047"}],
                   "Internal Organisation ID": "ignored", "extra": {"nested": [1, 2, 3]}},
                  {"id": "360G-example:2", "currency": "EUR", "amountAwarded": 0.1, "awardDate": "2019-03-27T10:15:00",
                   "recipientOrganization": [{"id": "GB-CHC-3", "postalCode": ""}], "fundingOrganization": [{"id": "gb-chc-2"}]},
                  {"id": "360G-example:3", "currency": "GBP", "amountAwarded": 99999999999999999, "awardDate": "2020-02-29",
                   "fundingOrganization": {"id": "GB-CHC-2"}},
                  {"id": "360G-example:4", "currency": "GBP", "amountAwarded": 5e3, "awardDate": "01/02/2003", "fundingOrganization": [{"id": "GB-CHC-2"}]}
                ],
                "license": "https://creativecommons.org/licenses/by/4.0/"}""");
        assertEquals(4, grants.size());
        GrantRecord first = grants.get(0);
        assertEquals(List.of("E06000005", "E06000047"), first.beneficiaryGeoCodes());
        assertEquals(new BigDecimal("1250.10"), first.amountAwarded());
        assertEquals(LocalDate.of(2019, 3, 26), first.awardDate());
        assertEquals("DL1 1AA", first.recipientPostcode());
        assertEquals("A Funder", first.fundingOrganisationName());

        GrantRecord second = grants.get(1);
        assertEquals("EUR", second.currency(), "grants in other currencies are kept");
        assertEquals(new BigDecimal("0.1"), second.amountAwarded());
        assertEquals(LocalDate.of(2019, 3, 27), second.awardDate());
        assertNull(second.recipientPostcode());
        assertNull(second.title());
        assertEquals(List.of(), second.beneficiaryGeoCodes());

        assertEquals(new BigDecimal("99999999999999999"), grants.get(2).amountAwarded());
        assertEquals(LocalDate.of(2020, 2, 29), grants.get(2).awardDate());
        assertEquals(0, grants.get(3).amountAwarded().compareTo(new BigDecimal("5000")));
        assertEquals(LocalDate.of(2003, 2, 1), grants.get(3).awardDate());
    }

    @Test
    void jsonAcceptsABareArrayOfGrants() {
        List<GrantRecord> grants = json("""
                [{"id": "360G-example:1", "currency": "GBP", "amountAwarded": 10, "awardDate": "2019-03-26", "fundingOrganization": [{"id": "GB-CHC-2"}],
                  "recipientOrganization": {"id": "GB-CHC-1", "postalCode": "E15 4QZ"},
                  "beneficiaryLocation": {"geoCode": "E06000005"}}]""");
        assertEquals(1, grants.size());
        assertEquals("GB-CHC-1", grants.get(0).recipientOrganisationId());
        assertEquals(List.of("E06000005"), grants.get(0).beneficiaryGeoCodes());
    }

    @Test
    void jsonReportsEveryInvalidGrantAtOnceWithPointers() {
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> json("""
                {"grants": [
                  {"id": "ok-1", "currency": "GBP", "amountAwarded": 100, "awardDate": "2019-03-26", "fundingOrganization": [{"id": "GB-CHC-2"}]},
                  {"id": "bad-amount", "currency": "GBP", "amountAwarded": "ten pounds", "awardDate": "2019-03-26", "fundingOrganization": [{"id": "GB-CHC-2"}]},
                  {"id": "bad-date", "currency": "GBP", "amountAwarded": 100, "awardDate": "31/02/2019", "fundingOrganization": [{"id": "GB-CHC-2"}]},
                  {"id": "bad-currency", "currency": "gbp", "amountAwarded": 100, "awardDate": "2019-03-26", "fundingOrganization": [{"id": "GB-CHC-2"}]},
                  {"title": "no id", "currency": "GBP", "amountAwarded": -5, "awardDate": "2019-03-26T00:00:00+01:00", "fundingOrganization": [{"id": "GB-CHC-2"}]},
                  {"id": "nothing-else", "fundingOrganization": [{"id": "GB-CHC-2"}]},
                  "not a grant",
                  {"id": "someone-elses", "currency": "GBP", "amountAwarded": 100, "awardDate": "2019-03-26",
                   "fundingOrganization": [{"id": "GB-CHC-999", "name": "Another Trust"}]},
                  {"id": "no-funder", "currency": "GBP", "amountAwarded": 100, "awardDate": "2019-03-26"}
                ]}"""));
        Problem problem = e.problem();
        assertEquals(422, problem.status());
        assertEquals("8 grant(s) are not valid 360Giving", problem.detail());
        assertErrors(problem,
                "/grants/1/amountAwarded invalid-number",
                "/grants/2/awardDate invalid-date",
                "/grants/3/currency invalid-currency",
                "/grants/4/id required",
                "/grants/4/amountAwarded negative-amount",
                "/grants/5/amountAwarded required",
                "/grants/5/currency required",
                "/grants/5/awardDate required",
                "/grants/6 invalid-type",
                "/grants/7/fundingOrganization/0/id funder-not-importer",
                "/grants/8/fundingOrganization required");
    }

    @Test
    void jsonReportsFieldsOfTheWrongType() {
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> json("""
                {"grants": [{"id": 7, "currency": "GBP", "amountAwarded": 1, "awardDate": "2019-03-26", "fundingOrganization": [{"id": "GB-CHC-2"}],
                  "recipientOrganization": [{"postalCode": 123}], "beneficiaryLocation": [{"geoCode": ["E06000005"]}]}]}"""));
        assertErrors(e.problem(),
                "/grants/0/id invalid-type",
                "/grants/0/recipientOrganization/0/postalCode invalid-type",
                "/grants/0/beneficiaryLocation/0/geoCode invalid-type");
    }

    @Test
    void jsonPackageWithoutGrantsIsInvalid() {
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> json("{\"license\": \"x\"}"));
        assertEquals(422, e.problem().status());
        assertErrors(e.problem(), "/grants required");
    }

    @Test
    void duplicateIdsInJsonAreReportedAtTheLaterGrant() {
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> json("""
                {"grants": [
                  {"id": "360G-x:1", "currency": "GBP", "amountAwarded": 1, "awardDate": "2019-03-26", "fundingOrganization": [{"id": "GB-CHC-2"}]},
                  {"id": "360G-x:2", "currency": "GBP", "amountAwarded": 1, "awardDate": "2019-03-26", "fundingOrganization": [{"id": "GB-CHC-2"}]},
                  {"id": "360G-x:1", "currency": "GBP", "amountAwarded": 2, "awardDate": "2019-03-27", "fundingOrganization": [{"id": "GB-CHC-2"}]}
                ]}"""));
        assertEquals(422, e.problem().status());
        assertEquals("1 grant(s) are not valid 360Giving", e.problem().detail());
        assertErrors(e.problem(), "/grants/2/id duplicate-id");
        assertTrue(e.problem().errors().get(0).message().contains("/grants/0"), e.problem().errors().get(0).message());
    }

    @Test
    void malformedJsonIsABadRequestNamingLineAndColumn() {
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> json("""
                {"grants": [
                  {"id": "360G-x:1", "currency": "GBP" "amountAwarded": 1}
                ]}"""));
        assertEquals(400, e.problem().status());
        assertEquals(Problem.TYPE_BASE + "malformed-request", e.problem().type());
        assertTrue(e.problem().detail().contains("line 2"), e.problem().detail());
        assertTrue(e.problem().detail().contains("column"), e.problem().detail());

        assertEquals(400, assertThrows(ApiProblemException.class, () -> json("")).problem().status());
        assertEquals(400, assertThrows(ApiProblemException.class, () -> json("{\"grants\": []} trailing")).problem().status());
    }

    @Test
    void errorsAreCappedAtOneHundred() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 150; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\": \"g").append(i).append("\", \"fundingOrganization\": {\"id\": \"GB-CHC-2\"}}");
        }
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> json(body.append(']').toString()));
        assertEquals(ThreeSixtyGivingReader.MAX_ERRORS, e.problem().errors().size());
        assertTrue(e.problem().detail().startsWith("150 grant(s) are not valid 360Giving"), e.problem().detail());
    }

    // ------------------------------------------------------------------------------------------ small CSV documents

    @Test
    void csvReadsNumberedGeoCodesBomAndLooseHeaders() {
        List<GrantRecord> grants = csv("\uFEFF identifier ,Title,CURRENCY,Amount Awarded,award date,"
                + "Recipient Org : Identifier,Recipient Org:Postal Code,"
                + "Beneficiary Location:0:Geographic Code,Beneficiary Location:0:Name,Beneficiary Location:1:Geographic Code,"
                + "Funding Org:0:Identifier,Last modified\r\n"
                + "360G-x:1,\"A title, with a comma\",GBP,\"1,250.50\",2019-03-26,GB-CHC-1, e15 4qz ,E06000005,Darlington,"
                + "E06000047,GB-CHC-2,29/04/2015 12:10\r\n"
                + ",,,,,,,,,,,\r\n"
                + "360G-x:2,,USD,10000.0,26/03/2001 00:00,,,,,E06000005,GB-CHC-2,\r\n");
        assertEquals(2, grants.size());
        GrantRecord first = grants.get(0);
        assertEquals("360G-x:1", first.id());
        assertEquals("A title, with a comma", first.title());
        assertEquals(new BigDecimal("1250.50"), first.amountAwarded());
        assertEquals("E15 4QZ", first.recipientPostcode());
        assertEquals("GB-CHC-1", first.recipientOrganisationId());
        assertEquals("GB-CHC-2", first.fundingOrganisationId());
        assertEquals(List.of("E06000005", "E06000047"), first.beneficiaryGeoCodes());
        GrantRecord second = grants.get(1);
        assertEquals("USD", second.currency());
        assertEquals(LocalDate.of(2001, 3, 26), second.awardDate());
        assertNull(second.recipientPostcode());
        assertEquals(List.of("E06000005"), second.beneficiaryGeoCodes());
    }

    @Test
    void csvReadsTheUnnumberedGeographicCodeColumn() {
        List<GrantRecord> grants = csv("""
                Identifier,Currency,Amount Awarded,Award Date,Beneficiary Location:Geographic Code,Funding Org:Identifier
                360G-x:1,GBP,500,2019-03-26,E06000005,GB-CHC-2
                """);
        assertEquals(List.of("E06000005"), grants.get(0).beneficiaryGeoCodes());
    }

    @Test
    void csvReportsEveryInvalidCellAtOnceWithRecordRowsAndColumns() {
        // Row = the CSV record's index (header = 1), so the quoted newline in row 2's title does not shift later rows.
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> csv("""
                Identifier,Title,Currency,Amount Awarded,Award Date,Funding Org:Identifier
                360G-x:1,"A title
                over two lines",GBP,£100,2019-03-26,GB-CHC-2
                360G-x:2,,GBP,100 pounds,2019-03-26,GB-CHC-2
                360G-x:3,,GBP,100,2019-13-01,GB-CHC-2
                360G-x:4,,Pounds,100,2019-03-26,GB-CHC-2
                ,,GBP,"1,00",2019-03-26,GB-CHC-2
                360G-x:6,,,(1.00),,GB-CHC-2
                360G-x:7,,GBP,100,2019-03-26,GB-CHC-999
                360G-x:8,,GBP,100,2019-03-26,
                """));
        Problem problem = e.problem();
        assertEquals(422, problem.status());
        assertEquals("7 grant(s) are not valid 360Giving", problem.detail());
        assertErrors(problem,
                "3:4 invalid-number",
                "4:5 invalid-date",
                "5:3 invalid-currency",
                "6:1 required",
                "6:4 invalid-number",
                "7:4 negative-amount",
                "7:3 required",
                "7:5 required",
                "8:6 funder-not-importer",
                "9:6 required");
        assertEquals("Amount Awarded: '100 pounds' is not an amount in pounds (such as 10000, 1,250.50 or £1,250.50)",
                problem.errors().get(0).message());
    }

    @Test
    void csvWithoutARequiredColumnIsInvalid() {
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> csv("""
                Identifier,Title,Currency,Award Date
                360G-x:1,A grant,GBP,2019-03-26
                """));
        Problem problem = e.problem();
        assertEquals(422, problem.status());
        assertEquals(Problem.TYPE_BASE + "csv-header", problem.type());
        assertErrors(problem, "1:null missing-column", "1:null missing-column");
        assertTrue(problem.errors().get(0).message().contains("\"Amount Awarded\""), problem.errors().get(0).message());
        assertTrue(problem.errors().get(1).message().contains("\"Funding Org:Identifier\""), problem.errors().get(1).message());
    }

    @Test
    void duplicateIdsInCsvAreReportedAtTheLaterRow() {
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> csv("""
                Title,Identifier,Currency,Amount Awarded,Award Date,Funding Org:Identifier
                First,360G-x:1,GBP,100,2019-03-26,GB-CHC-2
                Second,360G-x:1,GBP,200,2019-03-27,GB-CHC-2
                """));
        assertErrors(e.problem(), "3:2 duplicate-id");
        assertTrue(e.problem().errors().get(0).message().contains("row 2"), e.problem().errors().get(0).message());
    }

    @Test
    void csvThatIsNotCsvTextIsRefusedAsAWholeAsEveryCsvUploadIs() {
        String header = "Identifier,Title,Currency,Amount Awarded,Award Date,Funding Org:Identifier\n";
        Problem unterminated = assertThrows(ApiProblemException.class,
                () -> csv(header + "360G-x:1,,GBP,100,\"2019-03-26,GB-CHC-2\n")).problem();
        assertEquals(422, unterminated.status());
        assertEquals(Problem.TYPE_BASE + "csv-unreadable", unterminated.type());
        assertEquals("malformed-csv", unterminated.errors().get(0).code());

        byte[] latin1 = (header + "360G-x:1,Caf\u00e9,GBP,1,2019-03-26,GB-CHC-2\n").getBytes(StandardCharsets.ISO_8859_1);
        Problem notUtf8 = assertThrows(ApiProblemException.class, () -> ThreeSixtyGivingReader.readCsv(
                new ByteArrayInputStream(latin1), "text/csv; charset=UTF-8", FUNDER)).problem();
        assertEquals(Problem.TYPE_BASE + "csv-unreadable", notUtf8.type());
        assertErrors(notUtf8, "2:2 invalid-encoding");
        assertEquals("Café", ThreeSixtyGivingReader.readCsv(new ByteArrayInputStream(latin1), "text/csv", FUNDER).get(0).title(),
                "without a charset, bytes that are not UTF-8 are read as Windows-1252");

        Problem nul = assertThrows(ApiProblemException.class,
                () -> csv(header + "360G-x:1,Nul\u0000title,GBP,1,2019-03-26,GB-CHC-2\n")).problem();
        assertEquals(Problem.TYPE_BASE + "csv-unreadable", nul.type());
        assertErrors(nul, "2:2 control-character");

        Problem empty = assertThrows(ApiProblemException.class, () -> csv("")).problem();
        assertEquals(Problem.TYPE_BASE + "csv-header", empty.type());
        assertEquals(422, empty.status());
    }

    @Test
    void controlCharactersInJsonTextAreABadRequestPointingAtThem() {
        Problem problem = assertThrows(ApiProblemException.class, () -> json("""
                {"grants": [{"id": "360G-x:1", "currency": "GBP", "amountAwarded": 1, "awardDate": "2019-03-26",
                  "fundingOrganization": [{"id": "GB-CHC-2"}]},
                 {"id": "360G-x:2", "title": "Nul\\u0000title", "currency": "GBP", "amountAwarded": 1,
                  "awardDate": "2019-03-26", "fundingOrganization": [{"id": "GB-CHC-2"}]}]}""")).problem();
        assertEquals(400, problem.status());
        assertEquals(Problem.TYPE_BASE + "malformed-request", problem.type());
        assertErrors(problem, "/grants/1/title control-character");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static List<GrantRecord> read(Path file, Function<InputStream, List<GrantRecord>> reader) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return reader.apply(in);
        }
    }

    private static List<GrantRecord> json(String text) {
        return ThreeSixtyGivingReader.readJson(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), FUNDER);
    }

    private static List<GrantRecord> csv(String text) {
        return ThreeSixtyGivingReader.readCsv(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "text/csv", FUNDER);
    }

    /** Each error as {@code "pointer code"} or {@code "row:column code"}, in order. */
    private static void assertErrors(Problem problem, String... expected) {
        List<String> actual = problem.errors().stream().map(ThreeSixtyGivingReaderTest::describe).toList();
        assertEquals(List.of(expected), actual, () -> problem.detail() + " " + problem.errors());
    }

    private static String describe(ProblemError error) {
        String where = error.pointer() != null ? error.pointer() : error.row() + ":" + error.column();
        return where + " " + error.code();
    }
}
