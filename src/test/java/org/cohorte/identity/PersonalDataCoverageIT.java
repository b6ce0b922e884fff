package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.service.BlockerResolutionService;
import org.cohorte.blocker.service.BlockerResolutionService.TriageDecision;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.domain.MemberProfile;
import org.cohorte.identity.domain.MemberProfileRepository;
import org.cohorte.identity.service.PersonalDataService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The export's and the pseudonymisation's reach beyond the first features: blockers (raised, owned, triaged),
 * knowledge articles (written, edited), codevelopment groups (member, facilitator); and the engine's string
 * variables, where a login that is a plain word stands in a comma-separated list of candidates.
 */
class PersonalDataCoverageIT extends IntegrationTest {

    @Autowired
    PersonalDataService privacy;
    @Autowired
    CodevFixture codev;
    @Autowired
    BlockerService blockers;
    @Autowired
    BlockerResolutionService resolution;
    @Autowired
    KnowledgeBaseService knowledge;
    @Autowired
    CommunityService communities;
    @Autowired
    QuestionService questions;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    MemberProfileRepository profiles;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode export(String userId) throws Exception {
        return json.readTree(new String(data.as(userId, () -> privacy.exportMine()), StandardCharsets.UTF_8));
    }

    private String triageTask(UUID blocker) {
        return taskService.createTaskQuery().processInstanceBusinessKey(blocker.toString())
                .taskDefinitionKey(BlockerResolutionService.TASK_TRIAGE).singleResult().getId();
    }

    private UUID declare(String who, String title) {
        return data.as(who, () -> blockers.declare(BlockerSource.INDICATOR, UUID.randomUUID().toString(), null, title,
                "Description de " + title));
    }

    @Test
    void the_export_has_ones_blockers_articles_and_groups_and_removal_leaves_the_login_in_none_of_them() throws Exception {
        CodevFixture.Group group = codev.group(4);
        String member = group.member(0);
        String facilitator = group.facilitator();
        String other = data.user("declarant", Roles.PARTICIPANT);
        String advisory = data.user("conseil", Roles.ADVISORY);
        String admin = data.user("root", Roles.ADMIN);
        // The group's case text must not travel with the group in anyone's export.
        UUID session = codev.launch(group, SessionMode.LIVE);
        codev.prepareAndOpen(group, session);

        UUID raised = declare(member, "Bloqué par le fournisseur " + UUID.randomUUID());
        UUID owned = declare(other, "Accès aux données " + UUID.randomUUID());
        data.as(advisory, () -> resolution.triage(triageTask(owned), TriageDecision.ASSIGN, member, null));
        UUID lifted = declare(other, "Formulaire introuvable " + UUID.randomUUID());
        data.as(advisory, () -> resolution.triage(triageTask(lifted), TriageDecision.RESOLVE, null, "Voici le lien."));

        UUID written = data.as(member, () -> knowledge.publish(group.communityId(), "Guide du télétravail",
                "Texte de " + member, List.of("rh"), null, null));
        UUID edited = data.as(facilitator, () -> knowledge.publish(group.communityId(), "Accueil des nouveaux",
                "Premier jet", List.of(), null, null));
        long version = jdbc.queryForObject("select version from knowledge_article where id = ?", Long.class, edited);
        data.as(member, () -> knowledge.revise(edited, version, "Accueil des nouveaux", "Version revue", List.of(),
                "Ajout de la liste"));

        JsonNode mine = export(member);
        assertThat(mine.get("blockers").get("raised").findValuesAsText("id")).containsExactly(raised.toString());
        assertThat(mine.get("blockers").get("owned").findValuesAsText("id")).containsExactly(owned.toString());
        assertThat(mine.get("blockers").get("triaged")).isEmpty();
        assertThat(mine.get("community").get("articles_written_or_edited").findValuesAsText("id"))
                .containsExactlyInAnyOrder(written.toString(), edited.toString());
        assertThat(mine.get("community").get("article_versions").findValuesAsText("body"))
                .containsExactlyInAnyOrder("Texte de " + member, "Version revue");
        assertThat(mine.get("codevelopment").get("groups").findValuesAsText("id")).containsExactly(group.id().toString());
        assertThat(mine.get("codevelopment").get("groups_facilitated")).isEmpty();
        assertThat(export(advisory).get("blockers").get("triaged").findValuesAsText("id"))
                .containsExactlyInAnyOrder(owned.toString(), lifted.toString());
        JsonNode guide = export(facilitator);
        assertThat(guide.get("codevelopment").get("groups_facilitated").findValuesAsText("id"))
                .containsExactly(group.id().toString());
        assertThat(guide.get("codevelopment").get("sessions_facilitated").findValuesAsText("id"))
                .containsExactly(session.toString());
        assertThat(guide.toString()).doesNotContain("Mon équipe de 12 personnes", "Mobiliser une équipe en télétravail");
        // A blocker they had nothing to do with is not theirs.
        assertThat(mine.toString()).doesNotContain(lifted.toString(), "Formulaire introuvable");

        String pseudonym = data.as(admin, () -> privacy.removeMember(member));

        for (String table : List.of("blocker", "knowledge_article", "knowledge_article_version", "codev_group",
                "codev_group_member", "codev_session", "codev_participant")) {
            assertThat(DatabaseTraces.of(jdbc, table, member)).as("%s still holding the login", table).isEmpty();
        }
        assertThat(jdbc.queryForObject("select declared_by from blocker where id = ?", String.class, raised))
                .isEqualTo(pseudonym);
        assertThat(jdbc.queryForObject("select assignee from blocker where id = ?", String.class, owned))
                .isEqualTo(pseudonym);
        assertThat(jdbc.queryForObject("select created_by from knowledge_article where id = ?", String.class, written))
                .isEqualTo(pseudonym);
        assertThat(jdbc.queryForObject("select count(*) from knowledge_article_version where edited_by = ?", Long.class,
                pseudonym)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from codev_group_member where user_id = ?", Long.class,
                pseudonym)).isEqualTo(1);
        // Others keep theirs.
        assertThat(jdbc.queryForObject("select updated_by from knowledge_article where id = ?", String.class, edited))
                .isEqualTo(pseudonym);
        assertThat(jdbc.queryForObject("select created_by from knowledge_article where id = ?", String.class, edited))
                .isEqualTo(facilitator);
        assertThat(jdbc.queryForObject("select declared_by from blocker where id = ?", String.class, owned))
                .isEqualTo(other);
    }

    @Test
    void a_login_that_is_a_plain_word_goes_from_the_engines_lists_of_candidates_and_no_variable_holds_it_serialized() {
        String plain = plainWordUser();
        String colleague = data.user("claire", Roles.FACILITATOR, Roles.PARTICIPANT);
        String asker = data.user("marc", Roles.PARTICIPANT);
        String admin = data.user("root", Roles.ADMIN);
        UUID community = data.as(colleague, () -> {
            UUID id = communities.create("Communauté " + UUID.randomUUID(), "RH", "Charte", null,
                    List.of(colleague, plain), false).getId();
            communities.addMember(id, asker, CommunityRole.MEMBER);
            return id;
        });
        UUID question = data.as(asker, () -> questions.ask(community, "Comment reporter des congés ?",
                "Je voudrais savoir.", List.of()));
        List<String> lists = jdbc.queryForList("select text_ from act_hi_varinst where text_ like ?", String.class,
                "%," + plain + "%");
        lists.addAll(jdbc.queryForList("select text_ from act_hi_varinst where text_ like ?", String.class,
                "%" + plain + ",%"));
        assertThat(lists).as("the question's candidate facilitators, one string").isNotEmpty();
        // No variable of Cohorte's processes keeps the login in serialized (binary) form, which no rewrite reaches.
        for (byte[] bytes : jdbc.queryForList("select b.bytes_ from act_ge_bytearray b where b.id_ in "
                + "(select bytearray_id_ from act_hi_varinst where bytearray_id_ is not null) or b.id_ in "
                + "(select bytearray_id_ from act_ru_variable where bytearray_id_ is not null)", byte[].class)) {
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(plain);
        }

        String pseudonym = data.as(admin, () -> privacy.removeMember(plain));

        assertThat(DatabaseTraces.of(jdbc, null, plain)).as("cells still holding %s", plain).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_varinst where name_ = 'facilitators' and "
                + "proc_inst_id_ in (select id_ from act_hi_procinst where business_key_ = ?) and text_ like ?", Long.class,
                question.toString(), "%" + pseudonym + "%")).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from act_ru_identitylink where user_id_ = ?", Long.class,
                colleague)).isPositive();
    }

    /** A member whose login is an ordinary lower-case word (no digit, dot or dash), as on many directories. */
    private String plainWordUser() {
        StringBuilder id = new StringBuilder("zelie");
        for (int i = 0; i < 8; i++) {
            id.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        String userId = id.toString();
        transaction.executeWithoutResult(status -> {
            User user = identityService.newUser(userId);
            user.setFirstName("Zélie");
            user.setLastName("Nadeau");
            user.setEmail(userId + "@test.local");
            identityService.saveUser(user);
            identityService.createMembership(userId, Roles.FACILITATOR);
            identityService.createMembership(userId, Roles.PARTICIPANT);
            profiles.save(new MemberProfile(userId, "Zélie Nadeau", null, "fr"));
        });
        return userId;
    }
}
