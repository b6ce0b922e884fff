package org.cohorte.demo;

import org.cohorte.base.startup.StartupTask;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.ActionInput;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.LaunchRequest;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.community.domain.Community;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.service.SystemIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A codevelopment group in "Coach RH" facilitated by animateur, with membre, expert, gestionnaire and comite:
 * one past session (its follow-up is due at the next one) and one under way at the clarification step, so
 * that the demo logins see the live board and their own task. Idempotent: does nothing if the group exists.
 */
@Component
public class CodevelopmentDemoSeeder implements StartupTask {

    static final String GROUP_NAME = "Cercle de codéveloppement RH";
    private static final Logger LOG = LoggerFactory.getLogger(CodevelopmentDemoSeeder.class);
    private static final List<String> MEMBERS = List.of("membre", "expert", "gestionnaire", "comite");

    private final boolean enabled;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final CommunityService communityService;
    private final CodevGroupService groupService;
    private final CodevSessionService sessionService;
    private final TransactionTemplate transaction;

    public CodevelopmentDemoSeeder(@Value("${cohorte.demo.enabled:false}") boolean enabled, IdentityService identityService,
                                   TaskService taskService, CommunityService communityService,
                                   CodevGroupService groupService, CodevSessionService sessionService,
                                   TransactionTemplate transaction) {
        this.enabled = enabled;
        this.identityService = identityService;
        this.taskService = taskService;
        this.communityService = communityService;
        this.groupService = groupService;
        this.sessionService = sessionService;
        this.transaction = transaction;
    }

    @Override
    public int startupOrder() {
        return 130;
    }

    @Override
    public void runAtStartup() {
        if (!enabled || identityService.createUserQuery().userId("animateur").count() == 0) {
            return;
        }
        boolean exists = as("animateur", () -> groupService.myGroups().stream().anyMatch(g -> g.name().equals(GROUP_NAME)));
        if (!exists) {
            transaction.executeWithoutResult(status -> seed());
            LOG.info("Codevelopment demo seeded: group '{}' with a past session and one under way", GROUP_NAME);
        }
    }

    private void seed() {
        UUID community = as("animateur", () -> communityService.myCommunities().stream()
                .filter(c -> c.getName().equals("Coach RH")).map(Community::getId).findFirst().orElseThrow());
        UUID group = as("animateur", () -> groupService.create(community, GROUP_NAME,
                "Ce qui est dit dans le groupe reste dans le groupe. Nous écoutons sans juger, nous aidons sans imposer.",
                true, MEMBERS));
        MEMBERS.forEach(m -> as(m, () -> {
            groupService.acceptCharter(group);
            return null;
        }));

        // A past session, run to the end of its six steps.
        UUID past = launch(group, EngineClock.now().minus(14, ChronoUnit.DAYS));
        String client = as("animateur", () -> sessionService.board(past).clientId());
        List<String> consultants = MEMBERS.stream().filter(m -> !m.equals(client)).toList();
        prepareAndOpen(past, client, "Retenir les jeunes professionnels",
                "Trois départs en un an dans une équipe de dix analystes, souvent après moins de deux ans.",
                "Un programme de mentorat informel, des entrevues de départ.");
        act(client, () -> sessionService.finishPresentation(task(past, Steps.TASK_PRESENT_CASE, client)));
        for (String c : consultants) {
            act(c, () -> {
                sessionService.addQuestion(past, "Que disent les entrevues de départ ?");
                sessionService.finishClarification(task(past, Steps.TASK_ASK_QUESTIONS, c));
            });
        }
        act(client, () -> {
            sessionService.board(past).questions().forEach(q ->
                    sessionService.answerQuestion(q.id(), "Surtout le manque de perspectives de carrière.", q.version()));
            sessionService.finishClarification(task(past, Steps.TASK_ANSWER_QUESTIONS, client));
            sessionService.writeContract(task(past, Steps.TASK_WRITE_CONTRACT, client),
                    "Comment offrir des perspectives de carrière visibles à mes jeunes analystes ?");
        });
        act("animateur", () -> sessionService.validateContract(task(past, Steps.TASK_VALIDATE_CONTRACT, "animateur"), true));
        List<String> ideas = List.of("Un plan de développement individuel revu deux fois par an.",
                "Des affectations temporaires dans d’autres directions.", "Un parrainage par un gestionnaire d’une autre équipe.");
        for (int i = 0; i < consultants.size(); i++) {
            String c = consultants.get(i);
            String idea = ideas.get(i % ideas.size());
            act(c, () -> {
                sessionService.addContribution(past, idea);
                sessionService.finishConsultation(task(past, Steps.TASK_CONSULT, c));
            });
        }
        act(client, () -> sessionService.synthesize(task(past, Steps.TASK_SYNTHESIZE, client),
                "Je retiens les plans de développement et les affectations temporaires.",
                List.of(new ActionInput("Rencontrer chaque analyste pour un plan de développement", EngineClock.today().plusDays(20)),
                        new ActionInput("Proposer deux affectations temporaires", EngineClock.today().plusDays(45))), true));
        int rating = 4;
        for (String p : List.of(client, consultants.get(0), consultants.get(1), consultants.get(2), "animateur")) {
            int r = rating;
            act(p, () -> sessionService.integrateLearning(task(past, Steps.TASK_INTEGRATE_LEARNING, p),
                    "Poser des questions ouvertes avant de proposer une solution.", r));
            rating = rating == 5 ? 4 : 5;
        }

        // A session under way, at the clarification step.
        UUID live = launch(group, EngineClock.now());
        String liveClient = as("animateur", () -> sessionService.board(live).clientId());
        prepareAndOpen(live, liveClient, "Réorganiser le service de la paie sans perdre l’équipe",
                "Le service passe à un nouveau système de paie en juin ; l’équipe est inquiète et fatiguée.",
                "Une rencontre d’information, une foire aux questions.");
        act(liveClient, () -> sessionService.finishPresentation(task(live, Steps.TASK_PRESENT_CASE, liveClient)));
        String asker = MEMBERS.stream().filter(m -> !m.equals(liveClient) && !m.equals("membre")).findFirst().orElseThrow();
        act(asker, () -> sessionService.addQuestion(live, "Combien de personnes compte l’équipe de la paie ?"));
    }

    private UUID launch(UUID group, Instant when) {
        return as("animateur", () -> {
            String client = groupService.get(group).suggestedClientId();
            return sessionService.launch(group, new LaunchRequest(when, SessionMode.LIVE, null, client, null, 4));
        });
    }

    private void prepareAndOpen(UUID session, String client, String title, String context, String tried) {
        act(client, () -> sessionService.prepareCase(task(session, Steps.TASK_PREPARE_CASE, client), title, context, tried,
                "Garder une équipe engagée et en santé."));
        act("animateur", () -> sessionService.openSession(task(session, Steps.TASK_OPEN_SESSION, "animateur"),
                MEMBERS.stream().filter(m -> !m.equals(client)).toList()));
    }

    private String task(UUID session, String taskKey, String assignee) {
        return taskService.createTaskQuery().processInstanceBusinessKey(session.toString()).taskDefinitionKey(taskKey)
                .taskAssignee(assignee).singleResult().getId();
    }

    private void act(String userId, Runnable action) {
        as(userId, () -> {
            action.run();
            return null;
        });
    }

    private <T> T as(String userId, Supplier<T> action) {
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        return SystemIdentity.runAs(userId, groups, action);
    }
}
