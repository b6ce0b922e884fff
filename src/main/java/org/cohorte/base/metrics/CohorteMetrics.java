package org.cohorte.base.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.cohorte.base.time.CohorteClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cohorte's own metrics, on {@code /actuator/prometheus} beside HTTP and JVM ones. The gauges are a handful of
 * aggregate queries on the shared database, run every {@code cohorte.metrics.refresh} (15 s) on each node and
 * cached in between: a scrape never queries, and every node reports the same cluster-wide figures (take
 * {@code max} across instances, not {@code sum}). Import refusals are a counter per node (sum them).
 * The queries read tables of several features by name only: no feature's classes, so {@code base} stays below them.
 */
@Component
public class CohorteMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(CohorteMetrics.class);

    private final JdbcTemplate jdbc;
    private final CohorteClock clock;
    private final MeterRegistry registry;
    private final boolean scheduled;
    private final MultiGauge openTasks;
    private final MultiGauge overdueTasks;
    private final MultiGauge incidents;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** What the last refresh read. */
    record Snapshot(Map<String, Long> openTasks, Map<String, Long> overdueTasks, long questionsPastPromise,
                    long liveSessions, long mailWaiting, long jobsFailing, long jobsOutOfRetries,
                    Map<String, Long> incidents, Instant at) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), 0, 0, 0, 0, 0, Map.of(), null);
    }

    public CohorteMetrics(JdbcTemplate jdbc, CohorteClock clock, MeterRegistry registry,
                          @Value("${cohorte.metrics.scheduled:true}") boolean scheduled) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.registry = registry;
        this.scheduled = scheduled;
        openTasks = MultiGauge.builder("cohorte.tasks.open")
                .description("Open user tasks, by process definition key").register(registry);
        overdueTasks = MultiGauge.builder("cohorte.tasks.overdue")
                .description("Open user tasks past their due date, by process definition key").register(registry);
        incidents = MultiGauge.builder("cohorte.incidents")
                .description("Open engine incidents, by type").register(registry);
        gauge("cohorte.questions.past.promise", "Unanswered questions past their first-answer promise (24 h by default)",
                s -> s.questionsPastPromise());
        gauge("cohorte.sessions.live", "Codevelopment sessions with a step under way", s -> s.liveSessions());
        gauge("cohorte.outbox.waiting", "E-mail in the outbox not sent yet", s -> s.mailWaiting());
        gauge("cohorte.jobs.failing", "Engine jobs whose last run failed and that will be retried", s -> s.jobsFailing());
        gauge("cohorte.jobs.out.of.retries", "Engine jobs that failed with no retries left", s -> s.jobsOutOfRetries());
    }

    private void gauge(String name, String description, java.util.function.ToLongFunction<Snapshot> value) {
        Gauge.builder(name, this, metrics -> value.applyAsLong(metrics.snapshot)).description(description)
                .register(registry);
    }

    /** An import refused outright (too large, not a workbook...) or for errors in its rows. */
    public void importRefused(String reason) {
        Counter.builder("cohorte.imports.refused").description("Indicator imports refused, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    @EventListener(ApplicationReadyEvent.class)
    void firstRead() {
        if (scheduled) {
            refreshQuietly();
        }
    }

    @Scheduled(fixedDelayString = "${cohorte.metrics.refresh:15s}", initialDelayString = "${cohorte.metrics.refresh:15s}")
    void scheduledRefresh() {
        if (scheduled) {
            refreshQuietly();
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // Metrics must never take the node down; the previous figures stay until the next read.
            LOG.warn("Could not read Cohorte's metrics: {}", e.toString());
        }
    }

    /** Reads every gauge from the database now (tests call it instead of waiting for the schedule). */
    public void refresh() {
        Timestamp now = Timestamp.from(clock.instant());
        Map<String, Long> open = new TreeMap<>();
        Map<String, Long> overdue = new TreeMap<>();
        jdbc.query("""
                select d.KEY_, count(*), sum(case when t.DUE_DATE_ < ? then 1 else 0 end)
                from ACT_RU_TASK t join ACT_RE_PROCDEF d on d.ID_ = t.PROC_DEF_ID_
                group by d.KEY_""", rs -> {
            open.put(rs.getString(1), rs.getLong(2));
            overdue.put(rs.getString(1), rs.getLong(3));
        }, now);
        long pastPromise = count("""
                select count(*) from community_question
                where status in ('NEW', 'OPEN') and first_answer_at is null and due_at < ?""", now);
        long live = count("select count(*) from codev_session where status = 'RUNNING'");
        long waiting = count("select count(*) from outbox_message where sent_at is null");
        long failing = count("select count(*) from ACT_RU_JOB where EXCEPTION_MSG_ is not null and RETRIES_ > 0");
        long exhausted = count("select count(*) from ACT_RU_JOB where RETRIES_ = 0");
        Map<String, Long> byType = new TreeMap<>();
        jdbc.query("select INCIDENT_TYPE_, count(*) from ACT_RU_INCIDENT group by INCIDENT_TYPE_",
                rs -> {
                    byType.put(rs.getString(1), rs.getLong(2));
                });
        // Processes with no open task still report 0 (a series that vanishes reads as "no data" in Grafana).
        jdbc.queryForList("select distinct KEY_ from ACT_RE_PROCDEF", String.class).forEach(key -> {
            open.putIfAbsent(key, 0L);
            overdue.putIfAbsent(key, 0L);
        });
        snapshot = new Snapshot(Map.copyOf(open), Map.copyOf(overdue), pastPromise, live, waiting, failing, exhausted,
                Map.copyOf(byType), clock.instant());
        openTasks.register(rows(open, "process"), true);
        overdueTasks.register(rows(overdue, "process"), true);
        incidents.register(rows(byType, "type"), true);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private static List<MultiGauge.Row<?>> rows(Map<String, Long> values, String tag) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        values.forEach((key, value) -> rows.add(MultiGauge.Row.of(Tags.of(tag, key), value)));
        return rows;
    }
}
