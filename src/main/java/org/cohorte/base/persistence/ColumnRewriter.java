package org.cohorte.base.persistence;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Finds and rewrites a value in every text column of the schema's tables, without knowing them: what erasing a
 * person (their login, name, e-mail) needs across every feature's tables and the engine's, including tables added
 * later. Read from the database's own catalogue, so a new table or column is covered the day it is created.
 * Runs in the caller's transaction.
 */
@Component
public class ColumnRewriter {

    private static final Set<Integer> TEXT_TYPES = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR,
            Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR);

    /**
     * Replace {@code value} by {@code replacement}: a whole cell only, or also inside longer text, where it stands
     * alone (not part of a longer id or address: "marie.t" is not replaced inside "marie.tremblay").
     */
    public record Replacement(String value, String replacement, boolean inside) {
    }

    /** Characters that continue an id, a name or an address: a match next to one of them is part of something else. */
    private static final String WORD = "[[:alnum:]._@-]";
    private static final String JAVA_WORD = "[\\p{L}\\p{N}._@-]";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final DatabaseDialect dialect;

    public ColumnRewriter(DataSource dataSource, JdbcTemplate jdbc, DatabaseDialect dialect) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** A text column and its declared length (Integer.MAX_VALUE when unbounded). */
    public record Column(String name, int size) {
    }

    /** Text columns of the tables whose lower-case name the filter accepts: table → columns. */
    public Map<String, List<Column>> textColumns(Predicate<String> tables) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            DatabaseMetaData meta = connection.getMetaData();
            String schema = connection.getSchema();
            Set<String> baseTables = new java.util.HashSet<>();
            try (ResultSet rs = meta.getTables(connection.getCatalog(), schema, "%", null)) {
                while (rs.next()) {
                    String type = rs.getString("TABLE_TYPE");
                    if ("TABLE".equalsIgnoreCase(type) || "BASE TABLE".equalsIgnoreCase(type)) {
                        baseTables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            Map<String, List<Column>> columns = new LinkedHashMap<>();
            try (ResultSet rs = meta.getColumns(connection.getCatalog(), schema, "%", "%")) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    if (baseTables.contains(table) && tables.test(table.toLowerCase(Locale.ROOT))
                            && TEXT_TYPES.contains(rs.getInt("DATA_TYPE"))
                            && !"YES".equalsIgnoreCase(rs.getString("IS_GENERATEDCOLUMN"))) {
                        int size = rs.getInt("COLUMN_SIZE");
                        columns.computeIfAbsent(table, t -> new ArrayList<>()).add(new Column(rs.getString("COLUMN_NAME"),
                                size <= 0 ? Integer.MAX_VALUE : size));
                    }
                }
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the schema's columns", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Rewrites every replacement in every text column of the accepted tables; the number of cells changed. */
    public int rewrite(Predicate<String> tables, List<Replacement> replacements) {
        int changed = 0;
        for (Map.Entry<String, List<Column>> table : textColumns(tables).entrySet()) {
            for (Column column : table.getValue()) {
                String t = quote(table.getKey());
                String c = quote(column.name());
                for (Replacement r : replacements) {
                    // A value longer than the column cannot be in it (and PostgreSQL refuses the statement).
                    if (r.value() == null || r.value().isEmpty() || r.value().length() > column.size()) {
                        continue;
                    }
                    String whole = r.replacement().length() > column.size()
                            ? r.replacement().substring(0, column.size()) : r.replacement();
                    changed += jdbc.update("update " + t + " set " + c + " = ? where " + c + " = ?", whole, r.value());
                    if (r.inside() && r.value().length() < column.size()) {
                        String replace = dialect.isPostgres()
                                ? "regexp_replace(" + c + ", ?, ?, 'g')" : "regexp_replace(" + c + ", ?, ?)";
                        changed += jdbc.update("update " + t + " set " + c + " = " + replace + " where "
                                + c + " like ? escape '!'", standingAlone(r.value()), r.replacement(),
                                "%" + likeEscaped(r.value()) + "%");
                    }
                }
            }
        }
        return changed;
    }

    /** "table.column" of every text cell of the accepted tables that contains the needle (any case). */
    public List<String> cellsContaining(Predicate<String> tables, String needle) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, List<Column>> table : textColumns(tables).entrySet()) {
            for (Column column : table.getValue()) {
                String c = quote(column.name());
                Long n = jdbc.queryForObject("select count(*) from " + quote(table.getKey()) + " where lower(" + c
                        + ") like ? escape '!'", Long.class, "%" + likeEscaped(needle.toLowerCase(Locale.ROOT)) + "%");
                if (n != null && n > 0) {
                    found.add(table.getKey() + "." + column.name());
                }
            }
        }
        return found;
    }

    /** A regular expression (PostgreSQL's and Java's alike) for the value not inside a longer word, id or address. */
    private String standingAlone(String value) {
        StringBuilder literal = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if ("\\.^$|?*+()[]{}-/".indexOf(ch) >= 0) {
                literal.append('\\');
            }
            literal.append(ch);
        }
        String word = dialect.isPostgres() ? WORD : JAVA_WORD;
        String wordGoingOn = dialect.isPostgres() ? "[[:alnum:]_@-]|\\.[[:alnum:]]" : "[\\p{L}\\p{N}_@-]|\\.[\\p{L}\\p{N}]";
        // A full stop after it ends a sentence, unless a letter or digit follows ("marie.t." but not "marie.tremblay").
        return "(?<!" + word + ")" + literal + "(?!" + wordGoingOn + ")";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String likeEscaped(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
