package org.cohorte.incubator;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.domain.ProposalData;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.testsupport.TestData;
import org.springframework.stereotype.Component;

/** People, an organization and proposals for incubator tests, each test with its own. */
@Component
public class IncubatorFixture {

    private final TestData data;
    private final OrganizationService organizationService;
    private final IncubatorService incubatorService;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;

    public IncubatorFixture(TestData data, OrganizationService organizationService, IncubatorService incubatorService,
                            RuntimeService runtimeService, TaskService taskService, ManagementService managementService) {
        this.data = data;
        this.organizationService = organizationService;
        this.incubatorService = incubatorService;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.managementService = managementService;
    }

    /** A cast for one experiment: proposer and a teammate, a sponsor, two committee members, an outsider. */
    public Cast cast() {
        String admin = data.user("admin", Roles.ADMIN);
        UUID organization = data.as(admin, () -> organizationService.create("Ministère de l’Emploi " + UUID.randomUUID().toString().substring(0, 6), null,
                OrganizationType.MINISTRY).getId());
        return new Cast(data.user("lea", Roles.PARTICIPANT), data.user("omar", Roles.PARTICIPANT),
                data.user("sophie", Roles.MANAGER), data.user("nadia", Roles.COMMITTEE, Roles.PARTICIPANT),
                data.user("paul", Roles.COMMITTEE), data.user("intrus", Roles.PARTICIPANT), organization);
    }

    public record Cast(String proposer, String teammate, String sponsor, String committee, String committee2,
                       String outsider, UUID organization) {
    }

    public ProposalData proposal(Cast cast, double budget, int weeks) {
        return new ProposalData("Prise de rendez-vous en ligne", cast.organization(), cast.sponsor(),
                Set.of(cast.teammate()), "Les files d’attente au comptoir sont longues.",
                "Un rendez-vous en ligne réduit l’attente.", "Temps d’attente moyen", "min", 15.0, false, weeks,
                budget, "Une développeuse deux jours par semaine");
    }

    public UUID propose(Cast cast, double budget, int weeks) {
        return data.as(cast.proposer(), () -> incubatorService.propose(proposal(cast, budget, weeks)));
    }

    public ProcessInstance instance(UUID experimentId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(IncubatorService.PROCESS_KEY)
                .processInstanceBusinessKey(experimentId.toString()).singleResult();
    }

    public Task task(UUID experimentId, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(experimentId.toString())
                .taskDefinitionKey(key).singleResult();
    }

    public List<Task> tasks(UUID experimentId, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(experimentId.toString())
                .taskDefinitionKey(key).list();
    }

    /** Executes every timer of the experiment that is due at the engine's current time; returns how many fired. */
    public int fireDueTimers(UUID experimentId) {
        int fired = 0;
        ProcessInstance instance = instance(experimentId);
        if (instance == null) {
            return 0;
        }
        // One at a time, earliest first: the end of the period removes the check-in timer that was also due.
        List<Job> due;
        while (!(due = managementService.createJobQuery().processInstanceId(instance.getId()).executable()
                .orderByJobDuedate().asc().listPage(0, 1)).isEmpty()) {
            managementService.executeJob(due.get(0).getId());
            fired++;
        }
        return fired;
    }

    /** Proposed, approved, test card filled, one check-in, run over, learning card submitted: awaiting the decision. */
    public UUID awaitingDecision(Cast cast, double observed) {
        UUID id = propose(cast, 10_000, 6);
        String review = task(id, IncubatorService.TASK_REVIEW).getId();
        data.as(cast.committee2(), () -> incubatorService.review(review, org.cohorte.incubator.domain.DecisionKind.APPROVE, ""));
        String card = task(id, IncubatorService.TASK_TEST_CARD).getId();
        data.as(cast.proposer(), () -> incubatorService.submitTestCard(card, "Les citoyens préfèrent réserver en ligne",
                "ouvrir la réservation en ligne", "le temps d’attente moyen", "l’attente descend sous 15 minutes"));
        moveClock(java.time.Duration.ofDays(7));
        fireDueTimers(id);
        String checkIn = task(id, IncubatorService.TASK_CHECK_IN).getId();
        data.as(cast.teammate(), () -> incubatorService.checkIn(checkIn, "Bon départ", 20.0, null, null));
        moveClock(java.time.Duration.ofDays(60));
        fireDueTimers(id);
        String learning = task(id, IncubatorService.TASK_LEARNING_CARD).getId();
        data.as(cast.teammate(), () -> incubatorService.submitLearningCard(learning, observed,
                "La réservation en ligne attire surtout les jeunes", "Ajouter un rappel par SMS"));
        return id;
    }

    private static void moveClock(java.time.Duration duration) {
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
                org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().plus(duration)));
    }
}
