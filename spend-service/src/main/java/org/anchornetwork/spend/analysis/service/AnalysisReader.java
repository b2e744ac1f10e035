package org.anchornetwork.spend.analysis.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.common.problem.ApiProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the analyses' read-only queries on the analysis pool, whose connections carry a statement timeout, so that a
 * pathological query is cut off (503) rather than tying up connections. Straight JDBC, autocommit: one round trip a
 * query, no transaction manager or entity session on the hot path.
 */
@ApplicationScoped
public class AnalysisReader {

    /** Reads one row of a result. */
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static final int FETCH_SIZE = 5000;

    private final DataSource dataSource;
    private final long timeoutMillis;

    public AnalysisReader(@io.quarkus.agroal.DataSource("analysis") DataSource dataSource,
            @ConfigProperty(name = "anchor.spend.analysis.statement-timeout", defaultValue = "5s") Duration timeout) {
        this.dataSource = dataSource;
        this.timeoutMillis = timeout.toMillis();
    }

    /** Queries run one after another on one connection, in one read-only transaction with the timeout. */
    public interface Session {
        <T> List<T> list(String sql, SqlParameters parameters, RowReader<T> reader);

        /** Reads rows as they come (fetched in pages) until {@code reader} answers false. */
        void each(String sql, SqlParameters parameters, RowReader<Boolean> reader);
    }

    /** Work that runs its queries in one session. */
    public interface Work<R> {
        R run(Session session);
    }

    /** One query in a session of its own. */
    public <T> List<T> list(String sql, SqlParameters parameters, RowReader<T> reader) {
        return session(session -> session.list(sql, parameters, reader));
    }

    /** Runs {@code work} on one pooled connection, its queries one after another. */
    public <R> R session(Work<R> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(new Session() {
                @Override
                public <T> List<T> list(String sql, SqlParameters parameters, RowReader<T> reader) {
                    try (PreparedStatement query = connection.prepareStatement(sql)) {
                        parameters.bind(connection, query);
                        List<T> rows = new ArrayList<>();
                        try (ResultSet result = query.executeQuery()) {
                            while (result.next()) {
                                rows.add(reader.read(result));
                            }
                        }
                        return rows;
                    } catch (SQLException e) {
                        throw failure(e);
                    }
                }

                @Override
                public void each(String sql, SqlParameters parameters, RowReader<Boolean> reader) {
                    // The driver fetches in pages only inside a transaction.
                    try {
                        connection.setAutoCommit(false);
                        try (PreparedStatement query = connection.prepareStatement(sql)) {
                            query.setFetchSize(FETCH_SIZE);
                            parameters.bind(connection, query);
                            try (ResultSet result = query.executeQuery()) {
                                while (result.next() && reader.read(result)) {
                                    // read on
                                }
                            }
                        } finally {
                            connection.rollback();
                            connection.setAutoCommit(true);
                        }
                    } catch (SQLException e) {
                        throw failure(e);
                    }
                }
            });
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private RuntimeException failure(SQLException e) {
        if ("57014".equals(e.getSQLState())) {
            return new ApiProblemException(503, "query-timeout", "Query took too long",
                    "The analysis did not finish within " + timeoutMillis + " ms; add cuts (a financial year, a category, "
                            + "an anchor) or fewer drilldowns, and try again", null);
        }
        return new IllegalStateException("An analysis query failed", e);
    }
}
