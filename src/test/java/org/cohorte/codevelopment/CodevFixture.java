package org.cohorte.codevelopment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.ActionInput;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.LaunchRequest;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.TestData;
import org.springframework.stereotype.Component;

/** A community, a facilitator and a group of fresh members who accepted the charter; helpers to run a session. */
@Component
public class CodevFixture {

    private final TestData data;
    private final CommunityService communityService;
    private final CodevGroupService groupService;
    private final CodevSessionService sessionService;
    private final TaskService taskService;

    public CodevFixture(TestData data, CommunityService communityService, CodevGroupService groupService,
                        CodevSessionService sessionService, TaskService taskService) {
        this.data = data;
        this.communityService = communityService;
        this.groupService = groupService;
        this.sessionService = sessionService;
        this.taskService = taskService;
    }

    public record Group(UUID communityId, UUID id, String facilitator, List<String> members) {
        public String member(int i) {
            return members.get(i);
        }
    }

    public Group group(int size) {
        String facilitator = data.user("anim", Roles.FACILITATOR, Roles.PARTICIPANT);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(data.user("pair", Roles.PARTICIPANT));
        }
        UUID community = data.as(facilitator, () -> {
            UUID id = communityService.create("Communauté " + UUID.randomUUID(), "RH", "Charte", false).getId();
            communityService.addMember(id, facilitator, CommunityRole.FACILITATOR);
            members.forEach(m -> communityService.addMember(id, m, CommunityRole.MEMBER));
            return id;
        });
        UUID group = data.as(facilitator, () -> groupService.create(community, "Groupe " + UUID.randomUUID(),
                "Ce qui se dit dans le groupe reste dans le groupe.", true, members));
        members.forEach(m -> data.as(m, () -> groupService.acceptCharter(group)));
        return new Group(community, group, facilitator, members);
    }

    /** Launches a session with the suggested client; returns its id. */
    public UUID launch(Group group, SessionMode mode) {
        return data.as(group.facilitator(), () -> {
            String client = groupService.get(group.id()).suggestedClientId();
            return sessionService.launch(group.id(), new LaunchRequest(EngineClock.now().plus(1, ChronoUnit.DAYS), mode,
                    null, client, null, 4));
        });
    }

    public String clientOf(Group group, UUID session) {
        return data.as(group.facilitator(), () -> sessionService.board(session).clientId());
    }

    public List<String> consultantsOf(Group group, UUID session) {
        String client = clientOf(group, session);
        return group.members().stream().filter(m -> !m.equals(client)).toList();
    }

    public Task task(UUID session, String taskKey, String assignee) {
        var query = taskService.createTaskQuery().processInstanceBusinessKey(session.toString()).taskDefinitionKey(taskKey);
        if (assignee != null) {
            query.taskAssignee(assignee);
        }
        return query.singleResult();
    }

    public List<Task> tasks(UUID session, String taskKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(session.toString()).taskDefinitionKey(taskKey).list();
    }

    /** Preparation and opening with everyone present. */
    public void prepareAndOpen(Group group, UUID session) {
        String client = clientOf(group, session);
        data.as(client, () -> sessionService.prepareCase(task(session, Steps.TASK_PREPARE_CASE, client).getId(),
                "Mobiliser une équipe en télétravail", "Mon équipe de 12 personnes…", "Des rencontres hebdomadaires",
                "La rétention"));
        data.as(group.facilitator(), () -> sessionService.openSession(
                task(session, Steps.TASK_OPEN_SESSION, group.facilitator()).getId(), consultantsOf(group, session)));
    }

    /** From step 1 to the end of step 6, everyone doing their part. */
    public void runSixSteps(Group group, UUID session, boolean consent) {
        String client = clientOf(group, session);
        List<String> consultants = consultantsOf(group, session);
        data.as(client, () -> sessionService.finishPresentation(task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        for (String c : consultants) {
            data.as(c, () -> {
                sessionService.addQuestion(session, "Depuis quand ? (" + c + ")");
                sessionService.finishClarification(task(session, Steps.TASK_ASK_QUESTIONS, c).getId());
            });
        }
        data.as(client, () -> {
            for (var q : sessionService.board(session).questions()) {
                sessionService.answerQuestion(q.id(), "Depuis six mois.", q.version());
            }
            sessionService.finishClarification(task(session, Steps.TASK_ANSWER_QUESTIONS, client).getId());
            sessionService.writeContract(task(session, Steps.TASK_WRITE_CONTRACT, client).getId(),
                    "Comment garder l’engagement de mon équipe à distance ?");
        });
        data.as(group.facilitator(), () -> sessionService.validateContract(
                task(session, Steps.TASK_VALIDATE_CONTRACT, group.facilitator()).getId(), true));
        for (String c : consultants) {
            data.as(c, () -> {
                sessionService.addContribution(session, "Essayez un café virtuel. (" + c + ")");
                sessionService.finishConsultation(task(session, Steps.TASK_CONSULT, c).getId());
            });
        }
        data.as(client, () -> sessionService.synthesize(task(session, Steps.TASK_SYNTHESIZE, client).getId(),
                "Je retiens le café virtuel et les objectifs partagés.",
                List.of(new ActionInput("Lancer un café virtuel", EngineClock.today().plusDays(14)),
                        new ActionInput("Revoir les objectifs", EngineClock.today().plusDays(30))), consent));
        List<String> everyone = new ArrayList<>(consultants);
        everyone.add(client);
        everyone.add(group.facilitator());
        int rating = 3;
        for (String p : everyone) {
            int r = rating++ % 5 + 1;
            data.as(p, () -> sessionService.integrateLearning(task(session, Steps.TASK_INTEGRATE_LEARNING, p).getId(),
                    "J’ai appris à écouter.", r));
        }
    }

    public static LocalDate inDays(int days) {
        return EngineClock.today().plusDays(days);
    }
}
