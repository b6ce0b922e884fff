package org.cohorte.codevelopment.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.time.EngineClock;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.tasks.api.TaskRef;
import org.cohorte.tasks.api.TaskSubject;
import org.cohorte.tasks.api.TaskSubjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * A codevelopment task is about a session: its group and date, linked to the live board. Only the group's active
 * members who accepted the charter and its facilitator (CodevGroupService.mayRead) get it; the case itself comes
 * only on the task page, as the client wrote it.
 */
@Component
class CodevTaskSubjects implements TaskSubjectProvider {

    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final CohorteI18NProvider i18n;

    CodevTaskSubjects(DataSource dataSource, CurrentUser currentUser, CohorteI18NProvider i18n) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.currentUser = currentUser;
        this.i18n = i18n;
    }

    @Override
    public String processKey() {
        return Steps.PROCESS_KEY;
    }

    @Override
    public String subjectSql() {
        // The group's name only: the case title is confidential to the group.
        return "SELECT g.name AS subject FROM codev_session s JOIN codev_group g ON g.id = s.group_id WHERE s.id = ?";
    }

    @Override
    public Map<String, TaskSubject> subjects(List<TaskRef> tasks, Locale locale) {
        Map<String, TaskSubject> subjects = new HashMap<>();
        Map<UUID, Row> sessions = readable(tasks);
        for (TaskRef task : tasks) {
            Row row = sessions.get(task.recordId());
            if (row != null) {
                subjects.put(task.taskId(), new TaskSubject(text(row, locale), route(row)));
            }
        }
        return subjects;
    }

    @Override
    public TaskSubject detailed(TaskRef task, Locale locale) {
        Row row = readable(List.of(task)).get(task.recordId());
        if (row == null) {
            return null;
        }
        List<TaskSubject.Line> lines = new ArrayList<>();
        lines.add(new TaskSubject.Line(i18n.getTranslation("codevelopment.subject.group", locale), row.groupName()));
        lines.add(new TaskSubject.Line(i18n.getTranslation("codevelopment.subject.date", locale),
                format(row.scheduledAt().toInstant(), locale, true)));
        lines.add(new TaskSubject.Line(i18n.getTranslation("codevelopment.subject.case", locale),
                row.caseTitle() == null || row.caseTitle().isBlank()
                        ? i18n.getTranslation("codevelopment.board.casePending", locale) : row.caseTitle()));
        if (row.caseContext() != null && !row.caseContext().isBlank()) {
            lines.add(new TaskSubject.Line(i18n.getTranslation("codevelopment.subject.summary", locale),
                    row.caseContext()));
        }
        return new TaskSubject(text(row, locale), route(row), lines);
    }

    private String text(Row row, Locale locale) {
        return i18n.getTranslation("codevelopment.subject.session", locale, row.groupName(),
                format(row.scheduledAt().toInstant(), locale, false));
    }

    /** As base.ui.Formats writes dates on screens (a service may not use a screens' package). */
    private static String format(Instant instant, Locale locale, boolean withTime) {
        DateTimeFormatter formatter = withTime
                ? DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);
        return formatter.withLocale(locale).withZone(EngineClock.ZONE).format(instant);
    }

    private static String route(Row row) {
        return "codevelopment/session/" + row.sessionId();
    }

    private record Row(UUID sessionId, Timestamp scheduledAt, String groupName, String caseTitle, String caseContext) {
    }

    /** The sessions among the tasks' that the signed-in user may read, in one query. */
    private Map<UUID, Row> readable(List<TaskRef> tasks) {
        List<UUID> ids = TaskRef.recordIds(tasks);
        Map<UUID, Row> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        String userId = currentUser.userId();
        List<Object> args = new ArrayList<>();
        args.add(userId);
        args.addAll(ids);
        jdbc.query("SELECT s.id, s.scheduled_at, g.name, g.facilitator_id, m.user_id, m.left_at,"
                + " m.charter_accepted_at, s.case_title, s.case_context"
                + " FROM codev_session s JOIN codev_group g ON g.id = s.group_id"
                + " LEFT JOIN codev_group_member m ON m.group_id = s.group_id AND m.user_id = ?"
                + " WHERE s.id IN (" + String.join(", ", ids.stream().map(i -> "?").toList()) + ")", (RowCallbackHandler) rs -> {
                    // CodevGroupMember.isActive and hasAcceptedCharter, on the columns (as SessionAccess).
                    boolean activeWithCharter = rs.getString(5) != null && rs.getObject(6) == null
                            && rs.getObject(7) != null;
                    if (CodevGroupService.mayRead(rs.getString(4), activeWithCharter, userId)) {
                        UUID id = rs.getObject(1, UUID.class);
                        rows.put(id, new Row(id, rs.getTimestamp(2), rs.getString(3), rs.getString(8),
                                rs.getString(9)));
                    }
                }, args.toArray());
        return rows;
    }
}
