package org.cohorte.demo;

import org.cohorte.base.startup.StartupTask;
import org.cohorte.base.time.CohorteClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.cohorte.base.time.EngineClock;
import org.cohorte.community.domain.Community;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.domain.TriageDecision;
import org.cohorte.community.service.CalendarService;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.service.SystemIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings "Coach RH" to life for the demo logins: a duty roster, articles, questions in every state (to triage,
 * assigned, answered and validated, accepted and folded into an article, answered by an article, late), a
 * calendar, and a second community open to all. Runs once (when Coach RH has no question yet).
 */
@Component
public class CommunityDemoSeeder implements StartupTask {

    private static final Logger LOG = LoggerFactory.getLogger(CommunityDemoSeeder.class);

    private final boolean enabled;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final CommunityService communities;
    private final QuestionService questions;
    private final KnowledgeBaseService knowledge;
    private final CalendarService calendar;
    private final TransactionTemplate transaction;

    private final CohorteClock clock;

    public CommunityDemoSeeder(@Value("${cohorte.demo.enabled:false}") boolean enabled, IdentityService identityService,
                               TaskService taskService, CommunityService communities, QuestionService questions,
                               KnowledgeBaseService knowledge, CalendarService calendar, TransactionTemplate transaction, CohorteClock clock) {
        this.clock = clock;
        this.enabled = enabled;
        this.identityService = identityService;
        this.taskService = taskService;
        this.communities = communities;
        this.questions = questions;
        this.knowledge = knowledge;
        this.calendar = calendar;
        this.transaction = transaction;
    }

    @Override
    public int startupOrder() {
        return 110;
    }

    @Override
    public void runAtStartup() {
        if (!enabled || identityService.createUserQuery().userId("animateur").count() == 0) {
            return;
        }
        UUID coachRh = as("animateur", () -> communities.visibleCommunities().stream()
                .filter(c -> c.getName().equals("Coach RH")).map(Community::getId).findFirst().orElse(null));
        if (coachRh == null || !as("animateur", () -> questions.listForCommunity(coachRh, 1)).isEmpty()) {
            return;
        }
        seed(coachRh);
        LOG.info("Community demo data seeded in Coach RH");
    }

    private void seed(UUID coachRh) {
        Instant now = EngineClock.now();
        LocalDate today = EngineClock.today();
        step("animateur", () -> {
            communities.setRole(coachRh, "consultatif", CommunityRole.MEMBER);
            for (int week = 0; week < 6; week++) {
                communities.setDuty(coachRh, today.plusWeeks(week), week % 3 == 2 ? "animateur" : "expert");
            }
            LocalDateTime noon = LocalDateTime.of(today.plusDays(7), java.time.LocalTime.NOON);
            calendar.schedule(coachRh, "Appel mensuel de la communauté", "MONTHLY_CALL",
                    noon.atZone(EngineClock.ZONE).toInstant(), noon.plusHours(1).atZone(EngineClock.ZONE).toInstant());
            calendar.schedule(coachRh, "Atelier : réussir l’accueil des nouveaux employés", "WORKSHOP",
                    noon.plusDays(14).atZone(EngineClock.ZONE).toInstant(),
                    noon.plusDays(14).plusHours(3).atZone(EngineClock.ZONE).toInstant());
        });
        UUID carence = as("expert", () -> knowledge.publish(coachRh, "Délai de carence pour un congé de maladie",
                "Dans la fonction publique québécoise, aucun délai de carence ne s’applique aux congés de maladie "
                        + "imputés à la banque de congés.\nVérifiez la convention collective applicable avant de répondre.",
                List.of("congés", "maladie", "délais"), null, null));
        step("expert", () -> knowledge.publish(coachRh, "Télétravail : encadrer une équipe hybride",
                "Fixer des journées communes au bureau, écrire les règles d’équipe, suivre les résultats plutôt "
                        + "que la présence.", List.of("télétravail", "gestion"), null, null));

        try {
            // To triage.
            at(now, 2);
            step("membre", () -> questions.ask(coachRh, "Comment calculer les vacances d’un employé à temps partiel ?",
                    "Une employée passe de 5 à 4 jours par semaine en cours d’année. Comment proratiser ses vacances ?",
                    List.of("vacances", "temps partiel")));
            // Assigned to the on-duty expert, waiting for an answer.
            at(now, 5);
            UUID posting = ask("gestionnaire", coachRh, "Quel délai pour afficher un poste à l’interne ?",
                    "Nous voulons pourvoir un poste de conseiller rapidement. Quel est le délai minimal d’affichage ?",
                    List.of("dotation", "délais"));
            at(now, 4);
            triage(posting, TriageDecision.ASSIGN, "expert", null);
            // Answered and validated, waiting for the asker.
            at(now, 10);
            UUID report = ask("membre", coachRh, "Peut-on reporter des vacances non prises ?",
                    "Un employé n’a pas pu prendre toutes ses vacances à cause d’un projet. Peut-il les reporter ?",
                    List.of("vacances"));
            at(now, 9);
            triage(report, TriageDecision.CALL_ALL, null, null);
            at(now, 6);
            answer(report, "gestionnaire", "Oui, sur demande écrite approuvée par le gestionnaire, jusqu’à 10 jours.");
            at(now, 5);
            step("expert", () -> questions.validate(questions.posts(report).get(0).id()));
            // Accepted and folded into an article.
            at(now, 50);
            UUID welcome = ask("gestionnaire", coachRh, "Comment structurer un plan d’accueil ?",
                    "Je reçois trois nouvelles personnes en janvier. Avez-vous un modèle de plan d’accueil ?",
                    List.of("accueil", "intégration"));
            at(now, 49);
            triage(welcome, TriageDecision.ASSIGN, "expert", null);
            at(now, 45);
            answer(welcome, "expert", "Trois temps : avant l’arrivée (poste prêt, parrain), la première semaine "
                    + "(rencontres, objectifs), les trois premiers mois (points d’étape).");
            at(now, 40);
            step("gestionnaire", () -> questions.accept(task(welcome), true, null));
            at(now, 39);
            step("animateur", () -> questions.fold(task(welcome), true, "Plan d’accueil en trois temps",
                    questions.draftArticle(welcome), List.of("accueil", "intégration")));
            // Answered with an existing article.
            at(now, 3);
            UUID sick = ask("membre", coachRh, "Y a-t-il un délai de carence en cas de maladie ?",
                    "Une employée malade deux jours : est-ce payé dès le premier jour ?", List.of("maladie"));
            at(now, 2);
            triage(sick, TriageDecision.ARTICLE, null, carence);
            // Late: asked 30 hours ago, nobody triaged it; the engine's timers remind and escalate.
            at(now, 30);
            ask("gestionnaire", coachRh, "Prime de rétention : qui l’autorise ?",
                    "Une employée clé a une offre du privé. Qui peut autoriser une prime de rétention ?",
                    List.of("rémunération"));
        } finally {
            clock.backToNow();
        }

        UUID gar = as("animateur", () -> communities.create("Gestion axée sur les résultats",
                "Indicateurs, cibles et revues de performance", "Ouverte à toutes et à tous.", "comite",
                List.of("animateur"), true).getId());
        step("animateur", () -> {
            communities.setRole(gar, "gestionnaire", CommunityRole.MEMBER);
            communities.setRole(gar, "expert", CommunityRole.EXPERT);
            communities.setDuty(gar, today, "expert");
        });
        ask("gestionnaire", gar, "Comment fixer une cible réaliste pour un nouvel indicateur ?",
                "Nous n’avons pas d’historique. Faut-il attendre un an de mesures ?", List.of("indicateurs", "cibles"));
    }

    /** Moves the engine clock to some hours before the seeding started, so the demo has a history. */
    private void at(Instant now, long hoursAgo) {
        clock.travelTo(now.minus(Duration.ofHours(hoursAgo)));
    }

    private UUID ask(String who, UUID community, String title, String body, List<String> tags) {
        return as(who, () -> transaction.execute(s -> questions.ask(community, title, body, tags)));
    }

    private void triage(UUID question, TriageDecision decision, String expert, UUID article) {
        step("animateur", () -> questions.triage(task(question), decision, expert, article, null));
    }

    private void answer(UUID question, String who, String text) {
        step(who, () -> questions.answerTask(task(question), text));
    }

    private String task(UUID question) {
        return taskService.createTaskQuery().processInstanceBusinessKey(question.toString()).list().get(0).getId();
    }

    private void step(String who, Runnable action) {
        as(who, () -> {
            transaction.executeWithoutResult(s -> action.run());
            return null;
        });
    }

    private <T> T as(String who, Supplier<T> action) {
        List<String> groups = identityService.createGroupQuery().groupMember(who).list().stream().map(Group::getId).toList();
        return SystemIdentity.runAs(who, groups, action);
    }
}
