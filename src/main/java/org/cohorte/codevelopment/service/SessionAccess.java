package org.cohorte.codevelopment.service;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.cohorte.codevelopment.domain.ParticipantRole;
import org.cohorte.codevelopment.domain.SessionStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a click that does not change the session needs to know of it and of the signed-in user's part in it, read in
 * one plain query: most of a session's clicks (finishing a step, a question, an answer, a contribution, a learning)
 * only check it. Loading the session, membership and participant entities for that cost more than the rest of
 * Cohorte's work on such a click; the clicks that change the session still load it as an entity.
 */
@Component
class SessionAccess {

    /** The session as one user may see it: {@code readable} applies the group's rule (CodevGroupService.mayRead). */
    record Row(UUID sessionId, UUID groupId, SessionStatus status, int currentStep, String clientId,
               String facilitatorId, boolean readable, ParticipantRole role, boolean present) {

        boolean isConsultantPresent() {
            return role == ParticipantRole.CONSULTANT && present;
        }
    }

    private final JdbcTemplate jdbc;

    SessionAccess(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The session and the user's membership of its group and part in it; empty if there is no such session. */
    List<Row> find(UUID sessionId, String userId) {
        return jdbc.query("SELECT s.id, s.group_id, s.status, s.current_step, s.client_id, s.facilitator_id,"
                + " g.facilitator_id, m.user_id, m.left_at, m.charter_accepted_at, p.role, p.present"
                + " FROM codev_session s JOIN codev_group g ON g.id = s.group_id"
                + " LEFT JOIN codev_group_member m ON m.group_id = s.group_id AND m.user_id = ?"
                + " LEFT JOIN codev_participant p ON p.session_id = s.id AND p.user_id = ?"
                + " WHERE s.id = ?", (rs, n) -> {
                    // CodevGroupMember.isActive and hasAcceptedCharter, on the columns.
                    boolean activeWithCharter = rs.getString(8) != null && rs.getObject(9) == null
                            && rs.getObject(10) != null;
                    boolean readable = CodevGroupService.mayRead(rs.getString(7), activeWithCharter, userId);
                    String role = rs.getString(11);
                    return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            SessionStatus.valueOf(rs.getString(3)), rs.getInt(4), rs.getString(5), rs.getString(6),
                            readable, role == null ? null : ParticipantRole.valueOf(role), rs.getBoolean(12));
                }, userId, userId, sessionId);
    }
}
