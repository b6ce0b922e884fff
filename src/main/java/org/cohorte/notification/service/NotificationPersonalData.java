package org.cohorte.notification.service;

import org.cohorte.base.privacy.PersonalDataRows;
import org.cohorte.base.privacy.PersonalDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The person's notifications (message key and arguments, as stored). */
@Component
class NotificationPersonalData implements PersonalDataSource {

    private final JdbcTemplate jdbc;

    NotificationPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "notifications";
    }

    @Override
    public Object collect(String userId) {
        return PersonalDataRows.query(jdbc, "select message_key, args, link, created_at, read_at from notification "
                + "where recipient = ? order by created_at", userId);
    }
}
