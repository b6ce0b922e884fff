package org.cohorte.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.IncubatorFixture;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.notification.service.NotificationView;
import org.cohorte.tasks.api.TaskRef;
import org.cohorte.tasks.api.TaskSubject;
import org.cohorte.tasks.api.TaskSubjectProvider;
import org.cohorte.tasks.service.InboxFilter;
import org.cohorte.tasks.service.InboxSearch;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.InboxSort;
import org.cohorte.tasks.service.InboxTask;
import org.cohorte.tasks.service.TaskDetails;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.SqlStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every task names what it is about, from Cohorte's records, to those who may read them. */
class TaskSubjectsIT extends IntegrationTest {

    private static final Locale FR = Locale.FRENCH;

    @Autowired
    InboxService inbox;
    @Autowired
    CodevFixture codev;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    IncubatorFixture incubator;
    @Autowired
    CommunityService communityService;
    @Autowired
    QuestionService questionService;
    @Autowired
    NotificationService notificationService;
    @Autowired
    CohorteI18NProvider i18n;
    @Autowired
    TaskService taskService;
    @Autowired
    List<TaskSubjectProvider> providers;
    @Autowired
    javax.sql.DataSource dataSource;

    /** All of it (the committee also holds other tests' proposals in a shared database). */
    private List<InboxTask> page(String user, InboxSearch search, InboxSort sort, boolean ascending) {
        return data.as(user, () -> inbox.page(InboxFilter.ALL, search, sort, ascending, 0, 1000, FR));
    }

    private TaskSubjectProvider provider(String processKey) {
        return providers.stream().filter(p -> p.processKey().equals(processKey)).findFirst().orElseThrow();
    }

    private static TaskRef ref(Task task, String businessKey) {
        return new TaskRef(task.getId(), task.getTaskDefinitionKey(), businessKey, task.getExecutionId());
    }

    /** The client writes the case: the facilitator then holds "open the session". */
    private void prepare(CodevFixture.Group g, UUID session) {
        String client = codev.clientOf(g, session);
        data.as(client, () -> sessionService.prepareCase(codev.task(session, Steps.TASK_PREPARE_CASE, client).getId(),
                "Cas confidentiel", "Contexte", "Essais", "Enjeux"));
    }

    @Test
    void two_sessions_tasks_of_one_facilitator_name_their_group_and_date_and_link_to_the_board() {
        CodevFixture.Group first = codev.group(4);
        CodevFixture.Group second = codev.group(4);
        UUID s1 = codev.launch(first, SessionMode.LIVE);
        UUID s2 = codev.launch(second, SessionMode.LIVE);
        String client = codev.clientOf(first, s1);

        List<InboxTask> rows = page(client, InboxSearch.ANY, InboxSort.CREATED, false);
        InboxTask prepare = rows.stream().filter(r -> Steps.TASK_PREPARE_CASE.equals(r.taskDefinitionKey()))
                .findFirst().orElseThrow();
        String firstName = data.as(first.facilitator(), () -> groupService.get(first.id()).name());
        assertThat(prepare.subject().text()).startsWith(firstName + " — séance du ");
        assertThat(prepare.subject().route()).isEqualTo("codevelopment/session/" + s1);

        // Each facilitator's "open the session" names its own group: no two identical rows.
        prepare(second, s2);
        String secondName = data.as(second.facilitator(), () -> groupService.get(second.id()).name());
        InboxTask open = page(second.facilitator(), InboxSearch.ANY, InboxSort.CREATED, false).stream()
                .filter(r -> Steps.TASK_OPEN_SESSION.equals(r.taskDefinitionKey())).findFirst().orElseThrow();
        assertThat(open.subject().text()).startsWith(secondName).doesNotContain(firstName);
        assertThat(open.subject().route()).isEqualTo("codevelopment/session/" + s2);
        // In English, the same subject in English words.
        InboxTask english = data.as(client, () -> inbox.page(InboxFilter.ALL, InboxSearch.ANY, InboxSort.CREATED,
                false, 0, 50, Locale.ENGLISH)).stream().filter(r -> r.id().equals(prepare.id())).findFirst().orElseThrow();
        assertThat(english.subject().text()).startsWith(firstName + " — session of ");
    }

    @Test
    void a_consultants_task_page_gives_the_case_as_the_client_wrote_it_and_nobody_else_gets_it() {
        CodevFixture.Group g = codev.group(4);
        UUID session = codev.launch(g, SessionMode.ASYNC);
        codev.prepareAndOpen(g, session);
        String client = codev.clientOf(g, session);
        data.as(client, () -> sessionService.finishPresentation(codev.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        String consultant = codev.consultantsOf(g, session).get(0);
        Task ask = codev.task(session, Steps.TASK_ASK_QUESTIONS, consultant);

        TaskSubject subject = data.as(consultant, () -> inbox.subjectOf(inbox.get(ask.getId()), FR));
        assertThat(subject.route()).isEqualTo("codevelopment/session/" + session);
        assertThat(subject.context()).extracting(TaskSubject.Line::value)
                .contains("Mobiliser une équipe en télétravail", "Mon équipe de 12 personnes…");
        assertThat(subject.context()).extracting(TaskSubject.Line::label).contains("Groupe", "Séance", "Cas");

        // Someone outside the group, an administrator included, gets neither the task nor its case.
        String stranger = data.user("curieux", Roles.PARTICIPANT, Roles.FACILITATOR, Roles.ADMIN);
        TaskDetails details = data.as(consultant, () -> inbox.get(ask.getId()));
        data.as(stranger, () -> {
            assertThatThrownBy(() -> inbox.subjectOf(details, FR)).isInstanceOf(NotFoundException.class);
            // Even asked directly, the provider names nothing it may not read.
            TaskSubjectProvider codevSubjects = provider(Steps.PROCESS_KEY);
            assertThat(codevSubjects.subjects(List.of(ref(ask, session.toString())), FR)).isEmpty();
            assertThat(codevSubjects.detailed(ref(ask, session.toString()), FR)).isNull();
        });
        // A member who leaves the group keeps no subject, even while the task is still theirs.
        data.as(g.facilitator(), () -> groupService.removeMember(g.id(), consultant));
        assertThat(page(consultant, InboxSearch.ANY, InboxSort.CREATED, false))
                .filteredOn(r -> r.id().equals(ask.getId())).allSatisfy(r -> assertThat(r.subject()).isNull());
    }

    @Test
    void the_inbox_filters_by_subject_and_process_and_sorts_by_subject() {
        IncubatorFixture.Cast cast = incubator.cast();
        UUID experiment = incubator.propose(cast, 10_000, 8);
        String committee = cast.committee();
        // A facilitator on the committee: a question to triage and two proposals to review.
        String asker = data.user("marc", Roles.PARTICIPANT);
        String facilitator = data.user("claire", Roles.FACILITATOR, Roles.PARTICIPANT, Roles.COMMITTEE);
        UUID c = data.as(facilitator, () -> {
            UUID id = communityService.create("Coach RH " + UUID.randomUUID(), "RH", "Charte", null,
                    List.of(facilitator), false).getId();
            communityService.addMember(id, asker, CommunityRole.MEMBER);
            return id;
        });
        UUID question = data.as(asker, () -> questionService.ask(c, "Zèbre : prime de rétention ?", "Comment faire ?",
                List.of()));
        UUID second = incubator.propose(cast, 20_000, 6);

        List<InboxTask> all = page(facilitator, InboxSearch.ANY, InboxSort.SUBJECT, true);
        assertThat(all).extracting(r -> r.subject() == null ? null : r.subject().text())
                .contains("Zèbre : prime de rétention ?", "Prise de rendez-vous en ligne");
        InboxTask triage = all.stream().filter(r -> QuestionService.PROCESS_KEY.equals(r.processDefinitionKey()))
                .findFirst().orElseThrow();
        assertThat(triage.subject().route()).isEqualTo("question/" + question);
        // Sorted by subject: the experiments ("Prise…") before the question ("Zèbre…"), and the reverse. (Other
        // tests' rows may sort anywhere around them.)
        List<String> ours = List.of("incubator/experiment/" + experiment, "incubator/experiment/" + second);
        java.util.function.Function<List<InboxTask>, List<String>> order = rows -> rows.stream()
                .filter(r -> r.id().equals(triage.id()) || r.subject() != null && ours.contains(r.subject().route()))
                .map(r -> r.id().equals(triage.id()) ? "question" : "experiment").toList();
        assertThat(order.apply(all)).containsExactly("experiment", "experiment", "question");
        assertThat(order.apply(page(facilitator, InboxSearch.ANY, InboxSort.SUBJECT, false)))
                .containsExactly("question", "experiment", "experiment");

        // Words of the subject, any case.
        assertThat(page(facilitator, new InboxSearch(null, "zèbre"), InboxSort.CREATED, false))
                .extracting(InboxTask::id).containsExactly(triage.id());
        // (Other tests' proposals reach the same committee: only this test's two are counted.)
        List<String> mine = List.of("incubator/experiment/" + experiment, "incubator/experiment/" + second);
        assertThat(page(facilitator, new InboxSearch(null, "RENDEZ-VOUS"), InboxSort.CREATED, false))
                .extracting(InboxTask::processDefinitionKey).containsOnly(IncubatorService.PROCESS_KEY)
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(page(facilitator, new InboxSearch(null, "RENDEZ-VOUS"), InboxSort.CREATED, false))
                .extracting(r -> r.subject().route()).containsAll(mine);
        // A % or _ typed is a character, not a wildcard.
        assertThat(page(facilitator, new InboxSearch(null, "z%bre"), InboxSort.CREATED, false)).isEmpty();
        assertThat(page(facilitator, new InboxSearch(null, "z_bre"), InboxSort.CREATED, false)).isEmpty();
        // One process.
        assertThat(page(facilitator, new InboxSearch(IncubatorService.PROCESS_KEY, null), InboxSort.CREATED, false))
                .extracting(InboxTask::processDefinitionKey).containsOnly(IncubatorService.PROCESS_KEY)
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(page(facilitator, new InboxSearch(QuestionService.PROCESS_KEY, "rendez"), InboxSort.CREATED, false))
                .isEmpty();
        // The experiment's row links to its page; someone with no task sees none of them.
        assertThat(all).filteredOn(r -> IncubatorService.PROCESS_KEY.equals(r.processDefinitionKey()))
                .extracting(r -> r.subject().route()).containsAll(mine);
        assertThat(page(asker, new InboxSearch(null, "rendez"), InboxSort.SUBJECT, true)).isEmpty();
        assertThat(committee).isNotEqualTo(facilitator);
    }

    @Test
    void an_experiment_hidden_from_a_user_gets_no_subject_from_its_provider() {
        IncubatorFixture.Cast cast = incubator.cast();
        UUID experiment = incubator.propose(cast, 10_000, 8);
        Task review = incubator.task(experiment, IncubatorService.TASK_REVIEW);
        TaskSubjectProvider experiments = provider(IncubatorService.PROCESS_KEY);
        assertThat(data.as(cast.committee(), () -> experiments.subjects(List.of(ref(review, experiment.toString())), FR)))
                .extractingByKey(review.getId()).extracting(TaskSubject::text).isEqualTo("Prise de rendez-vous en ligne");
        assertThat(data.as(cast.outsider(), () -> experiments.subjects(List.of(ref(review, experiment.toString())), FR)))
                .isEmpty();
    }

    @Test
    void a_page_of_many_tasks_names_them_in_a_few_queries_not_one_per_row() {
        CodevFixture.Group g = codev.group(4);
        String both = g.facilitator();
        for (int i = 0; i < 3; i++) {
            prepare(g, codev.launch(g, SessionMode.LIVE));
        }
        long few = SqlStatements.all(dataSource, () -> page(both, InboxSearch.ANY, InboxSort.CREATED, false));
        for (int i = 0; i < 6; i++) {
            prepare(g, codev.launch(g, SessionMode.LIVE));
        }
        List<InboxTask> rows = page(both, InboxSearch.ANY, InboxSort.CREATED, false);
        assertThat(rows).hasSize(9).allSatisfy(r -> assertThat(r.subject()).isNotNull());
        long many = SqlStatements.all(dataSource, () -> page(both, InboxSearch.ANY, InboxSort.CREATED, false));
        // Three times the rows, the same number of statements.
        assertThat(many).isEqualTo(few);
    }

    @Test
    void async_step_notifications_name_the_group_and_the_session() {
        CodevFixture.Group g = codev.group(4);
        UUID session = codev.launch(g, SessionMode.ASYNC);
        codev.prepareAndOpen(g, session);
        String member = g.member(0);
        String name = data.as(g.facilitator(), () -> groupService.get(g.id()).name());
        List<NotificationView> recent = data.as(member, () -> notificationService.recent(20));
        NotificationView step = recent.stream().filter(n -> n.messageKey().equals("codevelopment.notification.stepStarted"))
                .findFirst().orElseThrow();
        String text = i18n.getTranslation(step.messageKey(), FR, step.args().toArray());
        assertThat(text).contains(name).contains("séance du");
        assertThat(step.link()).isEqualTo("codevelopment/session/" + session);
    }
}
