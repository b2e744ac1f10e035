package org.anchornetwork.spend.ingest.service;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows to PostgreSQL's {@code COPY … FROM STDIN} in its text format, a buffer at a time: the fastest way
 * rows go into a table, without holding them in memory.
 */
public final class CopyWriter {

    private static final int FLUSH_AT = 1 << 18;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
    private boolean firstField = true;

    private CopyWriter(CopyIn copy) {
        this.copy = copy;
    }

    /** Starts {@code copy <table> (<columns>) from stdin} on the connection (of the current transaction). */
    public static CopyWriter start(Connection connection, String table, String columns) throws SQLException {
        return new CopyWriter(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin"));
    }

    /** The next field of the current row; null is SQL NULL. */
    public CopyWriter field(String value) {
        if (!firstField) {
            buffer.append('\t');
        }
        firstField = false;
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
        return this;
    }

    public void endRow() {
        buffer.append('\n');
        firstField = true;
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends what is buffered and ends the COPY; returns the rows the database received. */
    public long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    /** Abandons the COPY (the transaction then rolls back). */
    public void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // the transaction is rolled back anyway
        }
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stream rows to the database", e);
        }
    }
}
