package org.cohorte.performance.service;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cohorte.base.privacy.PersonalDataRows;
import org.cohorte.base.privacy.PersonalDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Indicators the person owns or validates and the values they entered or validated. */
@Component
class PerformancePersonalData implements PersonalDataSource {

    private final JdbcTemplate jdbc;

    PerformancePersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "performance";
    }

    @Override
    public Object collect(String userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("indicators", PersonalDataRows.query(jdbc, "select i.id, i.name, case when i.owner_id = ? then 'owner' "
                + "else 'validator' end as part from perf_indicator i where i.owner_id = ? or i.validator_id = ? "
                + "order by i.name", userId, userId, userId));
        data.put("measurements", PersonalDataRows.query(jdbc, "select m.indicator_id, m.period, m.comment, "
                + "m.evidence_url, m.action_plan, m.state from perf_measurement m where m.entered_by = ? "
                + "or m.validated_by = ? order by m.period", userId, userId));
        return data;
    }
}
