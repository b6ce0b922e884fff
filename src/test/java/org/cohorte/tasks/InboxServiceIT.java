package org.cohorte.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.identity.service.Roles;
import org.cohorte.tasks.service.InboxFilter;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.InboxSort;
import org.cohorte.tasks.service.InboxTask;
import org.cohorte.tasks.service.TaskDetails;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestProcesses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InboxServiceIT extends IntegrationTest {

    @Autowired
    InboxService inbox;
    @Autowired
    TestProcesses processes;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;

    private List<String> ids(String user, InboxFilter filter) {
        return data.as(user, () -> inbox.page(filter, InboxSort.CREATED, false, 0, 100)).stream()
                .map(InboxTask::id).toList();
    }

    @Test
    void a_task_assigned_to_one_user_is_invisible_and_untouchable_for_another() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        String bob = data.user("bob", Roles.PARTICIPANT);
        Task task = processes.personalTask(alice, null);

        assertThat(ids(alice, InboxFilter.ALL)).containsExactly(task.getId());
        assertThat(ids(alice, InboxFilter.MINE)).containsExactly(task.getId());
        assertThat(ids(bob, InboxFilter.ALL)).isEmpty();
        assertThat(data.as(bob, () -> inbox.count(InboxFilter.ALL))).isZero();

        data.as(bob, () -> {
            assertThatThrownBy(() -> inbox.get(task.getId())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> inbox.claim(task.getId())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> inbox.complete(task.getId(), Map.of())).isInstanceOf(NotFoundException.class);
        });
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(alice);

        data.as(alice, () -> inbox.complete(task.getId(), Map.of()));
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isZero();
    }

    @Test
    void a_completion_through_the_service_is_recorded_in_the_engine_as_the_users() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        Task task = processes.personalTask(alice, null);

        data.as(alice, () -> inbox.complete(task.getId(), Map.of()));

        UserOperationLogEntry entry = historyService.createUserOperationLogQuery().taskId(task.getId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult();
        assertThat(entry.getUserId()).isEqualTo(alice);
    }

    @Test
    void the_light_check_features_use_before_completing_refuses_what_the_full_one_refuses() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        String bob = data.user("bob", Roles.PARTICIPANT);
        String carol = data.user("carol", Roles.PARTICIPANT);
        String dave = data.user("dave", Roles.PARTICIPANT);
        Task personal = processes.personalTask(alice, null);
        Task offered = processes.groupTask(data.group(carol, dave), null);

        data.as(bob, () -> {
            assertThatThrownBy(() -> inbox.requireWorkableWithoutVariables(personal.getId(), null))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> inbox.requireWorkableWithoutVariables(offered.getId(), null))
                    .isInstanceOf(NotFoundException.class);
        });
        data.as(alice, () -> {
            TaskDetails mine = inbox.requireWorkableWithoutVariables(personal.getId(), personal.getTaskDefinitionKey());
            assertThat(mine.assignedToMe()).isTrue();
            assertThat(mine.processInstanceId()).isEqualTo(personal.getProcessInstanceId());
            assertThatThrownBy(() -> inbox.requireWorkableWithoutVariables(personal.getId(), "another_step"))
                    .isInstanceOf(NotFoundException.class);
        });
        data.as(carol, () -> assertThat(inbox.requireWorkableWithoutVariables(offered.getId(), null).claimable()).isTrue());
        data.as(carol, () -> inbox.claim(offered.getId()));
        data.as(dave, () -> assertThatThrownBy(() -> inbox.requireWorkableWithoutVariables(offered.getId(), null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("tasks.error.alreadyClaimed"));
    }

    @Test
    void the_engine_itself_refuses_another_users_task_even_without_the_service() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        String bob = data.user("bob", Roles.PARTICIPANT);
        Task task = processes.personalTask(alice, null);

        identityService.setAuthentication(bob, List.of(Roles.PARTICIPANT));
        try {
            assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isZero();
            assertThatThrownBy(() -> taskService.complete(task.getId())).isInstanceOf(AuthorizationException.class);
            assertThatThrownBy(() -> taskService.claim(task.getId(), bob)).isInstanceOf(AuthorizationException.class);
        } finally {
            identityService.clearAuthentication();
        }
    }

    @Test
    void a_group_task_is_claimable_by_its_members_only_and_then_belongs_to_the_claimer() {
        String carol = data.user("carol", Roles.PARTICIPANT);
        String dave = data.user("dave", Roles.PARTICIPANT);
        String outsider = data.user("erin", Roles.PARTICIPANT);
        String group = data.group(carol, dave);
        Task task = processes.groupTask(group, null);

        assertThat(ids(carol, InboxFilter.MY_GROUPS)).containsExactly(task.getId());
        assertThat(ids(carol, InboxFilter.MINE)).isEmpty();
        assertThat(ids(dave, InboxFilter.ALL)).containsExactly(task.getId());
        assertThat(ids(outsider, InboxFilter.ALL)).isEmpty();
        data.as(outsider, () -> assertThatThrownBy(() -> inbox.claim(task.getId())).isInstanceOf(NotFoundException.class));

        data.as(carol, () -> inbox.claim(task.getId()));
        assertThat(ids(carol, InboxFilter.MINE)).containsExactly(task.getId());
        assertThat(ids(dave, InboxFilter.ALL)).isEmpty();

        data.as(dave, () -> {
            TaskDetails seen = inbox.get(task.getId());
            assertThat(seen.assignee()).isEqualTo(carol);
            assertThat(seen.workable()).isFalse();
            assertThatThrownBy(() -> inbox.claim(task.getId()))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("tasks.error.alreadyClaimed");
            assertThatThrownBy(() -> inbox.complete(task.getId(), Map.of())).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> inbox.unclaim(task.getId())).hasMessageContaining("tasks.error.notAssignee");
        });

        data.as(carol, () -> {
            assertThat(inbox.get(task.getId()).releasable()).isTrue();
            inbox.unclaim(task.getId());
        });
        assertThat(ids(dave, InboxFilter.MY_GROUPS)).containsExactly(task.getId());
    }

    @Test
    void a_personal_task_cannot_be_given_back_to_a_group() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        Task task = processes.personalTask(alice, null);
        data.as(alice, () -> {
            assertThat(inbox.get(task.getId()).releasable()).isFalse();
            assertThatThrownBy(() -> inbox.unclaim(task.getId())).hasMessageContaining("tasks.error.personalTask");
        });
    }

    @org.junit.jupiter.api.RepeatedTest(20) // a race: one run proves little
    void two_people_completing_the_same_task_at_once_one_wins_and_the_other_is_told() throws Exception {
        String carol = data.user("carol", Roles.PARTICIPANT);
        String dave = data.user("dave", Roles.PARTICIPANT);
        String group = data.group(carol, dave);
        Task task = processes.groupTask(group, null);

        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (String user : List.of(carol, dave)) {
                outcomes.add(pool.submit(() -> data.as(user, () -> {
                    try {
                        barrier.await();
                        inbox.complete(task.getId(), Map.of("completedBy", user));
                        return "won";
                    } catch (ConflictException | NotFoundException e) {
                        return "told:" + e.getMessageKey();
                    } catch (Exception e) {
                        return "failed:" + e;
                    }
                })));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).as("outcomes %s", results).filteredOn("won"::equals).hasSize(1);
            assertThat(results).as("outcomes %s", results).filteredOn(r -> r.startsWith("told:")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).finished().count()).isEqualTo(1);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .finished().count()).isEqualTo(1);
    }

    @Test
    void overdue_and_due_today_filters_use_the_engine_clock_in_cohortes_zone() {
        Instant tenAm = LocalDate.of(2026, 3, 10).atTime(LocalTime.of(10, 0)).atZone(EngineClock.ZONE).toInstant();
        ClockUtil.setCurrentTime(Date.from(tenAm));
        String alice = data.user("alice", Roles.PARTICIPANT);
        Task yesterday = processes.personalTask(alice, tenAm.minus(Duration.ofDays(1)));
        Task thisMorning = processes.personalTask(alice, tenAm.minus(Duration.ofHours(2)));
        Task tonight = processes.personalTask(alice, tenAm.plus(Duration.ofHours(8)));
        Task tomorrow = processes.personalTask(alice, tenAm.plus(Duration.ofDays(1)));
        Task undated = processes.personalTask(alice, null);

        assertThat(ids(alice, InboxFilter.OVERDUE)).containsExactlyInAnyOrder(yesterday.getId(), thisMorning.getId());
        assertThat(ids(alice, InboxFilter.DUE_TODAY)).containsExactlyInAnyOrder(thisMorning.getId(), tonight.getId());
        assertThat(ids(alice, InboxFilter.ALL)).hasSize(5).contains(tomorrow.getId(), undated.getId());

        List<InboxTask> rows = data.as(alice, () -> inbox.page(InboxFilter.ALL, InboxSort.DUE, true, 0, 10));
        Map<String, Boolean> overdue = rows.stream().collect(Collectors.toMap(InboxTask::id, InboxTask::overdue));
        assertThat(overdue).containsEntry(yesterday.getId(), true).containsEntry(tonight.getId(), false)
                .containsEntry(undated.getId(), false);
    }

    @Test
    void pages_are_disjoint_and_cover_every_task_exactly_once() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            created.add(processes.personalTask(alice, null).getId());
        }
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            int from = offset;
            seen.addAll(data.as(alice, () -> inbox.page(InboxFilter.MINE, InboxSort.CREATED, false, from, 10))
                    .stream().map(InboxTask::id).toList());
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(data.as(alice, () -> inbox.count(InboxFilter.MINE))).isEqualTo(25);
    }

    @Test
    void every_filters_count_matches_the_rows_its_pages_return() {
        Instant tenAm = LocalDate.of(2026, 6, 2).atTime(LocalTime.of(10, 0)).atZone(EngineClock.ZONE).toInstant();
        ClockUtil.setCurrentTime(Date.from(tenAm));
        String alice = data.user("alice", Roles.PARTICIPANT);
        String bob = data.user("bob", Roles.PARTICIPANT);
        String group = data.group(alice, bob);
        processes.personalTask(alice, tenAm.minus(Duration.ofDays(2)));
        processes.personalTask(alice, tenAm.plus(Duration.ofHours(3)));
        processes.personalTask(alice, null);
        processes.personalTask(bob, tenAm.minus(Duration.ofDays(1)));
        processes.groupTask(group, tenAm.minus(Duration.ofHours(1)));
        processes.groupTask(group, tenAm.plus(Duration.ofDays(4)));
        Task claimedByBob = processes.groupTask(group, tenAm.plus(Duration.ofHours(1)));
        data.as(bob, () -> inbox.claim(claimedByBob.getId()));
        processes.groupTask(Roles.MANAGER, null);

        Map<InboxFilter, Integer> expected = Map.of(InboxFilter.ALL, 5, InboxFilter.MINE, 3, InboxFilter.MY_GROUPS, 2,
                InboxFilter.OVERDUE, 2, InboxFilter.DUE_TODAY, 2);
        for (InboxFilter filter : InboxFilter.values()) {
            List<String> rows = ids(alice, filter);
            long count = data.as(alice, () -> inbox.count(filter));
            assertThat(rows).as(filter.name()).hasSize(expected.get(filter));
            assertThat(count).as(filter.name()).isEqualTo(rows.size());
            assertThat(data.as(alice, () -> inbox.countUpTo(filter, 100))).as(filter.name()).isEqualTo(rows.size());
            assertThat(data.as(alice, () -> inbox.countUpTo(filter, 1))).as(filter.name()).isEqualTo(1);
        }
    }

    @Test
    void task_details_show_simple_variables_and_hide_nothing_the_user_may_see() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        Task task = processes.personalTask(alice, null);
        TaskDetails details = data.as(alice, () -> inbox.get(task.getId()));
        assertThat(details.variables()).containsEntry("subject", "Sujet de test").containsEntry("assignee", alice);
        assertThat(details.processDefinitionKey()).isEqualTo(TestProcesses.PERSONAL);
        assertThat(details.assignedToMe()).isTrue();
        assertThat(details.processName()).isEqualTo("Démarche de test personnelle");
    }

    @Test
    void requests_without_a_signed_in_user_are_refused() {
        assertThatThrownBy(() -> inbox.page(InboxFilter.ALL, InboxSort.CREATED, false, 0, 10))
                .hasMessageContaining("error.notSignedIn");
    }
}
