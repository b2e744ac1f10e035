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

    // ------------------------------------------------------------------------------------------ the real sample

    @Test
    void readsTheIndigoTrustJsonSample() throws IOException {
        List<GrantRecord> grants = read(SharedData.file(SAMPLE_JSON), ThreeSixtyGivingReader::readJson);
        assertSample(grants);
    }

    @Test
    void readsTheIndigoTrustCsvSample() throws IOException {
        List<GrantRecord> grants = read(SharedData.file(SAMPLE_CSV), ThreeSixtyGivingReader::readCsv);
        assertSample(grants);
    }

    @Test
    void theJsonAndCsvSamplesAgreeGrantByGrant() throws IOException {
        List<GrantRecord> json = read(SharedData.file(SAMPLE_JSON), ThreeSixtyGivingReader::readJson);
        List<GrantRecord> csv = read(SharedData.file(SAMPLE_CSV), ThreeSixtyGivingReader::readCsv);
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
                   "recipientOrganization": [{"id": "GB-CHC-3", "postalCode": ""}]},
                  {"id": "360G-example:3", "currency": "GBP", "amountAwarded": 99999999999999999, "awardDate": "2020-02-29"},
                  {"id": "360G-example:4", "currency": "GBP", "amountAwarded": 5e3, "awardDate": "01/02/2003"}
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
                [{"id": "360G-example:1", "currency": "GBP", "amountAwarded": 10, "awardDate": "2019-03-26",
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
                  {"id": "ok-1", "currency": "GBP", "amountAwarded": 100, "awardDate": "2019-03-26"},
                  {"id": "bad-amount", "currency": "GBP", "amountAwarded": "ten pounds", "awardDate": "2019-03-26"},
                  {"id": "bad-date", "currency": "GBP", "amountAwarded": 100, "awardDate": "31/02/2019"},
                  {"id": "bad-currency", "currency": "gbp", "amountAwarded": 100, "awardDate": "2019-03-26"},
                  {"title": "no id", "currency": "GBP", "amountAwarded": -5, "awardDate": "2019-03-26T00:00:00+01:00"},
                  {"id": "nothing-else"},
                  "not a grant"
                ]}"""));
        Problem problem = e.problem();
        assertEquals(422, problem.status());
        assertEquals("6 grant(s) are not valid 360Giving", problem.detail());
        assertErrors(problem,
                "/grants/1/amountAwarded invalid-number",
                "/grants/2/awardDate invalid-date",
                "/grants/3/currency invalid-currency",
                "/grants/4/id required",
                "/grants/4/amountAwarded negative-amount",
                "/grants/5/amountAwarded required",
                "/grants/5/currency required",
                "/grants/5/awardDate required",
                "/grants/6 invalid-type");
    }

    @Test
    void jsonReportsFieldsOfTheWrongType() {
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> json("""
                {"grants": [{"id": 7, "currency": "GBP", "amountAwarded": 1, "awardDate": "2019-03-26",
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
                  {"id": "360G-x:1", "currency": "GBP", "amountAwarded": 1, "awardDate": "2019-03-26"},
                  {"id": "360G-x:2", "currency": "GBP", "amountAwarded": 1, "awardDate": "2019-03-26"},
                  {"id": "360G-x:1", "currency": "GBP", "amountAwarded": 2, "awardDate": "2019-03-27"}
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
            body.append(i == 0 ? "" : ",").append("{\"id\": \"g").append(i).append("\"}");
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
                + "360G-x:2,,USD,10000.0,26/03/2001 00:00,,,,,E06000005,,\r\n");
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
                Identifier,Currency,Amount Awarded,Award Date,Beneficiary Location:Geographic Code
                360G-x:1,GBP,500,2019-03-26,E06000005
                """);
        assertEquals(List.of("E06000005"), grants.get(0).beneficiaryGeoCodes());
    }

    @Test
    void csvReportsEveryInvalidCellAtOnceWithRecordRowsAndColumns() {
        // Row = the CSV record's index (header = 1), so the quoted newline in row 2's title does not shift later rows.
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> csv("""
                Identifier,Title,Currency,Amount Awarded,Award Date
                360G-x:1,"A title
                over two lines",GBP,100,2019-03-26
                360G-x:2,,GBP,£100,2019-03-26
                360G-x:3,,GBP,100,2019-13-01
                360G-x:4,,Pounds,100,2019-03-26
                ,,GBP,"1,00",2019-03-26
                360G-x:6,,,-1,
                """));
        Problem problem = e.problem();
        assertEquals(422, problem.status());
        assertEquals("5 grant(s) are not valid 360Giving", problem.detail());
        assertErrors(problem,
                "3:4 invalid-number",
                "4:5 invalid-date",
                "5:3 invalid-currency",
                "6:1 required",
                "6:4 invalid-number",
                "7:4 negative-amount",
                "7:3 required",
                "7:5 required");
    }

    @Test
    void csvWithoutARequiredColumnIsInvalid() {
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> csv("""
                Identifier,Title,Currency,Award Date
                360G-x:1,A grant,GBP,2019-03-26
                """));
        Problem problem = e.problem();
        assertEquals(422, problem.status());
        assertErrors(problem, "/header missing-column");
        assertTrue(problem.errors().get(0).message().contains("\"Amount Awarded\""), problem.errors().get(0).message());
    }

    @Test
    void duplicateIdsInCsvAreReportedAtTheLaterRow() {
        ApiProblemException e = assertThrows(ApiProblemException.class, () -> csv("""
                Title,Identifier,Currency,Amount Awarded,Award Date
                First,360G-x:1,GBP,100,2019-03-26
                Second,360G-x:1,GBP,200,2019-03-27
                """));
        assertErrors(e.problem(), "3:2 duplicate-id");
        assertTrue(e.problem().errors().get(0).message().contains("row 2"), e.problem().errors().get(0).message());
    }

    @Test
    void malformedCsvIsABadRequest() {
        ApiProblemException unterminated = assertThrows(ApiProblemException.class, () -> csv("""
                Identifier,Currency,Amount Awarded,Award Date
                360G-x:1,GBP,100,"2019-03-26
                """));
        assertEquals(400, unterminated.problem().status());
        assertEquals(Problem.TYPE_BASE + "malformed-request", unterminated.problem().type());

        byte[] latin1 = "Identifier,Title,Currency,Amount Awarded,Award Date\n360G-x:1,Caf\u00e9,GBP,1,2019-03-26\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        ApiProblemException notUtf8 = assertThrows(ApiProblemException.class,
                () -> ThreeSixtyGivingReader.readCsv(new ByteArrayInputStream(latin1)));
        assertEquals(400, notUtf8.problem().status());
        assertTrue(notUtf8.problem().detail().contains("UTF-8"), notUtf8.problem().detail());

        assertEquals(400, assertThrows(ApiProblemException.class, () -> csv("")).problem().status());
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static List<GrantRecord> read(Path file, Function<InputStream, List<GrantRecord>> reader) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return reader.apply(in);
        }
    }

    private static List<GrantRecord> json(String text) {
        return ThreeSixtyGivingReader.readJson(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<GrantRecord> csv(String text) {
        return ThreeSixtyGivingReader.readCsv(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
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
