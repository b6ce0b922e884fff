package org.cohorte.incubator.service;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cohorte.base.privacy.PersonalDataRows;
import org.cohorte.base.privacy.PersonalDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Experiments the person proposed, sponsors or works on, their check-ins and decisions. */
@Component
class IncubatorPersonalData implements PersonalDataSource {

    private final JdbcTemplate jdbc;

    IncubatorPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "incubator";
    }

    @Override
    public Object collect(String userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("experiments", PersonalDataRows.query(jdbc, "select e.id, e.title, e.problem, e.hypothesis, e.stage, "
                + "e.created_at, case when e.proposer_id = ? then 'proposer' when e.sponsor_id = ? then 'sponsor' "
                + "else 'team' end as part from experiment e where e.proposer_id = ? or e.sponsor_id = ? or exists "
                + "(select 1 from experiment_team t where t.experiment_id = e.id and t.user_id = ?) order by e.created_at",
                userId, userId, userId, userId, userId));
        data.put("check_ins", PersonalDataRows.query(jdbc, "select c.experiment_id, c.observations, c.recorded_at "
                + "from experiment_check_in c where c.author = ? order by c.recorded_at", userId));
        data.put("decisions", PersonalDataRows.query(jdbc, "select d.experiment_id, d.kind, d.comment, d.decided_at "
                + "from experiment_decision d where d.decided_by = ? order by d.decided_at", userId));
        return data;
    }
}
