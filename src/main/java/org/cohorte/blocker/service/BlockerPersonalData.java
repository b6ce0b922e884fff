package org.cohorte.blocker.service;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cohorte.base.privacy.PersonalDataRows;
import org.cohorte.base.privacy.PersonalDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Blockers the person raised, was assigned (owns) or triaged. A blocker has no comment thread: the text a person
 * writes on one is its description (who raised it) or its resolution (its owner's, or the advisory member's who
 * lifted it at triage, known from the engine's history of the triage task).
 */
@Component
class BlockerPersonalData implements PersonalDataSource {

    private static final String COLUMNS = "b.id, b.source_type, b.title, b.description, b.status, b.declared_at, "
            + "b.resolution, b.resolved_at, b.escalated_at";

    private final JdbcTemplate jdbc;

    BlockerPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "blockers";
    }

    @Override
    public Object collect(String userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("raised", PersonalDataRows.query(jdbc, "select " + COLUMNS + " from blocker b where b.declared_by = ? "
                + "order by b.declared_at", userId));
        data.put("owned", PersonalDataRows.query(jdbc, "select " + COLUMNS + " from blocker b where b.assignee = ? "
                + "order by b.declared_at", userId));
        // The process's business key is the blocker's id (BlockerResolutionService).
        data.put("triaged", PersonalDataRows.query(jdbc, "select distinct " + COLUMNS + " from blocker b "
                + "join act_hi_procinst p on p.business_key_ = cast(b.id as varchar(64)) and p.proc_def_key_ = ? "
                + "join act_hi_taskinst t on t.proc_inst_id_ = p.id_ and t.task_def_key_ = ? and t.assignee_ = ? "
                + "order by b.declared_at", BlockerResolutionService.PROCESS_KEY, BlockerResolutionService.TASK_TRIAGE,
                userId));
        return data;
    }
}
