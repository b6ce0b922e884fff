package org.cohorte.base.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cohorte.base.persistence.ColumnRewriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Replaces a person's user id, name and e-mail in the engine's tables (history, runtime, identity, comments,
 * operation log). The engine's services cannot rewrite history (assignees, user ids in ACT_HI_*), so this is
 * the one place that writes the engine's tables directly, in the caller's transaction. Every text column of every
 * ACT_ table is covered, found from the catalogue: task assignees and owners (ACT_HI_TASKINST, ACT_RU_TASK),
 * identity links, the user operation log, comments' and attachments' user ids, process starters, and string
 * variables (ACT_HI_VARINST, ACT_RU_VARIABLE, ACT_HI_DETAIL) holding the login.
 * <p>
 * Binary values (ACT_GE_BYTEARRAY: deployments, serialized variables) are not text and are left as they are. None
 * of Cohorte's processes stores a login in one: every variable Cohorte sets is a string, number, boolean or date
 * (several logins go as one comma-separated string: candidate users, team members, managers), the multi-instance
 * collections are evaluated from expressions and not stored, the only object variable (the performance review's
 * organization ids) is transient and holds no login, and DMN results are mapped to single entries.
 * PersonalDataIT checks it for the variables of a session.
 */
@Component
public class EngineHistoryPseudonymizer {

    /** The engine's variable tables: their text columns may hold a comma-separated list of logins. */
    private static final List<String> VARIABLE_TABLES = List.of("act_ru_variable", "act_hi_varinst", "act_hi_detail");

    private final ColumnRewriter rewriter;
    private final JdbcTemplate jdbc;

    public EngineHistoryPseudonymizer(ColumnRewriter rewriter, JdbcTemplate jdbc) {
        this.rewriter = rewriter;
        this.jdbc = jdbc;
    }

    static boolean isEngineTable(String lowerCaseName) {
        return lowerCaseName.startsWith("act_");
    }

    public int rewrite(List<ColumnRewriter.Replacement> replacements) {
        return rewriter.rewrite(EngineHistoryPseudonymizer::isEngineTable, replacements);
    }

    /**
     * Replaces the login where it is one element of a comma-separated list in a string variable
     * ("animateur,membre": candidate users, team members). The general rewrite replaces a plain-word login only
     * where a whole cell equals it, lest it replace the same word in free text; a list element is an id, never
     * prose, so it is safe to replace here. Done in Java: one expression for H2 and PostgreSQL.
     */
    public int rewriteListedIds(String userId, String pseudonym) {
        int changed = 0;
        for (String table : VARIABLE_TABLES) {
            for (String column : List.of("text_", "text2_")) {
                List<Map<String, Object>> rows = jdbc.queryForList("select id_, " + column + " as v from " + table
                        + " where " + column + " like ? or " + column + " like ?", "%," + userId + "%", "%" + userId + ",%");
                for (Map<String, Object> row : rows) {
                    String value = (String) row.get("v");
                    String rewritten = replaceInList(value, userId, pseudonym);
                    if (!rewritten.equals(value)) {
                        changed += jdbc.update("update " + table + " set " + column + " = ? where id_ = ?", rewritten,
                                row.get("id_"));
                    }
                }
            }
        }
        return changed;
    }

    /** Each comma-separated element equal to the id (spaces around it kept) becomes the replacement. */
    static String replaceInList(String value, String id, String replacement) {
        String[] parts = value.split(",", -1);
        List<String> out = new ArrayList<>(parts.length);
        for (String part : parts) {
            out.add(part.strip().equals(id) ? part.replace(id, replacement) : part);
        }
        return String.join(",", out);
    }

    public List<String> cellsContaining(String needle) {
        return rewriter.cellsContaining(EngineHistoryPseudonymizer::isEngineTable, needle);
    }
}
