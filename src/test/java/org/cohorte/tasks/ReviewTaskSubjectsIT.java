package org.cohorte.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.PerformanceFixture;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.tasks.service.InboxFilter;
import org.cohorte.tasks.service.InboxSearch;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.InboxSort;
import org.cohorte.tasks.service.InboxTask;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A performance review's tasks are each about one indicator (its multi-instance branch) or, for the sign-off, the
 * organization: the inbox filters and sorts on what each row shows, not on the review's period alone.
 */
class ReviewTaskSubjectsIT extends IntegrationTest {

    private static final Locale FR = Locale.FRENCH;

    @Autowired
    InboxService inbox;
    @Autowired
    PerformanceFixture performance;
    @Autowired
    ReviewService reviewService;
    @Autowired
    OrganizationService organizationService;

    private List<InboxTask> page(String user, String words, InboxSort sort, boolean ascending) {
        return data.as(user, () -> inbox.page(InboxFilter.ALL, new InboxSearch(null, words), sort, ascending, 0, 50, FR));
    }

    private static List<String> subjects(List<InboxTask> rows) {
        return rows.stream().map(r -> r.subject() == null ? null : r.subject().text()).toList();
    }

    @Test
    void each_indicators_task_is_found_by_the_indicators_name_and_sorted_by_it() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-04-02T14:00:00Z")));
        PerformanceFixture.Org org = performance.organization("RVI");
        String token = UUID.randomUUID().toString().substring(0, 8);
        String delays = "Délais de traitement " + token;
        String mails = "Courriels traités " + token;
        performance.indicator(org, mails, 0, LocalDate.of(2027, 1, 1), 1000, LocalDate.of(2027, 12, 31), Direction.HIGHER);
        performance.indicator(org, delays, 0, LocalDate.of(2027, 1, 1), 1000, LocalDate.of(2027, 12, 31), Direction.HIGHER);
        data.as(org.manager(), () -> reviewService.startReview(org.id(), "2027-Q1"));

        // The owner enters both values: one task per indicator, each named by its own indicator.
        assertThat(subjects(page(org.owner(), null, InboxSort.SUBJECT, true)))
                .containsExactly(mails + " — période 2027-Q1", delays + " — période 2027-Q1");
        assertThat(subjects(page(org.owner(), null, InboxSort.SUBJECT, false)))
                .containsExactly(delays + " — période 2027-Q1", mails + " — période 2027-Q1");
        // A word of one indicator's name finds its task only; the period finds both.
        assertThat(subjects(page(org.owner(), "DÉLAIS DE TRAITEMENT " + token, InboxSort.CREATED, false)))
                .containsExactly(delays + " — période 2027-Q1");
        assertThat(subjects(page(org.owner(), "courriels", InboxSort.CREATED, false)))
                .containsExactly(mails + " — période 2027-Q1");
        assertThat(page(org.owner(), "2027-Q1", InboxSort.CREATED, false)).hasSize(2);
        // The organization names the sign-off, not an indicator's entry.
        String organization = data.as(org.manager(), () -> organizationService.get(org.id()).getName());
        assertThat(page(org.owner(), organization, InboxSort.CREATED, false)).isEmpty();

        // Someone without these tasks finds nothing by the same words, an administrator and the validator included.
        String stranger = data.user("curieux", Roles.PARTICIPANT, Roles.MANAGER, Roles.ADMIN);
        assertThat(page(stranger, token, InboxSort.SUBJECT, true)).isEmpty();
        assertThat(page(org.validator(), token, InboxSort.SUBJECT, true)).isEmpty();
    }

    @Test
    void the_sign_off_is_found_by_the_organizations_name_and_not_by_an_indicators() {
        PerformanceFixture.Org org = performance.reviewed("RVS", 900);
        String organization = data.as(org.manager(), () -> organizationService.get(org.id()).getName());

        List<InboxTask> found = page(org.manager(), organization.toUpperCase(Locale.ROOT), InboxSort.SUBJECT, true);
        assertThat(found).extracting(InboxTask::taskDefinitionKey).containsExactly("user_task_sign_off_review");
        assertThat(subjects(found)).containsExactly(organization + " — période 2027-Q1");
        assertThat(page(org.manager(), "Courriels traités", InboxSort.CREATED, false))
                .extracting(InboxTask::taskDefinitionKey).doesNotContain("user_task_sign_off_review");

        // The owner and a manager of another organization hold no sign-off of this one.
        assertThat(page(org.owner(), organization, InboxSort.CREATED, false)).isEmpty();
        PerformanceFixture.Org other = performance.organization("RVO");
        assertThat(page(other.manager(), organization, InboxSort.SUBJECT, true)).isEmpty();

        // Renamed by an administrator: the sign-off is found by the new name at once, no longer by the old one.
        String admin = data.user("admin", Roles.ADMIN);
        String renamed = "Agence renommée " + UUID.randomUUID().toString().substring(0, 8);
        data.as(admin, () -> {
            org.cohorte.identity.domain.Organization o = organizationService.get(org.id());
            return organizationService.update(o.getId(), o.getVersion(), renamed, o.getAcronym(), o.getType());
        });
        assertThat(subjects(page(org.manager(), "agence renommee", InboxSort.SUBJECT, true)))
                .containsExactly(renamed + " — période 2027-Q1");
        assertThat(page(org.manager(), organization, InboxSort.SUBJECT, true)).isEmpty();
    }
}
