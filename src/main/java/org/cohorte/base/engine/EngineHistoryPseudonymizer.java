package org.cohorte.base.engine;

import java.util.List;

import org.cohorte.base.persistence.ColumnRewriter;
import org.springframework.stereotype.Component;

/**
 * Replaces a person's user id, name and e-mail in the engine's tables (history, runtime, identity, comments,
 * operation log). The engine's services cannot rewrite history (assignees, user ids in ACT_HI_*), so this is
 * the one place that writes the engine's tables directly, in the caller's transaction. Binary values
 * (ACT_GE_BYTEARRAY: deployments, serialized variables) are not text and are left as they are.
 */
@Component
public class EngineHistoryPseudonymizer {

    private final ColumnRewriter rewriter;

    public EngineHistoryPseudonymizer(ColumnRewriter rewriter) {
        this.rewriter = rewriter;
    }

    static boolean isEngineTable(String lowerCaseName) {
        return lowerCaseName.startsWith("act_");
    }

    public int rewrite(List<ColumnRewriter.Replacement> replacements) {
        return rewriter.rewrite(EngineHistoryPseudonymizer::isEngineTable, replacements);
    }

    public List<String> cellsContaining(String needle) {
        return rewriter.cellsContaining(EngineHistoryPseudonymizer::isEngineTable, needle);
    }
}
