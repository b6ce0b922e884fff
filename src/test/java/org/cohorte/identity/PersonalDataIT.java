package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.base.error.CohorteException;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.service.CaseRetention;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.PersonalDataService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The privacy rights: a member's export holds their own data and not the confidential case of another; removing a
 * member who left leaves no trace of their login, name or e-mail in any text column of Cohorte's tables or the
 * engine's (each queried), for administrators only.
 */
class PersonalDataIT extends IntegrationTest {

    @Autowired
    PersonalDataService privacy;
    @Autowired
    CodevFixture codev;
    @Autowired
    CodevSessionService sessions;
    @Autowired
    MemberService members;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseRetention retention;

    private final ObjectMapper json = new ObjectMapper();

    /** A session at clarification: the client's case written, a consultant's question on the board. */
    private record Scene(CodevFixture.Group group, UUID session, String client, String consultant, String question) {
    }

    private Scene scene() {
        CodevFixture.Group group = codev.group(4);
        UUID session = codev.launch(group, SessionMode.LIVE);
        codev.prepareAndOpen(group, session);
        String client = codev.clientOf(group, session);
        data.as(client, () -> sessions.finishPresentation(codev.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        String consultant = codev.consultantsOf(group, session).get(0);
        String question = "Qui décide du télétravail ? (" + consultant + ")";
        data.as(consultant, () -> sessions.addQuestion(session, question));
        return new Scene(group, session, client, consultant, question);
    }

    private JsonNode export(String userId) throws Exception {
        byte[] bytes = data.as(userId, () -> privacy.exportMine());
        return json.readTree(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void the_export_holds_ones_own_data_and_never_the_confidential_case_of_someone_else() throws Exception {
        Scene scene = scene();

        JsonNode consultant = export(scene.consultant());
        String consultantText = consultant.toString();
        assertThat(consultant.get("user_id").asText()).isEqualTo(scene.consultant());
        assertThat(consultant.get("account").get("email").asText()).isEqualTo(scene.consultant() + "@test.local");
        assertThat(consultant.get("codevelopment").get("sessions")).hasSize(1);
        assertThat(consultant.get("codevelopment").get("sessions").get(0).get("role").asText()).isEqualTo("CONSULTANT");
        assertThat(consultant.get("codevelopment").get("my_entries").get(0).get("body").asText())
                .isEqualTo(scene.question());
        assertThat(consultant.get("codevelopment").get("my_cases_as_client")).isEmpty();
        assertThat(consultant.get("tasks").toString()).contains("codevelopment_session");
        // The client's case, seen on the board by the consultant, is not the consultant's data.
        assertThat(consultantText).doesNotContain("Mon équipe de 12 personnes", "Mobiliser une équipe en télétravail",
                "Des rencontres hebdomadaires", scene.client() + "@test.local");

        JsonNode client = export(scene.client());
        assertThat(client.get("codevelopment").get("my_cases_as_client").get(0).get("case_context").asText())
                .startsWith("Mon équipe de 12 personnes");
        // The consultant's question is theirs, not the client's.
        assertThat(client.toString()).doesNotContain(scene.question(), scene.consultant() + "@test.local");
    }

    @Test
    void nobody_exports_without_signing_in_and_the_export_is_always_the_signed_in_members() throws Exception {
        assertThatThrownBy(() -> privacy.exportMine()).isInstanceOf(CohorteException.class);
        String other = data.user("autre", Roles.PARTICIPANT);
        Scene scene = scene();
        JsonNode export = export(other);
        assertThat(export.get("user_id").asText()).isEqualTo(other);
        assertThat(export.toString()).doesNotContain(scene.client(), scene.consultant(), "Mon équipe de 12 personnes");
    }

    @Test
    void removing_a_member_leaves_no_trace_of_their_login_name_or_email_and_only_an_admin_may() {
        Scene scene = scene();
        String leaver = scene.consultant();
        String name = "Évangéline Quenneville-" + UUID.randomUUID().toString().substring(0, 6);
        User user = identityService.createUserQuery().userId(leaver).singleResult();
        user.setFirstName("Évangéline");
        user.setLastName(name.substring("Évangéline ".length()));
        identityService.saveUser(user);
        data.as(leaver, () -> members.updateMyProfile(name, null, "fr"));
        String email = leaver + "@test.local";
        data.token(leaver);
        String admin = data.user("admin", Roles.ADMIN);
        String bystander = scene.group().member(0).equals(leaver) ? scene.group().member(1) : scene.group().member(0);

        assertThat(DatabaseTraces.of(jdbc, null, leaver)).as("the scene leaves the login around").isNotEmpty();
        assertThatThrownBy(() -> data.as(bystander, () -> privacy.removeMember(leaver))).isInstanceOf(CohorteException.class);
        assertThatThrownBy(() -> data.as(admin, () -> privacy.removeMember(admin))).isInstanceOf(CohorteException.class);
        assertThat(identityService.createUserQuery().userId(leaver).count()).isEqualTo(1);

        String pseudonym = data.as(admin, () -> privacy.removeMember(leaver));

        assertThat(pseudonym).startsWith("former-");
        for (String trace : List.of(leaver, email, name, name.toLowerCase(Locale.ROOT))) {
            assertThat(DatabaseTraces.of(jdbc, null, trace)).as("cells still holding %s", trace).isEmpty();
        }
        assertThat(identityService.createUserQuery().userId(leaver).count()).isZero();
        assertThat(identityService.checkPassword(leaver, "test-password")).isFalse();
        // Their contribution stays, unattributed; others keep theirs.
        assertThat(jdbc.queryForObject("select count(*) from codev_entry where author_id = ?", Long.class, pseudonym))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from act_hi_taskinst where assignee_ = ?", Long.class, pseudonym))
                .isPositive();
        assertThat(jdbc.queryForObject("select count(*) from codev_participant where user_id = ?", Long.class, bystander))
                .isEqualTo(1);
        assertThat(identityService.createUserQuery().userId(bystander).count()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from privacy_audit where subject = ? and actor = ?", Long.class,
                pseudonym, admin)).isEqualTo(1);
    }

    @Test
    void a_case_closed_longer_ago_than_the_retention_period_loses_its_text_and_a_recent_one_keeps_it() {
        Scene old = scene();
        Scene recent = scene();
        java.time.Instant now = org.cohorte.base.time.EngineClock.now();
        jdbc.update("update codev_session set status = 'CLOSED', closed_at = ? where id = ?",
                java.sql.Timestamp.from(now.minus(java.time.Duration.ofDays(731))), old.session());
        jdbc.update("update codev_session set status = 'CLOSED', closed_at = ? where id = ?",
                java.sql.Timestamp.from(now.minus(java.time.Duration.ofDays(700))), recent.session());

        assertThat(retention.eraseExpiredCases()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForObject("select count(*) from codev_session where id = ? and case_context is null "
                + "and case_title is null", Long.class, old.session())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from codev_entry where session_id = ?", Long.class,
                old.session())).isZero();
        // The session itself stays: the rotation counts who was client.
        assertThat(jdbc.queryForObject("select count(*) from codev_participant where session_id = ?", Long.class,
                old.session())).isEqualTo(4);
        assertThat(jdbc.queryForObject("select case_context from codev_session where id = ?", String.class,
                recent.session())).startsWith("Mon équipe de 12 personnes");
        assertThat(jdbc.queryForObject("select count(*) from codev_entry where session_id = ?", Long.class,
                recent.session())).isEqualTo(1);
    }
}
