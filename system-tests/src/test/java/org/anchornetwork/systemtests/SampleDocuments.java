package org.anchornetwork.systemtests;

import java.util.UUID;

/** Small documents several system tests send, each new every time so that nothing is taken for a repeat. */
final class SampleDocuments {

    private SampleDocuments() {
    }

    /** A one-row spend file of Darlington's, with a new transaction ({@code <label>-<uuid>}) each time. */
    static String spendFile(String label) {
        return "Payment Date,Supplier Name,Net Amount,Transaction Number\n2026-10-14,DL Building Supplies Ltd,321.00,"
                + label + "-" + UUID.randomUUID() + "\n";
    }

    /** An OCDS release package with one award of Darlington's, in a new contracting process each time. */
    static String releasePackage(String label) {
        String ocid = "ocds-" + label + "-" + UUID.randomUUID();
        return """
                {"uri":"https://portal.example/ocds/%2$s","version":"1.1","publishedDate":"2026-11-20T09:00:00Z",
                 "publisher":{"name":"Tees Tender Portal"},
                 "releases":[{"ocid":"%1$s","id":"%1$s-01","date":"2026-11-18T10:00:00Z","tag":["award"],"initiationType":"tender",
                   "parties":[{"id":"GB-LAE-DAL","name":"Darlington Borough Council","roles":["buyer"]},
                     {"id":"GB-COH-10000002","name":"DL Building Supplies Ltd","roles":["supplier"]}],
                   "buyer":{"id":"GB-LAE-DAL","name":"Darlington Borough Council"},
                   "awards":[{"id":"%1$s-a1","status":"active","value":{"amount":1200.00,"currency":"GBP"},
                     "suppliers":[{"id":"GB-COH-10000002","name":"DL Building Supplies Ltd"}]}]}]}""".formatted(ocid, label);
    }
}
