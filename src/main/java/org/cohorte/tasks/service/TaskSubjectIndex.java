package org.cohorte.tasks.service;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.cohorte.base.engine.EngineCommands;
import org.cohorte.base.persistence.DatabaseDialect;
import org.cohorte.base.persistence.TransactionBound;
import org.cohorte.base.startup.StartupTask;
import org.cohorte.identity.service.MemberRenamedEvent;
import org.cohorte.tasks.api.TaskSubjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * What each open task is about, one row per task in {@code inbox_subject}: the inbox sorts and filters by subject
 * on that table's indexes (see {@link InboxService}). A row is written when the engine creates the task and removed
 * when the task is completed or deleted, in the engine's transaction (Camunda's Spring eventing), so the inbox
 * never sees a task without its row or the reverse. The subject text comes from each process's
 * {@link TaskSubjectProvider#subjectSql}: text any holder of such a task may read, never a confidential case. A
 * record saved or renamed in the task's own transaction is not written yet when the listener runs: its rows are
 * marked {@code pending} in that transaction (the task's name stands in) and read again right after it commits,
 * or at the next start if the node stopped in between. When a record's title changes, its feature calls
 * {@link #refresh} in the same transaction. No data is kept in memory (only the provider beans by process key), so
 * every node sees the same order.
 */
@Component
public class TaskSubjectIndex implements StartupTask {

    private static final Logger LOG = LoggerFactory.getLogger(TaskSubjectIndex.class);
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final int MAX = 1000;

    private final ObjectProvider<TaskSubjectProvider> providers;
    private final JdbcTemplate jdbc;
    private final DatabaseDialect dialect;
    private final ManagementService managementService;
    private final TransactionTemplate newTransaction;
    private volatile Map<String, TaskSubjectProvider> byProcessKey;

    TaskSubjectIndex(ObjectProvider<TaskSubjectProvider> providers, DataSource dataSource, DatabaseDialect dialect,
                     ManagementService managementService, PlatformTransactionManager transactionManager) {
        this.providers = providers;
        this.jdbc = new JdbcTemplate(dataSource);
        this.dialect = dialect;
        this.managementService = managementService;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Text as the subject filter compares it: lower case, accents removed ("Réunion" and "reunion" match). */
    public static String searchable(String text) {
        if (text == null) {
            return "";
        }
        String plain = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE");
        return MARKS.matcher(Normalizer.normalize(plain, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    @EventListener
    public void onTaskEvent(DelegateTask task) {
        String event = task.getEventName();
        if (TaskListener.EVENTNAME_CREATE.equals(event)) {
            created(task);
        } else if (TaskListener.EVENTNAME_COMPLETE.equals(event) || TaskListener.EVENTNAME_DELETE.equals(event)) {
            jdbc.update("DELETE FROM inbox_subject WHERE task_id = ?", task.getId());
        }
    }

    private void created(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        String processKey = null;
        String businessKey = null;
        String branch = null;
        if (execution != null) {
            processKey = processKey(task);
            businessKey = execution.getProcessBusinessKey();
            TaskSubjectProvider provider = processKey == null ? null : provider(processKey);
            if (provider != null && provider.subjectBranchVariable() != null) {
                Object value = execution.getVariableLocal(provider.subjectBranchVariable());
                branch = value == null ? null : value.toString();
            }
        }
        String subject = subject(processKey, businessKey).get(branch);
        Keys keys = Keys.of(subject, task.getName());
        // A record saved in this same transaction is not written yet (Hibernate writes at commit, and flushing it
        // here would turn a concurrent edit's conflict into a listener error): its subject is read after commit.
        boolean pending = subject == null && names(processKey, businessKey);
        jdbc.update("INSERT INTO inbox_subject (task_id, process_key, business_key, branch, sort_key, search_key,"
                + " pending) VALUES (?, ?, ?, ?, ?, ?, ?)", task.getId(), processKey, businessKey, branch,
                keys.sort(), keys.search(), pending);
        if (pending) {
            resolveAfterCommit();
        }
    }

    /** Whether the process names its tasks' subjects from a record this business key can designate. */
    private boolean names(String processKey, String businessKey) {
        TaskSubjectProvider provider = processKey == null || businessKey == null ? null : provider(processKey);
        return provider != null && provider.subjectSql() != null && provider.subjectKey(businessKey) != null;
    }

    /** The process the task's model element belongs to (its key), read from the deployed model. */
    private static String processKey(DelegateTask task) {
        ModelElementInstance element = task.getBpmnModelElementInstance();
        while (element != null && !(element instanceof Process)) {
            element = element.getParentElement();
        }
        return element == null ? null : ((Process) element).getId();
    }

    /**
     * The open tasks of one record get their subject again (its title changed): call it in the transaction that
     * changes the record. They are marked in it, and read once it has committed (the change is written by then).
     */
    public void refresh(String processKey, String businessKey) {
        if (processKey != null && businessKey != null && jdbc.update("UPDATE inbox_subject SET pending = ?"
                + " WHERE process_key = ? AND business_key = ?", true, processKey, businessKey) > 0) {
            resolveAfterCommit();
        }
    }

    /** Every open task of a process gets its subject again (a name many of its records show changed). */
    public void refreshProcess(String processKey) {
        if (jdbc.update("UPDATE inbox_subject SET pending = ? WHERE process_key = ?", true, processKey) > 0) {
            resolveAfterCommit();
        }
    }

    private static final Object RESOLVE_AFTER_COMMIT = new Object();

    /** Once per transaction: after it commits, the rows it marked get their subject (in a transaction of their own). */
    private void resolveAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            resolvePending();
            return;
        }
        TransactionBound.get(RESOLVE_AFTER_COMMIT, () -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    try {
                        resolvePending();
                    } catch (RuntimeException e) {
                        // The rows stay pending: the next change or the next start reads them; the commit stands.
                        LOG.warn("Task subjects not read after commit: {}", e.toString());
                    }
                }
            });
            return Boolean.TRUE;
        });
    }

    /** Reads the subject of every pending row, record by record; idempotent (another node may do the same). */
    int resolvePending() {
        return newTransaction.execute(status -> {
            record Pending(String taskId, String processKey, String businessKey, String branch, String name) {
            }
            List<Pending> pending = jdbc.query("SELECT S.task_id, S.process_key, S.business_key, S.branch, T.NAME_"
                    + " FROM inbox_subject S LEFT JOIN " + tables().task() + " T ON T.ID_ = S.task_id"
                    // A literal, not a parameter: PostgreSQL then reads the partial index of pending rows (V85).
                    + " WHERE S.pending = TRUE", (rs, row) -> new Pending(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5)));
            RecordSubjects subjects = new RecordSubjects();
            for (Pending p : pending) {
                Keys keys = Keys.of(subjects.of(p.processKey(), p.businessKey(), p.branch()), p.name());
                jdbc.update("UPDATE inbox_subject SET sort_key = ?, search_key = ?, pending = ? WHERE task_id = ?",
                        keys.sort(), keys.search(), false, p.taskId());
            }
            return pending.size();
        });
    }

    /**
     * A member's name changed: the tasks about them (an onboarding's business key is the member) are written again;
     * after a pseudonymisation, which rewrites the name inside other records' titles too, every row is.
     */
    @EventListener
    public void onMemberRenamed(MemberRenamedEvent event) {
        List<String> named = byProcessKey().values().stream().filter(p -> p.subjectSql() != null)
                .map(TaskSubjectProvider::processKey).toList();
        if (named.isEmpty()) {
            return;
        }
        String processes = String.join(", ", java.util.Collections.nCopies(named.size(), "?"));
        List<Object> args = new ArrayList<>(List.of(true));
        args.addAll(named);
        if (!event.everywhere()) {
            args.add(event.userId());
        }
        if (jdbc.update("UPDATE inbox_subject SET pending = ? WHERE process_key IN (" + processes + ")"
                + (event.everywhere() ? "" : " AND business_key = ?"), args.toArray()) > 0) {
            resolveAfterCommit();
        }
    }

    /**
     * Subject text of one record by branch (the null key: the record's own subject, for tasks without a branch),
     * from its process's provider; empty when the process names no subject or the key is not one of its records.
     */
    private Map<String, String> subject(String processKey, String businessKey) {
        Map<String, String> byBranch = new HashMap<>();
        TaskSubjectProvider provider = processKey == null || businessKey == null ? null : provider(processKey);
        Object key = provider == null || provider.subjectSql() == null ? null : provider.subjectKey(businessKey);
        if (key == null) {
            return byBranch;
        }
        String sql = provider.subjectSql();
        int parameters = (int) sql.chars().filter(c -> c == '?').count();
        Object[] args = new Object[parameters];
        java.util.Arrays.fill(args, key);
        boolean branched = provider.subjectBranchVariable() != null;
        jdbc.query(sql, rs -> {
            byBranch.putIfAbsent(branched ? rs.getString("branch") : null, rs.getString("subject"));
        }, args);
        return byBranch;
    }

    private TaskSubjectProvider provider(String processKey) {
        return byProcessKey().get(processKey);
    }

    /**
     * The providers by process key, looked up once: they are singleton beans, fixed once the context is up (no
     * state of the data is kept, so nodes cannot disagree). A task's creation asks up to three times.
     */
    private Map<String, TaskSubjectProvider> byProcessKey() {
        Map<String, TaskSubjectProvider> known = byProcessKey;
        if (known == null) {
            Map<String, TaskSubjectProvider> map = new HashMap<>();
            providers.orderedStream().forEach(p -> map.putIfAbsent(p.processKey(), p));
            known = Map.copyOf(map);
            byProcessKey = known;
        }
        return known;
    }

    /** A task's row keys: its record's subject, or its name when there is none, sorted lower-case, searched bare. */
    private record Keys(String sort, String search) {
        static Keys of(String subject, String name) {
            String text = subject != null ? subject : name == null ? "" : name;
            return new Keys(clip(text.toLowerCase(Locale.ROOT)), clip(searchable(text)));
        }
    }

    /** Subjects by record for one pass over many rows: each record read once, however many of its tasks ask. */
    private final class RecordSubjects {
        private final Map<String, Map<String, String>> read = new HashMap<>();

        String of(String processKey, String businessKey, String branch) {
            return read.computeIfAbsent(processKey + "\n" + businessKey, k -> subject(processKey, businessKey))
                    .get(branch);
        }
    }

    private static String clip(String text) {
        return text.length() > MAX ? text.substring(0, MAX) : text;
    }

    private EngineCommands.Tables tables() {
        return EngineCommands.Tables.of(managementService);
    }

    @Override
    public int startupOrder() {
        // After the demo seeders (their tasks are indexed as they are made): only what was left out is repaired.
        return 10_000;
    }

    /**
     * Repairs what the engine did without Cohorte listening: rows of tasks that no longer exist are removed, open
     * tasks without a row (made before this table, or by a tool that skipped listeners) get one, and rows a stop
     * left pending get their subject. Idempotent, and safe when two nodes start together (an insert that meets the
     * other node's row leaves it).
     */
    @Override
    public void runAtStartup() {
        newTransaction.executeWithoutResult(status -> indexMissing());
        int pending = resolvePending();
        if (pending > 0) {
            LOG.info("Task subjects: {} pending row(s) read", pending);
        }
    }

    private void indexMissing() {
        EngineCommands.Tables tables = tables();
        int removed = jdbc.update("DELETE FROM inbox_subject WHERE NOT EXISTS (SELECT 1 FROM " + tables.task()
                + " T WHERE T.ID_ = inbox_subject.task_id)");
        List<String> branchVariables = byProcessKey().values().stream().map(TaskSubjectProvider::subjectBranchVariable)
                .filter(Objects::nonNull).filter(v -> v.matches("[A-Za-z0-9_]+")).distinct().toList();
        String branchColumn = branchVariables.isEmpty() ? "CAST(NULL AS VARCHAR(255))"
                : "(SELECT MIN(V.TEXT_) FROM " + tables.variable() + " V WHERE V.EXECUTION_ID_ = T.EXECUTION_ID_"
                        + " AND V.TASK_ID_ IS NULL AND V.NAME_ IN ('" + String.join("', '", branchVariables) + "'))";
        record Missing(String taskId, String processKey, String businessKey, String branch, String name) {
        }
        List<Missing> missing = jdbc.query("SELECT T.ID_, D.KEY_, E.BUSINESS_KEY_, " + branchColumn + ", T.NAME_"
                + " FROM " + tables.task() + " T LEFT JOIN " + tables.execution() + " E ON E.ID_ = T.PROC_INST_ID_"
                + " LEFT JOIN " + tables.processDefinition() + " D ON D.ID_ = T.PROC_DEF_ID_"
                + " WHERE NOT EXISTS (SELECT 1 FROM inbox_subject S WHERE S.task_id = T.ID_)",
                (rs, row) -> new Missing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
        if (missing.isEmpty()) {
            if (removed > 0) {
                LOG.info("Task subjects: {} row(s) of ended tasks removed", removed);
            }
            return;
        }
        RecordSubjects subjects = new RecordSubjects();
        List<Object[]> rows = new ArrayList<>();
        for (Missing m : missing) {
            TaskSubjectProvider provider = m.processKey() == null ? null : provider(m.processKey());
            String branch = provider != null && provider.subjectBranchVariable() != null ? m.branch() : null;
            Keys keys = Keys.of(subjects.of(m.processKey(), m.businessKey(), branch), m.name());
            rows.add(new Object[] {m.taskId(), m.processKey(), m.businessKey(), branch, keys.sort(), keys.search()});
        }
        String insert = dialect.isPostgres()
                ? "INSERT INTO inbox_subject (task_id, process_key, business_key, branch, sort_key, search_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (task_id) DO NOTHING"
                : "MERGE INTO inbox_subject (task_id, process_key, business_key, branch, sort_key, search_key)"
                        + " KEY (task_id) VALUES (?, ?, ?, ?, ?, ?)";
        jdbc.batchUpdate(insert, rows);
        LOG.info("Task subjects: {} open task(s) indexed, {} row(s) of ended tasks removed", rows.size(), removed);
    }
}
