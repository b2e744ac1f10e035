package org.anchornetwork.spend.ingest.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key that makes a payment the same payment when it is sent again. Systems that send JSON give a transaction
 * reference and line they keep unique. Published files often do not (order "0" on a third of Darlington's 2017
 * rows; the same invoice line twice in North Tyneside's), so a file row's key is a digest of its parsed values and
 * its occurrence among identical rows of that file: the same file, or an overlapping one, is stored once, while two
 * identical payments in one file stay two payments.
 */
public final class RowKeys {

    private static final char SEPARATOR = '\u001f';

    private RowKeys() {
    }

    public static String ofTransaction(String transactionRef, String transactionLine) {
        return "t:" + describe(transactionRef, transactionLine);
    }

    /** How a duplicate is named to the client: the reference, and the line when there is one. */
    public static String describe(String transactionRef, String transactionLine) {
        return transactionLine == null || transactionLine.isEmpty() ? transactionRef : transactionRef + "#" + transactionLine;
    }

    /** Digests a file row's values; not thread-safe, one per upload. */
    public static final class FileRowDigester {
        private final MessageDigest sha256;
        private final OccurrenceCounter occurrences = new OccurrenceCounter();
        private final StringBuilder canonical = new StringBuilder(256);

        public FileRowDigester() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }

        /** The key of the next row with these values (in a stable order: the same file gives the same keys). */
        public String keyOf(Object... values) {
            canonical.setLength(0);
            for (Object value : values) {
                canonical.append(value == null ? "" : value.toString()).append(SEPARATOR);
            }
            byte[] digest = sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            long prefix = 0;
            for (int i = 0; i < 8; i++) {
                prefix = (prefix << 8) | (digest[i] & 0xff);
            }
            int occurrence = occurrences.increment(prefix);
            return "h:" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16))
                    + ":" + occurrence;
        }
    }
}
