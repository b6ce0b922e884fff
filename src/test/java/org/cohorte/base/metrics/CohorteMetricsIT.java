package org.cohorte.base.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.outbox.Outbox;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.PerformanceFixture;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestProcesses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /actuator/prometheus}: closed to anonymous callers and to members, open to an administrator's token, and
 * Cohorte's gauges and counters move by exactly what the test creates (the database is shared with other tests,
 * so each figure is compared before and after).
 */
class CohorteMetricsIT extends IntegrationTest {

    @Autowired CohorteMetrics metrics;
    @Autowired TestProcesses processes;
    @Autowired RuntimeService runtimeService;
    @Autowired Outbox outbox;
    @Autowired CommunityService communityService;
    @Autowired QuestionService questionService;
    @Autowired CodevFixture codevFixture;
    @Autowired PerformanceFixture performanceFixture;
    @Autowired IndicatorImportService importService;

    @Test
    void the_endpoint_is_for_administrators_tokens_only() {
        Http http = new Http(baseUrl());
        assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", data.token(data.user("mx-member", Roles.PARTICIPANT, Roles.FORUM)))
                .statusCode()).isEqualTo(403);
        assertThat(http.get("/actuator/prometheus", "coh_not-a-token").statusCode()).isEqualTo(401);
        assertThat(http.getBasic("/actuator/prometheus", "admin", "whatever").statusCode()).isEqualTo(401);
        // A signed-in browser's session opens nothing here either.
        String facilitator = data.user("mx-anim", Roles.FACILITATOR);
        Http browser = new Http(baseUrl());
        browser.login(facilitator, org.cohorte.testsupport.TestData.PASSWORD);
        assertThat(browser.get("/actuator/prometheus").statusCode()).isIn(401, 403);

        metrics.refresh();
        HttpResponse<String> scrape = http.get("/actuator/prometheus", adminToken());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(scrape.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count",
                "hikaricp_connections_active", "cohorte_tasks_open", "cohorte_outbox_waiting");
    }

    @Test
    void cohorte_gauges_and_counters_count_what_was_created() {
        metrics.refresh();
        String before = scrape();
        Instant now = EngineClock.now();

        // Two open tasks of the test process, one of them overdue.
        String assignee = data.user("mx-tasks", Roles.PARTICIPANT);
        processes.personalTask(assignee, now.minus(Duration.ofHours(1)));
        processes.personalTask(assignee, now.plus(Duration.ofDays(3)));
        // An incident, as a failed job leaves one.
        Task third = processes.personalTask(assignee, null);
        runtimeService.createIncident("cohorteTestIncident", third.getExecutionId(), "metrics");
        // Two mails waiting.
        outbox.enqueue("TEST", assignee, "mx@example.org", "Sujet", "Corps");
        outbox.enqueue("TEST", assignee, "mx@example.org", "Sujet", "Corps");
        // A question nobody answers, then 25 hours pass: it is past its 24-hour promise.
        String facilitator = data.user("mx-fac", Roles.FACILITATOR, Roles.PARTICIPANT);
        String asker = data.user("mx-asker", Roles.PARTICIPANT);
        UUID community = data.as(facilitator, () -> {
            UUID id = communityService.create("Métriques " + UUID.randomUUID(), "RH", "Charte", null,
                    List.of(facilitator), false).getId();
            communityService.addMember(id, asker, CommunityRole.MEMBER);
            return id;
        });
        data.as(asker, () -> questionService.ask(community, "Une question sans réponse", "Personne ne répond.", List.of()));
        // A live codevelopment session (opened: step 1 under way).
        CodevFixture.Group group = codevFixture.group(4);
        UUID session = codevFixture.launch(group, SessionMode.LIVE);
        codevFixture.prepareAndOpen(group, session);
        // Two refused imports: not a workbook.
        PerformanceFixture.Org org = performanceFixture.organization("mx-import");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> data.as(org.manager(), () -> importService.importWorkbook(org.id(),
                    new ByteArrayInputStream("not a workbook".getBytes(StandardCharsets.UTF_8)))))
                    .isInstanceOf(CohorteException.class);
        }
        metrics.refresh();
        String sameDay = scrape();
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofHours(25))));
        metrics.refresh();
        String later = scrape();

        String personal = "process=\"" + TestProcesses.PERSONAL + "\"";
        assertThat(value(sameDay, "cohorte_tasks_open", personal) - value(before, "cohorte_tasks_open", personal))
                .isEqualTo(3);
        assertThat(value(sameDay, "cohorte_tasks_overdue", personal) - value(before, "cohorte_tasks_overdue", personal))
                .isEqualTo(1);
        assertThat(value(sameDay, "cohorte_incidents", "type=\"cohorteTestIncident\"")
                - value(before, "cohorte_incidents", "type=\"cohorteTestIncident\"")).isEqualTo(1);
        assertThat(value(sameDay, "cohorte_outbox_waiting", "") - value(before, "cohorte_outbox_waiting", ""))
                .isGreaterThanOrEqualTo(2); // the question also mailed the facilitator
        assertThat(value(sameDay, "cohorte_sessions_live", "") - value(before, "cohorte_sessions_live", ""))
                .isEqualTo(1);
        assertThat(value(sameDay, "cohorte_imports_refused_total", "reason=\"notXlsx\"")
                - value(before, "cohorte_imports_refused_total", "reason=\"notXlsx\"")).isEqualTo(2);
        assertThat(value(sameDay, "cohorte_questions_past_promise", "")
                - value(before, "cohorte_questions_past_promise", "")).isZero();
        assertThat(value(later, "cohorte_questions_past_promise", "")
                - value(sameDay, "cohorte_questions_past_promise", "")).isGreaterThanOrEqualTo(1);
        // 25 hours later the task due in 3 days is not overdue yet, the one due an hour ago still is.
        assertThat(value(later, "cohorte_tasks_overdue", personal) - value(before, "cohorte_tasks_overdue", personal))
                .isGreaterThanOrEqualTo(1);
        assertThat(later).contains("cohorte_jobs_failing", "cohorte_jobs_out_of_retries");
    }

    private String adminToken() {
        return data.token(data.user("mx-admin", Roles.ADMIN));
    }

    private String scrape() {
        HttpResponse<String> response = new Http(baseUrl()).get("/actuator/prometheus", adminToken());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The sum of the series of a metric whose labels contain the given text (0 when there is none). */
    static double value(String body, String metric, String label) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? ([-0-9.eE+NaInf]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(body);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (labels.contains(label)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
