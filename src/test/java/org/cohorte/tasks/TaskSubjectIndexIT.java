package org.cohorte.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.cohorte.incubator.IncubatorFixture;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.ProposalData;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.tasks.service.InboxFilter;
import org.cohorte.tasks.service.InboxSearch;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.InboxSort;
import org.cohorte.tasks.service.InboxTask;
import org.cohorte.tasks.service.TaskSubjectIndex;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inbox's subject rows (one per open task, what "sort by subject" and the subject filter read) follow the
 * tasks and the records: made with the task, gone with it, written again when a title changes, repaired at start.
 */
class TaskSubjectIndexIT extends IntegrationTest {

    @Autowired
    InboxService inbox;
    @Autowired
    IncubatorFixture incubator;
    @Autowired
    IncubatorService incubatorService;
    @Autowired
    TaskSubjectIndex index;
    @Autowired
    JdbcTemplate jdbc;

    private List<InboxTask> found(String user, String words) {
        return data.as(user, () -> inbox.page(InboxFilter.ALL, new InboxSearch(null, words), InboxSort.CREATED, false,
                0, 50, Locale.FRENCH));
    }

    private String sortKey(String taskId) {
        return jdbc.queryForObject("SELECT sort_key FROM inbox_subject WHERE task_id = ?", String.class, taskId);
    }

    private int rows(String taskId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM inbox_subject WHERE task_id = ?", Integer.class, taskId);
    }

    @Test
    void a_task_gets_its_row_with_its_record_and_loses_it_when_done() {
        IncubatorFixture.Cast cast = incubator.cast();
        UUID experiment = incubator.propose(cast, 10_000, 8);
        String review = reviewTask(experiment);
        // Made in the proposal's own transaction, where the experiment was not yet written when the task was: read
        // again once it committed.
        assertThat(sortKey(review)).isEqualTo("prise de rendez-vous en ligne");
        assertThat(jdbc.queryForObject("SELECT pending FROM inbox_subject WHERE task_id = ?", Boolean.class, review))
                .isFalse();

        data.as(cast.committee2(), () -> incubatorService.review(review, DecisionKind.APPROVE, ""));
        assertThat(rows(review)).isZero();
        String card = incubator.task(experiment, IncubatorService.TASK_TEST_CARD).getId();
        assertThat(sortKey(card)).isEqualTo("prise de rendez-vous en ligne");
    }

    @Test
    void words_are_found_without_their_accents_and_in_any_case() {
        IncubatorFixture.Cast cast = incubator.cast();
        String token = UUID.randomUUID().toString().substring(0, 8);
        String review = reviewTask(propose(cast, "Réunions d’équipe " + token));

        for (String words : List.of("reunions d’equipe " + token, "RÉUNIONS", "réunions d’équipe " + token)) {
            assertThat(found(cast.committee2(), words)).extracting(InboxTask::id).as(words).contains(review);
        }
        assertThat(found(cast.committee2(), "reunions zebre")).isEmpty();
        // Someone holding no task of it finds nothing by the same words.
        assertThat(found(cast.outsider(), token)).isEmpty();
    }

    @Test
    void a_revised_title_sorts_and_is_found_by_the_new_words() {
        IncubatorFixture.Cast cast = incubator.cast();
        String token = UUID.randomUUID().toString().substring(0, 8);
        UUID experiment = propose(cast, "Ancien titre " + token);
        String review = reviewTask(experiment);
        data.as(cast.committee2(), () -> incubatorService.review(review, DecisionKind.REQUEST_CHANGES, "Précisez"));
        String revise = incubator.task(experiment, IncubatorService.TASK_REVISE).getId();
        assertThat(found(cast.proposer(), "ancien titre " + token)).extracting(InboxTask::id).containsExactly(revise);

        data.as(cast.proposer(), () -> incubatorService.revise(revise, proposal(cast, "Nouveau titre " + token)));
        String second = reviewTask(experiment);
        assertThat(found(cast.committee2(), "nouveau titre " + token)).extracting(InboxTask::id).containsExactly(second);
        assertThat(found(cast.committee2(), "ancien titre " + token)).isEmpty();
    }

    @Test
    void start_up_repairs_missing_rows_and_removes_rows_of_ended_tasks() {
        IncubatorFixture.Cast cast = incubator.cast();
        String token = UUID.randomUUID().toString().substring(0, 8);
        String review = reviewTask(propose(cast, "Réparé " + token));
        // As a tool that skipped Cohorte's listeners would leave it: a task without its row, a row without its task.
        jdbc.update("DELETE FROM inbox_subject WHERE task_id = ?", review);
        jdbc.update("INSERT INTO inbox_subject (task_id, process_key, business_key, sort_key, search_key)"
                + " VALUES ('gone-" + token + "', 'x', 'y', 'z', 'z')");
        assertThat(found(cast.committee2(), token)).isEmpty();
        // And a row whose subject was to be read after a commit when the node stopped.
        String otherReview = reviewTask(propose(cast, "Interrompu " + token));
        jdbc.update("UPDATE inbox_subject SET sort_key = 'x', search_key = 'x', pending = ? WHERE task_id = ?", true,
                otherReview);

        index.runAtStartup();
        assertThat(sortKey(otherReview)).isEqualTo("interrompu " + token);
        assertThat(sortKey(review)).isEqualTo("réparé " + token);
        assertThat(rows("gone-" + token)).isZero();
        assertThat(found(cast.committee2(), "repare " + token)).extracting(InboxTask::id).containsExactly(review);
        // Twice is the same as once (two nodes starting together).
        index.runAtStartup();
        assertThat(rows(review)).isEqualTo(1);
    }

    /** The fixture's proposal under another title, made by the cast's proposer. */
    private UUID propose(IncubatorFixture.Cast cast, String title) {
        return data.as(cast.proposer(), () -> incubatorService.propose(proposal(cast, title)));
    }

    /** The committee's open review task of an experiment. */
    private String reviewTask(UUID experiment) {
        return incubator.task(experiment, IncubatorService.TASK_REVIEW).getId();
    }

    private ProposalData proposal(IncubatorFixture.Cast cast, String title) {
        ProposalData p = incubator.proposal(cast, 10_000, 8);
        return new ProposalData(title, p.organizationId(), p.sponsorId(), p.team(), p.problem(), p.hypothesis(),
                p.metric(), p.metricUnit(), p.threshold(), p.higherIsBetter(), p.durationWeeks(), p.budget(),
                p.resources());
    }
}
