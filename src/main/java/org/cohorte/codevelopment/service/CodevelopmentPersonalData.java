package org.cohorte.codevelopment.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cohorte.base.privacy.PersonalDataRows;
import org.cohorte.base.privacy.PersonalDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The person's groups (as member or facilitator) and the sessions they took part in. A case is someone's confidential matter: it is in the
 * export only for its client; as a consultant the person gets the session's date, role and their own questions
 * and contributions, never the client's case text, synthesis or follow-up.
 */
@Component
class CodevelopmentPersonalData implements PersonalDataSource {

    private final JdbcTemplate jdbc;

    CodevelopmentPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "codevelopment";
    }

    @Override
    public Object collect(String userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groups", PersonalDataRows.query(jdbc, "select g.id, g.name as group_name, m.joined_at, m.left_at, "
                + "m.charter_accepted_at from "
                + "codev_group_member m join codev_group g on g.id = m.group_id where m.user_id = ? order by g.name",
                userId));
        // A facilitator is not a member: the groups they guard, with the rules they set (no case text).
        data.put("groups_facilitated", PersonalDataRows.query(jdbc, "select g.id, g.name as group_name, "
                + "c.name as community, g.charter, g.no_hierarchy, g.case_retention_days, g.created_at from codev_group g "
                + "join community c on c.id = g.community_id where g.facilitator_id = ? order by g.name", userId));
        data.put("sessions", PersonalDataRows.query(jdbc, "select s.id, g.name as group_name, s.scheduled_at, "
                + "s.status, p.role, p.present from codev_participant p join codev_session s on s.id = p.session_id "
                + "join codev_group g on g.id = s.group_id where p.user_id = ? order by s.scheduled_at", userId));
        data.put("sessions_facilitated", PersonalDataRows.query(jdbc, "select s.id, g.name as group_name, "
                + "s.scheduled_at, s.status from codev_session s join codev_group g on g.id = s.group_id "
                + "where s.facilitator_id = ? order by s.scheduled_at", userId));
        List<Map<String, Object>> ownCases = PersonalDataRows.query(jdbc, "select s.id as session_id, s.case_title, "
                + "s.case_context, s.case_tried, s.case_stakes, s.contract, s.synthesis, s.follow_up_report, s.consent "
                + "from codev_session s where s.client_id = ? order by s.scheduled_at", userId);
        data.put("my_cases_as_client", ownCases);
        data.put("my_entries", PersonalDataRows.query(jdbc, "select e.session_id, e.kind, e.body, e.rating, "
                + "e.created_at from codev_entry e where e.author_id = ? order by e.created_at", userId));
        data.put("my_actions", PersonalDataRows.query(jdbc, "select a.session_id, a.body, a.due_date, a.outcome from "
                + "codev_action a join codev_session s on s.id = a.session_id where s.client_id = ? order by a.position",
                userId));
        return data;
    }
}
