package org.cohorte.demo;

import org.cohorte.base.startup.StartupTask;
import org.cohorte.base.time.CohorteClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.community.domain.Community;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.SystemIdentity;
import org.cohorte.incubator.api.ExperimentPortfolio;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.ProposalData;
import org.cohorte.incubator.service.IncubatorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo experiments at several stages, played through the real process as the demo people would (the committee
 * is "comite", and "comite2" for second levels): one approved at the first level awaiting its second level, one
 * sent back for changes, one running with check-ins and a blocker, one awaiting the committee's decision, one that
 * pivoted then scaled and was published.
 * Past weeks are played by moving the engine clock back inside the seeding transaction, then restoring it.
 */
@Component
public class IncubatorDemoSeeder implements StartupTask {

    private static final Logger LOG = LoggerFactory.getLogger(IncubatorDemoSeeder.class);

    private final boolean enabled;
    private final IncubatorService incubator;
    private final ExperimentPortfolio portfolio;
    private final OrganizationService organizationService;
    private final CommunityService communityService;
    private final MemberService memberService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final RuntimeService runtimeService;
    private final TransactionTemplate transaction;

    private final CohorteClock clock;

    public IncubatorDemoSeeder(@Value("${cohorte.demo.enabled:false}") boolean enabled, IncubatorService incubator,
                               ExperimentPortfolio portfolio, OrganizationService organizationService,
                               CommunityService communityService, MemberService memberService, TaskService taskService,
                               ManagementService managementService, RuntimeService runtimeService,
                               TransactionTemplate transaction, CohorteClock clock) {
        this.clock = clock;
        this.enabled = enabled;
        this.incubator = incubator;
        this.portfolio = portfolio;
        this.organizationService = organizationService;
        this.communityService = communityService;
        this.memberService = memberService;
        this.taskService = taskService;
        this.managementService = managementService;
        this.runtimeService = runtimeService;
        this.transaction = transaction;
    }

    @Override
    public int startupOrder() {
        return 130;
    }

    @Override
    public void runAtStartup() {
        if (!enabled || memberService.groupsOf("comite").isEmpty()) {
            return;
        }
        // Seeded when the demo organizations have experiments (experiments elsewhere are not the demo's).
        boolean seeded = SystemIdentity.runAsAdministrator("incubator-demo", () ->
                portfolio.countsByStage(List.of(organization("MSSS"), organization("SCT"))).values().stream()
                        .mapToLong(Long::longValue).sum() > 0);
        if (seeded) {
            return;
        }
        Instant now = clock.instant();
        try {
            transaction.executeWithoutResult(status -> seed(now));
            LOG.info("Incubator demo experiments seeded");
        } catch (RuntimeException e) {
            LOG.warn("Incubator demo experiments not seeded: {}", e.toString());
        } finally {
            clock.backToNow();
        }
    }

    private void seed(Instant now) {
        UUID msss = organization("MSSS");
        UUID sct = organization("SCT");

        // Large enough for a second level: approved by comite at the first, it waits for comite2 at the second.
        at(now.minus(Duration.ofDays(2)));
        UUID chat = as("animateur", () -> incubator.propose(new ProposalData("Clavardage pour les demandes d’information", sct,
                "gestionnaire", Set.of("membre"), "Les citoyens attendent plusieurs jours une réponse à leurs courriels.",
                "Un clavardage en heures ouvrables répond dans la journée à la plupart des demandes.",
                "Délai moyen de réponse", "heures", 8.0, false, 10, 80_000,
                "Deux agents à mi-temps et une licence de clavardage")));
        at(now.minus(Duration.ofDays(1)));
        as("comite", () -> incubator.review(task(chat, IncubatorService.TASK_REVIEW), DecisionKind.APPROVE,
                "D’accord au premier niveau ; l’ampleur demande un second avis."));

        // Sent back for changes: in membre's inbox.
        at(now.minus(Duration.ofDays(3)));
        UUID carpool = as("membre", () -> incubator.propose(new ProposalData("Covoiturage entre ministères", msss,
                "gestionnaire", Set.of(), "Les déplacements entre édifices coûtent cher.",
                "Une plateforme de covoiturage interne réduit les frais de taxi.", "Frais de taxi mensuels", "$",
                1500.0, false, 3, 2_000, null)));
        as("comite", () -> incubator.review(task(carpool, IncubatorService.TASK_REVIEW), DecisionKind.REQUEST_CHANGES,
                "Précisez quels édifices et comment vous mesurerez les frais évités."));

        // Running, with three weekly check-ins and a blocker.
        Instant start = now.minus(Duration.ofDays(23));
        UUID appointments = approvedAndStarted(start, "membre", new ProposalData("Rendez-vous en ligne au CLSC", msss,
                "gestionnaire", Set.of("expert"), "Les files d’attente au comptoir du CLSC dépassent 30 minutes.",
                "Un rendez-vous en ligne réduit l’attente au comptoir.", "Temps d’attente moyen au comptoir", "min",
                15.0, false, 6, 20_000, "Une développeuse deux jours par semaine"),
                "Les citoyens préfèrent réserver en ligne quand on le leur propose",
                "ouvrir la réservation en ligne pour les prises de sang",
                "le temps d’attente moyen au comptoir, relevé chaque jour", "l’attente moyenne descend sous 15 minutes");
        checkIn(appointments, start.plusSeconds(7 * 86_400 + 3600), "membre", "Peu de réservations la première semaine.", 27.0, null);
        checkIn(appointments, start.plusSeconds(14 * 86_400 + 3600), "expert", "L’affiche à l’accueil a doublé les réservations.",
                21.0, "Pas d’accès au système de rendez-vous de la clinique");
        checkIn(appointments, start.plusSeconds(21 * 86_400 + 3600), "membre", "La moitié des prises de sang sont réservées.", 18.0, null);

        // Learning card done: awaiting the committee's decision (the table suggests to persevere).
        Instant kanbanStart = now.minus(Duration.ofDays(35));
        UUID kanban = approvedAndStarted(kanbanStart, "expert", new ProposalData("Tableau Kanban pour les demandes RH",
                sct, "animateur", Set.of("membre"), "Les demandes RH se perdent entre les boîtes courriel.",
                "Un tableau Kanban partagé raccourcit le traitement.", "Délai de traitement", "jours", 10.0, false, 4,
                3_000, null), "Rendre le travail visible accélère le traitement", "afficher toutes les demandes sur un tableau",
                "le délai entre la demande et la réponse", "le délai moyen passe sous 10 jours");
        checkIn(kanban, kanbanStart.plusSeconds(7 * 86_400 + 3600), "expert", "L’équipe s’approprie le tableau.", 14.0, null);
        checkIn(kanban, kanbanStart.plusSeconds(14 * 86_400 + 3600), "membre", "Les demandes urgentes sautent la file.", 12.0, null);
        endRun(kanban, kanbanStart.plus(Duration.ofDays(31)));
        as("expert", () -> incubator.submitLearningCard(task(kanban, IncubatorService.TASK_LEARNING_CARD), 11.5,
                "Le tableau aide, mais les urgences désorganisent le flux.", "Ajouter une colonne « urgent » limitée à deux demandes."));

        // Pivoted once, then scaled; the learning is published to the Coach RH community.
        Instant formStart = now.minus(Duration.ofDays(90));
        UUID form = approvedAndStarted(formStart, "membre", new ProposalData("Formulaire de déclaration simplifié", msss,
                "expert", Set.of("gestionnaire"), "Un formulaire sur trois arrive incomplet.",
                "Un formulaire plus court arrive complet.", "Formulaires complets", "%", 90.0, true, 4, 5_000, null),
                "Les gens abandonnent les longs formulaires", "retirer les questions facultatives",
                "la part des formulaires complets", "plus de 90 % des formulaires arrivent complets");
        checkIn(form, formStart.plusSeconds(7 * 86_400 + 3600), "membre", "Premiers formulaires courts reçus.", 70.0, null);
        endRun(form, formStart.plus(Duration.ofDays(31)));
        as("membre", () -> incubator.submitLearningCard(task(form, IncubatorService.TASK_LEARNING_CARD), 72.0,
                "Le nombre de questions compte moins que leur clarté.", "Réécrire les questions en langage clair."));
        as("comite", () -> incubator.decide(task(form, IncubatorService.TASK_DECISION), DecisionKind.PIVOT,
                "Essayons le langage clair plutôt que la coupe.", 0));
        as("gestionnaire", () -> incubator.submitTestCard(task(form, IncubatorService.TASK_TEST_CARD),
                "Les gens remplissent ce qu’ils comprennent", "réécrire chaque question en langage clair",
                "la part des formulaires complets", "plus de 90 % des formulaires arrivent complets"));
        Instant second = clock.instant();
        checkIn(form, second.plusSeconds(7 * 86_400 + 3600), "gestionnaire", "Très peu d’appels pour des précisions.", 91.0, null);
        endRun(form, second.plus(Duration.ofDays(31)));
        as("membre", () -> incubator.submitLearningCard(task(form, IncubatorService.TASK_LEARNING_CARD), 94.0,
                "Le langage clair fait la différence.", "Étendre aux autres formulaires de la direction."));
        as("comite", () -> incubator.decide(task(form, IncubatorService.TASK_DECISION), DecisionKind.SCALE,
                "À suivre comme indicateur de la direction.", 0));
        UUID coachRh = as("membre", () -> communityService.myCommunities().stream()
                .filter(c -> c.getName().equals("Coach RH")).map(Community::getId).findFirst().orElse(null));
        if (coachRh != null) {
            as("membre", () -> incubator.publishLearning(form, coachRh, null, List.of("incubateur", "langage clair")));
        }
    }

    private UUID approvedAndStarted(Instant start, String proposer, ProposalData proposal, String believe, String will,
                                    String measure, String rightIf) {
        at(start.minus(Duration.ofDays(5)));
        UUID id = as(proposer, () -> incubator.propose(proposal));
        at(start.minus(Duration.ofDays(3)));
        as("comite", () -> incubator.review(task(id, IncubatorService.TASK_REVIEW), DecisionKind.APPROVE, "Allez-y."));
        at(start);
        as(proposer, () -> incubator.submitTestCard(task(id, IncubatorService.TASK_TEST_CARD), believe, will, measure, rightIf));
        return id;
    }

    private void checkIn(UUID id, Instant when, String who, String observations, Double value, String blocker) {
        at(when);
        fireDueTimers(id);
        as(who, () -> incubator.checkIn(task(id, IncubatorService.TASK_CHECK_IN), observations, value, blocker,
                blocker == null ? null : "Demande faite à la direction des technologies, sans réponse depuis une semaine."));
    }

    private void endRun(UUID id, Instant when) {
        at(when);
        fireDueTimers(id);
    }

    private void fireDueTimers(UUID id) {
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id.toString())
                .processDefinitionKey(IncubatorService.PROCESS_KEY).singleResult().getId();
        List<Job> due;
        while (!(due = managementService.createJobQuery().processInstanceId(instance).executable()
                .orderByJobDuedate().asc().listPage(0, 1)).isEmpty()) {
            managementService.executeJob(due.get(0).getId());
        }
    }

    private String task(UUID experimentId, String key) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(experimentId.toString())
                .taskDefinitionKey(key).list();
        if (tasks.isEmpty()) {
            throw new IllegalStateException("No task " + key + " for experiment " + experimentId);
        }
        return tasks.get(0).getId();
    }

    private UUID organization(String acronym) {
        return SystemIdentity.runAsAdministrator("incubator-demo", () -> organizationService.list().stream()
                .filter(o -> acronym.equals(o.getAcronym())).map(Organization::getId).findFirst()
                .orElseThrow(() -> new IllegalStateException("No demo organization " + acronym)));
    }

    private void at(Instant instant) {
        clock.travelTo(instant);
    }

    private <T> T as(String userId, Supplier<T> action) {
        return SystemIdentity.runAs(userId, memberService.groupsOf(userId), action);
    }

    private void as(String userId, Runnable action) {
        as(userId, () -> {
            action.run();
            return null;
        });
    }
}
