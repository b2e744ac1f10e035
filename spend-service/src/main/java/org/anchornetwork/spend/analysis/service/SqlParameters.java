package org.anchornetwork.spend.analysis.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Parameters of a query being written, in the order their placeholders appear in its text. */
public final class SqlParameters {

    private record ArrayValue(String type, Object[] elements) {
    }

    private final List<Object> values = new ArrayList<>();

    /** A placeholder for one value. */
    public String value(Object value) {
        values.add(value);
        return "?";
    }

    /** A placeholder for an array of the given SQL element type. */
    public String array(String elementType, Object[] elements) {
        values.add(new ArrayValue(elementType, elements));
        return "?";
    }

    /** Adds the other's parameters after these (for text appended after this one's). */
    public void append(SqlParameters other) {
        values.addAll(other.values);
    }

    public void bind(Connection connection, PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof ArrayValue array) {
                statement.setArray(i + 1, connection.createArrayOf(array.type(), array.elements()));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
