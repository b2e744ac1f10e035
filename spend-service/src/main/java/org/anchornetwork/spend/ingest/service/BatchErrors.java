package org.anchornetwork.spend.ingest.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

import org.anchornetwork.common.problem.ProblemError;

/** Writes a batch's row-level errors ({@code ingest_batch_error}) on the connection of the batch's transaction. */
public final class BatchErrors {

    private BatchErrors() {
    }

    public static void record(Connection connection, UUID batchId, List<ProblemError> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into ingest_batch_error (batch_id, seq, source_row, source_column, pointer, code, message)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < errors.size(); i++) {
                ProblemError error = errors.get(i);
                insert.setObject(1, batchId);
                insert.setInt(2, i + 1);
                if (error.row() == null) {
                    insert.setNull(3, Types.BIGINT);
                } else {
                    insert.setLong(3, error.row());
                }
                if (error.column() == null) {
                    insert.setNull(4, Types.INTEGER);
                } else {
                    insert.setInt(4, error.column());
                }
                insert.setString(5, truncate(error.pointer(), 200));
                insert.setString(6, truncate(error.code(), 60));
                insert.setString(7, truncate(error.message(), 500));
                insert.addBatch();
                if ((i + 1) % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
