package org.cohorte.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

/** Where a text (a login, a name) still stands in the database: what the privacy tests check after pseudonymising. */
final class DatabaseTraces {

    private DatabaseTraces() {
    }

    /**
     * "table.column" of every text cell, of one table or of every table (Cohorte's and the engine's) when
     * {@code onlyTable} is null, where the text stands as a word of its own, in any case, including as an element of
     * a comma-separated list ("pair-1-12" is no trace of "pair-1-1").
     */
    static List<String> of(JdbcTemplate jdbc, String onlyTable, String text) {
        Pattern alone = Pattern.compile("(?<![\\p{L}\\p{N}._@-])"
                + Pattern.quote(text.toLowerCase(Locale.ROOT)) + "(?![\\p{L}\\p{N}_@-]|\\.[\\p{L}\\p{N}])");
        List<Map<String, Object>> columns = jdbc.queryForList("select table_name, column_name from "
                + "information_schema.columns where lower(table_schema) = 'public' and lower(data_type) in "
                + "('character varying', 'varchar', 'text', 'character', 'char')");
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("TABLE_NAME");
            if (onlyTable != null && !table.equalsIgnoreCase(onlyTable)) {
                continue;
            }
            String col = (String) column.get("COLUMN_NAME");
            List<String> values = jdbc.queryForList("select \"" + col + "\" from \"" + table + "\" where lower(\""
                    + col + "\") like ?", String.class, "%" + text.toLowerCase(Locale.ROOT) + "%");
            if (values.stream().anyMatch(v -> alone.matcher(v.toLowerCase(Locale.ROOT)).find())) {
                found.add(table + "." + col);
            }
        }
        return found;
    }
}
