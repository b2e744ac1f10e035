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

    public <T> List<T> list(String sql, SqlParameters parameters, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement settings = connection.createStatement()) {
                    settings.execute("set local statement_timeout = " + timeoutMillis);
                }
                List<T> rows = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    parameters.bind(connection, query);
                    try (ResultSet result = query.executeQuery()) {
                        while (result.next()) {
                            rows.add(reader.read(result));
                        }
                    }
                }
                return rows;
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) {
                throw new ApiProblemException(503, "query-timeout", "Query took too long",
                        "The analysis did not finish within " + timeoutMillis + " ms; add cuts (a financial year, a category, "
                                + "an anchor) or fewer drilldowns, and try again", null);
            }
            throw new IllegalStateException("An analysis query failed", e);
        }
    }
}
