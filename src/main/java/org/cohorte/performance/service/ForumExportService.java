package org.cohorte.performance.service;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.SystemIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Long forum-workbook exports run in the background, as the user who asked: the screen polls their progress
 * and offers the file when it is done. A job is visible to its owner only.
 */
@Service
public class ForumExportService {

    private static final Logger LOG = LoggerFactory.getLogger(ForumExportService.class);

    public enum State { RUNNING, DONE, FAILED }

    /** What the screen shows of a job. */
    public record ExportStatus(UUID id, State state, long rowsWritten, long rowsTotal, String errorKey, String fileName) {
        public double fraction() {
            return state == State.DONE ? 1 : rowsTotal <= 0 ? 0 : Math.min(1, (double) rowsWritten / rowsTotal);
        }
    }

    private static final class Job {
        final UUID id = UUID.randomUUID();
        final String owner;
        final String fileName;
        final AtomicLong written = new AtomicLong();
        volatile long total;
        volatile State state = State.RUNNING;
        volatile String errorKey;
        volatile File file;

        Job(String owner, String fileName) {
            this.owner = owner;
            this.fileName = fileName;
        }
    }

    private final ForumWorkbookService workbookService;
    private final CurrentUser currentUser;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "forum-export");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();

    public ForumExportService(ForumWorkbookService workbookService, CurrentUser currentUser) {
        this.workbookService = workbookService;
        this.currentUser = currentUser;
    }

    /** Checks what it can at once (the period, the organizations), then exports in the background. */
    public UUID start(String period, Collection<UUID> organizationIds, Locale locale) {
        CurrentUser.Identity me = currentUser.require();
        // Refuses now, in the user's thread, what the background job would refuse later.
        ForumWorkbookData probe = workbookService.collect(period, organizationIds, locale);
        Job job = new Job(me.userId(), "forum-" + probe.period() + ".xlsx");
        job.total = probe.indicatorCount();
        jobs.put(job.id, job);
        List<UUID> ids = organizationIds == null ? List.of() : List.copyOf(organizationIds);
        executor.submit(() -> SystemIdentity.runAs(me.userId(), me.groups(), () -> {
            run(job, period, ids, locale);
            return null;
        }));
        return job.id;
    }

    private void run(Job job, String period, List<UUID> ids, Locale locale) {
        try {
            File file = Files.createTempFile("cohorte-forum-", ".xlsx").toFile();
            file.deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file.toPath())) {
                workbookService.export(period, ids, locale, out, job.written::set);
            }
            job.file = file;
            job.state = State.DONE;
        } catch (CohorteException e) {
            job.errorKey = e.getMessageKey();
            job.state = State.FAILED;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Forum workbook export failed", e);
            job.errorKey = "performance.export.failed";
            job.state = State.FAILED;
        }
    }

    public ExportStatus status(UUID jobId) {
        Job job = own(jobId);
        return new ExportStatus(job.id, job.state, job.written.get(), job.total, job.errorKey, job.fileName);
    }

    /** The finished file, for its owner. */
    public File file(UUID jobId) {
        Job job = own(jobId);
        if (job.state != State.DONE) {
            throw new NotFoundException("performance.error.notFound");
        }
        return job.file;
    }

    private Job own(UUID jobId) {
        String me = currentUser.userId();
        Job job = jobId == null ? null : jobs.get(jobId);
        if (job == null || !job.owner.equals(me)) {
            throw new NotFoundException("performance.error.notFound");
        }
        return job;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        jobs.values().stream().filter(j -> j.file != null).forEach(j -> j.file.delete());
    }
}
