package org.anchornetwork.spend.analysis.rest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.anchornetwork.common.web.SpreadsheetCsv;

/**
 * Analyses as CSV: one row per cell, one column per field, nested figures flattened ("localShare.darlington"), written
 * by the one CSV writer ({@link SpreadsheetCsv}: text neutralised and quoted, numbers stay numbers).
 */
final class AnalysisCsv {

    private AnalysisCsv() {
    }

    static Response attachment(List<Map<String, Object>> rows, String fileName) {
        StreamingOutput body = out -> write(rows, out);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    static void write(List<Map<String, Object>> rows, java.io.OutputStream out) throws IOException {
        List<Map<String, Object>> flat = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> cells = new LinkedHashMap<>();
            flatten("", row, cells);
            columns.addAll(cells.keySet());
            flat.add(cells);
        }
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        SpreadsheetCsv csv = SpreadsheetCsv.to(writer, columns.toArray(String[]::new));
        for (Map<String, Object> cells : flat) {
            List<Object> record = new ArrayList<>();
            for (String column : columns) {
                record.add(cells.get(column));
            }
            csv.row(record);
        }
        csv.flush();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> row, Map<String, Object> into) {
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", (Map<String, Object>) nested, into);
            } else if (entry.getValue() instanceof List<?> list) {
                into.put(key, String.join("; ", list.stream().map(String::valueOf).toList()));
            } else {
                into.put(key, entry.getValue());
            }
        }
    }
}
