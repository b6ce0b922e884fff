package org.cohorte.base.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** Rows for an export, the same on H2 and PostgreSQL: lower-case keys, values as text or numbers. */
public final class PersonalDataRows {

    private PersonalDataRows() {
    }

    public static List<Map<String, Object>> query(JdbcTemplate jdbc, String sql, Object... args) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(sql, args)) {
            Map<String, Object> clean = new LinkedHashMap<>();
            row.forEach((key, value) -> clean.put(key.toLowerCase(Locale.ROOT), plain(value)));
            rows.add(clean);
        }
        return rows;
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        return value.toString();
    }
}
