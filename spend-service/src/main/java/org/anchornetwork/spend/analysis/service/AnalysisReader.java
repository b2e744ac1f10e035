package org.anchornetwork.spend.analysis.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.common.problem.ApiProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the analyses' read-only queries with a statement timeout, so that a pathological query is cut off (503)
 * rather than tying up the pool. Straight JDBC: no transaction manager or entity session on the hot path.
 */
@ApplicationScoped
public class AnalysisReader {

    /** Reads one row of a result. */
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;
    private final long timeoutMillis;

    public AnalysisReader(DataSource dataSource,
            @ConfigProperty(name = "anchor.spend.analysis.statement-timeout", defaultValue = "PT5S") Duration timeout) {
        this.dataSource = dataSource;
        this.timeoutMillis = timeout.toMillis();
    }

    /** Queries run one after another on one connection, in one read-only transaction with the timeout. */
    public interface Session {
        <T> List<T> list(String sql, SqlParameters parameters, RowReader<T> reader);
    }

    /** Work that runs its queries in one session. */
    public interface Work<R> {
        R run(Session session);
    }

    /** One query in a session of its own. */
    public <T> List<T> list(String sql, SqlParameters parameters, RowReader<T> reader) {
        return session(session -> session.list(sql, parameters, reader));
    }

    /** Runs {@code work} on one pooled connection: one round trip for the timeout, one to end, besides its queries. */
    public <R> R session(Work<R> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement settings = connection.createStatement()) {
                    settings.execute("set local statement_timeout = " + timeoutMillis);
                }
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
                });
            } finally {
                connection.rollback();
            }
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
