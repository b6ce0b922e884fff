package org.cohorte.codevelopment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.LaunchRequest;
import org.cohorte.codevelopment.service.SessionBoard;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.identity.service.Roles;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rules of the issue: group size, charter, consultants present, rotation override, confidentiality. */
class CodevelopmentRulesIT extends IntegrationTest {

    @Autowired
    CodevFixture fixture;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    InboxService inboxService;
    @Autowired
    org.camunda.bpm.engine.TaskService taskService;

    private LaunchRequest request(String client, String reason) {
        return new LaunchRequest(EngineClock.now().plus(1, ChronoUnit.DAYS), SessionMode.LIVE, null, client, reason, 4);
    }

    @Test
    void a_group_has_four_to_eight_members_of_the_community_and_never_its_facilitator() {
        CodevFixture.Group g = fixture.group(4);
        List<String> three = g.members().subList(0, 3);
        data.as(g.facilitator(), () -> {
            assertThatThrownBy(() -> groupService.create(g.communityId(), "Trop petit", "Charte", false, three))
                    .hasMessageContaining("codevelopment.error.groupSize");
            List<String> withMe = new java.util.ArrayList<>(three);
            withMe.add(g.facilitator());
            assertThatThrownBy(() -> groupService.create(g.communityId(), "Avec moi", "Charte", false, withMe))
                    .hasMessageContaining("codevelopment.error.facilitatorNotMember");
            String outsider = data.user("dehors", Roles.PARTICIPANT);
            List<String> withOutsider = new java.util.ArrayList<>(g.members());
            withOutsider.add(outsider);
            assertThatThrownBy(() -> groupService.create(g.communityId(), "Avec un externe", "Charte", false, withOutsider))
                    .hasMessageContaining("codevelopment.error.notCommunityMember");
            assertThatThrownBy(() -> groupService.create(g.communityId(), "  ", "Charte", false, g.members()))
                    .hasMessageContaining("codevelopment.error.textRequired");
            assertThatThrownBy(() -> groupService.create(g.communityId(), "x".repeat(201), "Charte", false, g.members()))
                    .isInstanceOf(CohorteException.class).hasMessageContaining("codevelopment.error.textTooLong");
        });
        assertThat(data.as(g.facilitator(), () -> groupService.get(g.id())).members()).hasSize(4);
    }

    @Test
    void a_client_who_has_not_accepted_the_charter_cannot_be_chosen_and_three_consultants_are_needed() {
        CodevFixture.Group g = fixture.group(4);
        String newcomer = data.user("nouveau", Roles.PARTICIPANT);
        // The newcomer joins the community and the group but has not accepted the charter.
        data.as(g.facilitator(), () -> communityAdd(g, newcomer));
        data.as(g.facilitator(), () -> groupService.addMember(g.id(), newcomer));
        assertThat(data.as(newcomer, () -> groupService.get(g.id())).canReadCases()).isFalse();
        assertThatThrownBy(() -> data.as(g.facilitator(), () -> sessionService.launch(g.id(), request(newcomer, "Son tour"))))
                .hasMessageContaining("codevelopment.error.clientCharter");

        // One member leaves: the client plus three consultants remain, then another leaves: too few.
        data.as(g.member(3), () -> groupService.removeMember(g.id(), g.member(3)));
        String client = data.as(g.facilitator(), () -> groupService.get(g.id()).suggestedClientId());
        assertThatThrownBy(() -> data.as(g.facilitator(), () -> sessionService.launch(g.id(), request(client, null))))
                .hasMessageContaining("codevelopment.error.tooFewConsultants");
    }

    @Autowired
    org.cohorte.community.service.CommunityService communityService;

    private void communityAdd(CodevFixture.Group g, String userId) {
        communityService.addMember(g.communityId(), userId, org.cohorte.community.domain.CommunityRole.MEMBER);
    }

    @Test
    void choosing_another_client_than_the_rotation_suggests_needs_a_reason() {
        CodevFixture.Group g = fixture.group(5);
        String suggested = data.as(g.facilitator(), () -> groupService.get(g.id()).suggestedClientId());
        String other = g.members().stream().filter(m -> !m.equals(suggested)).findFirst().orElseThrow();
        assertThatThrownBy(() -> data.as(g.facilitator(), () -> sessionService.launch(g.id(), request(other, " "))))
                .hasMessageContaining("codevelopment.error.overrideReasonRequired");
        UUID session = data.as(g.facilitator(), () -> sessionService.launch(g.id(), request(other, "Situation urgente")));
        assertThat(fixture.clientOf(g, session)).isEqualTo(other);
        // The suggestion moves on: the chosen client has had their turn in this cycle.
        assertThat(data.as(g.facilitator(), () -> groupService.get(g.id()).suggestedClientId())).isEqualTo(suggested);
    }

    @Test
    void fewer_than_three_consultants_present_keeps_the_session_closed() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        String client = fixture.clientOf(g, session);
        data.as(client, () -> sessionService.prepareCase(fixture.task(session, Steps.TASK_PREPARE_CASE, client).getId(),
                "Titre", "Contexte", null, null));
        List<String> two = fixture.consultantsOf(g, session).subList(0, 2);
        String openTask = fixture.task(session, Steps.TASK_OPEN_SESSION, g.facilitator()).getId();
        assertThatThrownBy(() -> data.as(g.facilitator(), () -> sessionService.openSession(openTask, two)))
                .hasMessageContaining("codevelopment.error.tooFewConsultants");
        assertThat(fixture.task(session, Steps.TASK_OPEN_SESSION, g.facilitator())).isNotNull();
        data.as(g.facilitator(), () -> sessionService.openSession(openTask, fixture.consultantsOf(g, session)));
        assertThat(fixture.task(session, Steps.TASK_PRESENT_CASE, client)).isNotNull();
    }

    @Test
    void empty_or_oversized_case_texts_are_refused_and_the_task_stays_open() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        String client = fixture.clientOf(g, session);
        String taskId = fixture.task(session, Steps.TASK_PREPARE_CASE, client).getId();
        data.as(client, () -> {
            assertThatThrownBy(() -> sessionService.prepareCase(taskId, "", "Contexte", null, null))
                    .hasMessageContaining("codevelopment.error.textRequired");
            assertThatThrownBy(() -> sessionService.prepareCase(taskId, "Titre", "x".repeat(10001), null, null))
                    .hasMessageContaining("codevelopment.error.textTooLong");
        });
        assertThat(fixture.task(session, Steps.TASK_PREPARE_CASE, client)).isNotNull();
        assertThat(data.as(g.facilitator(), () -> sessionService.board(session)).caseTitle()).isNull();
    }

    @Test
    void nobody_outside_the_group_reads_a_case_not_even_an_admin() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String admin = data.user("admin", Roles.ADMIN, Roles.FACILITATOR, Roles.PARTICIPANT);
        String stranger = data.user("curieux", Roles.PARTICIPANT);
        for (String outsider : List.of(admin, stranger)) {
            data.as(outsider, () -> {
                assertThatThrownBy(() -> sessionService.board(session)).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> sessionService.history(g.id())).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> groupService.get(g.id())).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> sessionService.myOpenTask(session)).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> sessionService.addQuestion(session, "?")).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> sessionService.advance(session, 1)).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> sessionService.cancel(session, "Non")).isInstanceOf(NotFoundException.class);
                assertThat(groupService.myGroups()).noneMatch(s -> s.id().equals(g.id()));
            });
        }
        // Through the engine's REST API, the admin sees ids and dates, never the case: it is not in the engine.
        Http http = new Http(baseUrl());
        var instances = http.get("/engine-rest/process-instance?businessKey=" + session, data.token(admin));
        assertThat(instances.statusCode()).isEqualTo(200);
        String instanceId = instances.body().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        var vars = http.get("/engine-rest/process-instance/" + instanceId + "/variables", data.token(admin));
        assertThat(vars.statusCode()).isEqualTo(200);
        assertThat(vars.body()).contains("clientId").doesNotContain("Mobiliser une équipe");
        // A consultant cannot complete the client's task either.
        String client = fixture.clientOf(g, session);
        String consultant = fixture.consultantsOf(g, session).get(0);
        String presentTask = fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId();
        assertThatThrownBy(() -> data.as(consultant, () -> sessionService.finishPresentation(presentTask)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> data.as(consultant, () -> sessionService.advance(session, 1)))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void a_client_task_handed_to_a_consultant_behind_cohortes_back_is_still_refused_to_them() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String client = fixture.clientOf(g, session);
        String consultant = fixture.consultantsOf(g, session).get(0);
        String present = fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId();
        // As /engine-rest once allowed: the client's task reassigned to a consultant.
        taskService.setAssignee(present, consultant);
        assertThatThrownBy(() -> data.as(consultant, () -> sessionService.finishPresentation(present)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("codevelopment.error.notYourPart");
        assertThat(taskService.createTaskQuery().taskId(present).singleResult()).as("still open").isNotNull();
    }

    @Test
    void a_member_who_leaves_loses_access_to_the_cases() {
        CodevFixture.Group g = fixture.group(5);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String leaver = fixture.consultantsOf(g, session).get(0);
        assertThat(data.as(leaver, () -> sessionService.board(session)).caseTitle()).isEqualTo("Mobiliser une équipe en télétravail");
        data.as(leaver, () -> groupService.removeMember(g.id(), leaver));
        data.as(leaver, () -> {
            assertThatThrownBy(() -> sessionService.board(session)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> sessionService.history(g.id())).isInstanceOf(NotFoundException.class);
            assertThat(groupService.myGroups()).noneMatch(s -> s.id().equals(g.id()));
        });
        // Coming back means accepting the charter again.
        data.as(g.facilitator(), () -> groupService.addMember(g.id(), leaver));
        assertThatThrownBy(() -> data.as(leaver, () -> sessionService.board(session))).isInstanceOf(NotFoundException.class);
        data.as(leaver, () -> groupService.acceptCharter(g.id()));
        assertThat(data.as(leaver, () -> sessionService.board(session)).id()).isEqualTo(session);
    }

    @Test
    void only_present_consultants_ask_only_the_client_answers_and_a_member_who_left_does_neither() {
        CodevFixture.Group g = fixture.group(6);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        String client = fixture.clientOf(g, session);
        List<String> consultants = fixture.consultantsOf(g, session);
        data.as(client, () -> sessionService.prepareCase(fixture.task(session, Steps.TASK_PREPARE_CASE, client).getId(),
                "Titre", "Contexte", null, null));
        // The last consultant is absent; the first leaves the group once the session runs.
        String absent = consultants.get(4);
        String leaver = consultants.get(0);
        String consultant = consultants.get(1);
        data.as(g.facilitator(), () -> sessionService.openSession(
                fixture.task(session, Steps.TASK_OPEN_SESSION, g.facilitator()).getId(), consultants.subList(0, 4)));
        data.as(client, () -> sessionService.finishPresentation(fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        String leaversTask = fixture.task(session, Steps.TASK_ASK_QUESTIONS, leaver).getId();
        data.as(leaver, () -> groupService.removeMember(g.id(), leaver));

        for (String notAConsultant : List.of(client, g.facilitator(), absent)) {
            assertThatThrownBy(() -> data.as(notAConsultant, () -> sessionService.addQuestion(session, "Pourquoi ?")))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("codevelopment.error.consultantsOnly");
        }
        assertThatThrownBy(() -> data.as(leaver, () -> sessionService.addQuestion(session, "Pourquoi ?")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> data.as(leaver, () -> sessionService.finishClarification(leaversTask)))
                .isInstanceOf(NotFoundException.class);
        // A contribution belongs to step 4, not to the clarification.
        assertThatThrownBy(() -> data.as(consultant, () -> sessionService.addContribution(session, "Idée")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("codevelopment.error.stepMovedOn");

        UUID question = data.as(consultant, () -> sessionService.addQuestion(session, "Combien de personnes ?"));
        for (String notTheClient : List.of(consultant, g.facilitator())) {
            assertThatThrownBy(() -> data.as(notTheClient, () -> sessionService.answerQuestion(question, "Dix.", 0)))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("codevelopment.error.clientOnly");
        }
        assertThatThrownBy(() -> data.as(leaver, () -> sessionService.answerQuestion(question, "Dix.", 0)))
                .isInstanceOf(NotFoundException.class);
        // A consultant cannot finish the client's answering step, nor another consultant's questions.
        String answerTask = fixture.task(session, Steps.TASK_ANSWER_QUESTIONS, client).getId();
        String othersTask = fixture.task(session, Steps.TASK_ASK_QUESTIONS, consultants.get(2)).getId();
        assertThatThrownBy(() -> data.as(consultant, () -> sessionService.finishClarification(answerTask)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> data.as(consultant, () -> sessionService.finishClarification(othersTask)))
                .isInstanceOf(NotFoundException.class);

        SessionBoard board = data.as(client, () -> sessionService.board(session));
        assertThat(board.questions()).singleElement().satisfies(q -> {
            assertThat(q.body()).isEqualTo("Combien de personnes ?");
            assertThat(q.answer()).isNull();
        });
        data.as(client, () -> sessionService.answerQuestion(question, "Douze.", 0));
        assertThat(data.as(consultant, () -> sessionService.board(session)).questions().get(0).answer()).isEqualTo("Douze.");
    }

    @Test
    void two_answers_to_the_same_question_at_once_one_wins_and_the_other_is_told() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String client = fixture.clientOf(g, session);
        String consultant = fixture.consultantsOf(g, session).get(0);
        data.as(client, () -> sessionService.finishPresentation(fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        UUID question = data.as(consultant, () -> sessionService.addQuestion(session, "Combien de personnes ?"));
        // Two tabs of the client show version 0 of the question.
        data.as(client, () -> sessionService.answerQuestion(question, "Douze.", 0));
        assertThatThrownBy(() -> data.as(client, () -> sessionService.answerQuestion(question, "Dix.", 0)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("codevelopment.error.changedMeanwhile");
        assertThat(data.as(client, () -> sessionService.board(session)).questions().get(0).answer()).isEqualTo("Douze.");
        // A consultant's question after the step moved on is refused with a clear message.
        data.as(g.facilitator(), () -> sessionService.advance(session, 2));
        assertThatThrownBy(() -> data.as(consultant, () -> sessionService.addQuestion(session, "Encore ?")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("codevelopment.error.stepMovedOn");
    }

    @Test
    void two_people_completing_the_same_task_at_once_one_wins_and_the_other_is_told() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        fixture.runSixSteps(g, session, true);
        // The learning-note task is offered to the session's facilitator and client, nobody else: not even an
        // expert of the group's community.
        String expert = data.user("expert", Roles.EXPERT, Roles.PARTICIPANT);
        data.as(g.facilitator(), () -> communityService.addMember(g.communityId(), expert,
                org.cohorte.community.domain.CommunityRole.EXPERT));
        String noteTask = fixture.task(session, Steps.TASK_PUBLISH_LEARNING_NOTE, null).getId();
        assertThat(taskService.getIdentityLinksForTask(noteTask)).extracting(l -> l.getUserId() + "/" + l.getGroupId())
                .containsExactlyInAnyOrder(g.facilitator() + "/null", fixture.clientOf(g, session) + "/null");
        assertThatThrownBy(() -> data.as(expert, () -> sessionService.publishLearningNote(noteTask, "Note", "Corps", List.of())))
                .isInstanceOf(CohorteException.class);
        data.as(fixture.clientOf(g, session), () -> sessionService.publishLearningNote(noteTask, "Note", "Corps", List.of()));
        assertThatThrownBy(() -> data.as(g.facilitator(), () -> sessionService.publishLearningNote(noteTask, "Autre note", "Corps", List.of())))
                .isInstanceOf(CohorteException.class);
    }

    @Test
    void two_facilitator_windows_advancing_the_same_step_at_once_one_wins_and_the_other_is_told() throws Exception {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    barrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    try {
                        data.as(g.facilitator(), () -> sessionService.advance(session, 1));
                        return "ok";
                    } catch (ConflictException e) {
                        return e.getMessageKey();
                    }
                }));
            }
            List<String> outcomes = new java.util.ArrayList<>();
            for (var f : results) {
                outcomes.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(outcomes).containsOnlyOnce("ok");
            // The loser's click runs again after the winner's commit (ConflictRetry) and hears the truth.
            assertThat(outcomes).filteredOn(o -> !o.equals("ok")).singleElement()
                    .isEqualTo("codevelopment.error.stepMovedOn");
        } finally {
            pool.shutdownNow();
        }
        assertThat(data.as(g.facilitator(), () -> sessionService.board(session)).currentStep()).isEqualTo(2);
        assertThat(fixture.tasks(session, Steps.TASK_ASK_QUESTIONS)).hasSize(3);
    }
}
