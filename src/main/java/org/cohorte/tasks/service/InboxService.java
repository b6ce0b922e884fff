package org.cohorte.tasks.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.NativeTaskQuery;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.cohorte.base.engine.EngineCommands;
import org.cohorte.base.error.ConcurrentChangeException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.persistence.CustomPlans;
import org.cohorte.base.persistence.DatabaseDialect;
import org.cohorte.base.persistence.TransactionBound;
import org.cohorte.base.time.EngineClock;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.cohorte.identity.service.MemberService;
import org.cohorte.tasks.api.TaskRef;
import org.cohorte.tasks.api.TaskSubject;
import org.cohorte.tasks.api.TaskSubjectProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Mes tâches": the tasks assigned to the signed-in user and those their groups may claim, over Camunda's
 * TaskService. This service checks that a task is the user's or offered to them or their groups before anything
 * is done with it. Reading it, its variables, and claiming or giving it back also run as the user in the engine,
 * which applies Camunda authorization too; completing does not ask the engine to repeat the check this service
 * has just made in the same transaction (see {@link #complete}). The REST API and Camunda's webapps keep the
 * engine's authorization on everything.
 *
 * <p>Lists and counts are the exception: their query itself is the restriction (assignee is the user, or
 * an unassigned candidate link to the user or one of their groups), so the engine's authorization join,
 * which repeats the same restriction, is left out. With it, PostgreSQL needs seconds for a first page over
 * 100 000 tasks (an OR-join on ACT_RU_AUTHORIZATION); without it, milliseconds (see InboxBenchmark).
 */
@Service
public class InboxService {

    private static final Object VERIFIED_TASKS = new Object();

    private final TaskService taskService;
    private final RepositoryService repositoryService;
    private final RuntimeService runtimeService;
    private final CurrentUser currentUser;
    private final EngineAuthentication engineAuthentication;
    private final MemberService memberService;
    private final Map<String, ProcessDefinition> definitions = new ConcurrentHashMap<>();
    private final String taskTable;
    private final String identityLinkTable;
    private final String executionTable;
    private final ObjectProvider<TaskSubjectProvider> subjectProviders;
    private final JdbcTemplate jdbc;
    private final DatabaseDialect dialect;

    public InboxService(TaskService taskService, RepositoryService repositoryService,
                        RuntimeService runtimeService, ManagementService managementService, CurrentUser currentUser,
                        EngineAuthentication engineAuthentication, MemberService memberService, DataSource dataSource,
                        DatabaseDialect dialect, ObjectProvider<TaskSubjectProvider> subjectProviders) {
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.runtimeService = runtimeService;
        this.currentUser = currentUser;
        this.engineAuthentication = engineAuthentication;
        this.memberService = memberService;
        EngineCommands.Tables tables = EngineCommands.Tables.of(managementService);
        this.taskTable = tables.task();
        this.identityLinkTable = tables.identityLink();
        this.executionTable = tables.execution();
        this.subjectProviders = subjectProviders;
        this.jdbc = new JdbcTemplate(dataSource);
        this.dialect = dialect;
    }

    /** One page of the inbox, for lazy loading: never more rows than asked for are read. */
    @Transactional(readOnly = true)
    public List<InboxTask> page(InboxFilter filter, InboxSort sort, boolean ascending, int offset, int limit) {
        return page(filter, InboxSearch.ANY, sort, ascending, offset, limit, LocaleContextHolder.getLocale());
    }

    /**
     * One page of the inbox narrowed to a process and/or words of the subject, each row naming its subject in
     * {@code locale}. Without words or a subject sort it is the engine's indexed query; with them, one native
     * query over the tasks' subject rows (see {@link TaskSubjectIndex}) before paging.
     */
    @Transactional(readOnly = true)
    public List<InboxTask> page(InboxFilter filter, InboxSearch search, InboxSort sort, boolean ascending,
                                int offset, int limit, Locale locale) {
        CurrentUser.Identity me = currentUser.require();
        InboxSearch where = search == null ? InboxSearch.ANY : search;
        // The generic plan reads and sorts all of one person's tasks on disk (60 ms at 70 000, against 10 ms).
        CustomPlans.forThisTransaction(jdbc, dialect.isPostgres());
        List<Task> tasks;
        Map<String, String> formKeys;
        if (where.subjectText() == null && sort != InboxSort.SUBJECT) {
            tasks = engineAuthentication.asSystem(() -> {
                TaskQuery query = query(me, filter).initializeFormKeys();
                if (where.processKey() != null) {
                    query.processDefinitionKey(where.processKey());
                }
                order(query, sort, ascending);
                return query.listPage(offset, limit);
            });
            formKeys = null;
        } else {
            tasks = bySubject(me, filter, where, sort, ascending, offset, limit);
            formKeys = formKeysOf(tasks);
        }
        Map<String, String> names = memberService.displayNames(
                tasks.stream().map(Task::getAssignee).filter(Objects::nonNull).distinct().toList());
        Map<String, TaskSubject> subjects = subjectsOf(tasks, locale);
        Instant now = EngineClock.now();
        return tasks.stream().map(task -> {
            ProcessDefinition definition = definition(task.getProcessDefinitionId());
            return new InboxTask(task.getId(), task.getName(), processName(definition), definition == null ? null : definition.getKey(),
                    task.getTaskDefinitionKey(), toInstant(task.getCreateTime()), toInstant(task.getDueDate()),
                    task.getAssignee(), task.getAssignee() == null ? null : names.get(task.getAssignee()),
                    formKeys == null ? task.getFormKey() : formKeys.get(task.getId()), isOverdue(task, now),
                    subjects.get(task.getId()));
        }).toList();
    }

    /** The processes whose tasks the inbox can show, by BPMN key and model name (for the process filter). */
    @Transactional(readOnly = true)
    public Map<String, String> processes() {
        Map<String, String> processes = new java.util.TreeMap<>();
        engineAuthentication.asSystem(() -> repositoryService.createProcessDefinitionQuery().latestVersion().list())
                .forEach(d -> processes.put(d.getKey(), processName(d)));
        return processes;
    }

    /**
     * What one task the user may see is about, with the context its page shows (see
     * {@link TaskSubjectProvider#detailed}); null when its process names no subject or the user may not read it.
     */
    @Transactional(readOnly = true)
    public TaskSubject subjectOf(TaskDetails task, Locale locale) {
        TaskSubjectProvider provider = task.processDefinitionKey() == null ? null
                : subjectProviders().get(task.processDefinitionKey());
        if (provider == null || task.businessKey() == null) {
            return null;
        }
        // The page's own check: only a task this user holds or is offered gets its subject.
        get(task.id());
        String executionId = engineAuthentication.asSystem(() -> {
            Task found = taskService.createTaskQuery().taskId(task.id()).singleResult();
            return found == null ? null : found.getExecutionId();
        });
        return provider.detailed(new TaskRef(task.id(), task.taskDefinitionKey(), task.businessKey(), executionId),
                locale);
    }

    /**
     * The page's subjects: the business keys of its process instances in one query, then each process's provider
     * once with all of its tasks on the page (no query per row).
     */
    private Map<String, TaskSubject> subjectsOf(List<Task> tasks, Locale locale) {
        Map<String, TaskSubjectProvider> providers = subjectProviders();
        List<Task> named = tasks.stream().filter(t -> t.getProcessInstanceId() != null).filter(t -> {
            ProcessDefinition d = definition(t.getProcessDefinitionId());
            return d != null && providers.containsKey(d.getKey());
        }).toList();
        if (named.isEmpty()) {
            return Map.of();
        }
        java.util.Set<String> instanceIds = new java.util.HashSet<>();
        named.forEach(t -> instanceIds.add(t.getProcessInstanceId()));
        Map<String, String> businessKeys = new HashMap<>();
        engineAuthentication.asSystem(() -> runtimeService.createProcessInstanceQuery()
                .processInstanceIds(instanceIds).list())
                .forEach(pi -> businessKeys.put(pi.getId(), pi.getBusinessKey()));
        Map<String, List<TaskRef>> byProcess = new LinkedHashMap<>();
        for (Task t : named) {
            String businessKey = businessKeys.get(t.getProcessInstanceId());
            if (businessKey != null) {
                byProcess.computeIfAbsent(definition(t.getProcessDefinitionId()).getKey(), k -> new ArrayList<>())
                        .add(new TaskRef(t.getId(), t.getTaskDefinitionKey(), businessKey, t.getExecutionId()));
            }
        }
        Map<String, TaskSubject> subjects = new HashMap<>();
        byProcess.forEach((key, refs) -> subjects.putAll(providers.get(key).subjects(refs, locale)));
        return subjects;
    }

    private Map<String, TaskSubjectProvider> subjectProviders() {
        Map<String, TaskSubjectProvider> byKey = new HashMap<>();
        subjectProviders.orderedStream().forEach(p -> byKey.put(p.processKey(), p));
        return byKey;
    }

    /**
     * The native form of {@link #query} with each task's subject row joined (see {@link TaskSubjectIndex}), filtered
     * by words and sortable, before paging. A task whose process names no subject matches and sorts by its name.
     */
    private List<Task> bySubject(CurrentUser.Identity me, InboxFilter filter, InboxSearch search, InboxSort sort,
                                 boolean ascending, int offset, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("userId", me.userId());
        String mine = "RES.ASSIGNEE_ = #{userId}";
        String claimable = claimableCondition(me, parameters);
        String who = switch (filter) {
            case MINE -> mine;
            case MY_GROUPS -> claimable;
            default -> "(" + mine + " OR " + claimable + ")";
        };
        // Each task's subject row (TaskSubjectIndex): the sort walks its (sort_key, task_id) index and stops after
        // the page; a word is matched on the row's accent-free text.
        StringBuilder sql = new StringBuilder("SELECT RES.* FROM ").append(taskTable).append(" RES")
                .append(" JOIN inbox_subject SI ON SI.task_id = RES.ID_")
                .append(" WHERE RES.SUSPENSION_STATE_ = 1 AND ").append(who).append(dueCondition(filter, parameters));
        if (search.processKey() != null) {
            sql.append(" AND SI.process_key = #{processKey}");
            parameters.put("processKey", search.processKey());
        }
        if (search.subjectText() != null) {
            sql.append(" AND SI.search_key LIKE #{subjectLike} ESCAPE '\\'");
            String words = TaskSubjectIndex.searchable(search.subjectText())
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            parameters.put("subjectLike", "%" + words + "%");
        }
        String direction = ascending ? " ASC" : " DESC";
        String orderBy = switch (sort == null ? InboxSort.CREATED : sort) {
            // Both columns one way, so that a descending sort reads the same index backwards.
            case SUBJECT -> "SI.sort_key" + direction + ", SI.task_id" + direction;
            case DUE -> "RES.DUE_DATE_" + direction + ", RES.ID_ ASC";
            case NAME -> "RES.NAME_" + direction + ", RES.ID_ ASC";
            default -> "RES.CREATE_TIME_" + direction + ", RES.ID_ ASC";
        };
        sql.append(" ORDER BY ").append(orderBy);
        return engineAuthentication.asSystem(() -> {
            NativeTaskQuery query = taskService.createNativeTaskQuery().sql(sql.toString());
            parameters.forEach(query::parameter);
            return query.listPage(offset, limit);
        });
    }

    /** A native query does not read form keys: the page's, in one engine query. */
    private Map<String, String> formKeysOf(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return Map.of();
        }
        Map<String, String> formKeys = new HashMap<>();
        engineAuthentication.asSystem(() -> taskService.createTaskQuery()
                .taskIdIn(tasks.stream().map(Task::getId).toArray(String[]::new)).initializeFormKeys().list())
                .forEach(t -> formKeys.put(t.getId(), t.getFormKey()));
        return formKeys;
    }

    /**
     * How many rows {@link #page} would return in all. A native count with the same predicates, as a sum of
     * two disjoint counts (assigned to the user; unassigned and offered to them): the engine's own count
     * wraps a DISTINCT over every matching row, and one OR-ed query is costed high enough for PostgreSQL to
     * spend a third of a second compiling it (JIT) at 100 000 tasks.
     */
    @Transactional(readOnly = true)
    public long count(InboxFilter filter) {
        CurrentUser.Identity me = currentUser.require();
        Map<String, Object> parameters = new HashMap<>();
        String due = dueCondition(filter, parameters);
        String assigned = "SELECT COUNT(*) FROM " + taskTable + " RES WHERE RES.SUSPENSION_STATE_ = 1"
                + " AND RES.ASSIGNEE_ = #{userId}" + due;
        String claimable = "SELECT COUNT(*) FROM " + taskTable + " RES WHERE RES.SUSPENSION_STATE_ = 1 AND "
                + claimableCondition(me, parameters) + due;
        String sql = switch (filter) {
            case MINE -> assigned;
            case MY_GROUPS -> claimable;
            default -> "SELECT (" + assigned + ") + (" + claimable + ")";
        };
        return nativeCount(sql, me, parameters);
    }

    /**
     * {@link #count} but stops counting at {@code cap}: what the inbox shows ("1 000+ tasks"), cheap however
     * large the inbox.
     */
    @Transactional(readOnly = true)
    public long countUpTo(InboxFilter filter, int cap) {
        CurrentUser.Identity me = currentUser.require();
        Map<String, Object> parameters = new HashMap<>();
        String mine = "RES.ASSIGNEE_ = #{userId}";
        String claimable = claimableCondition(me, parameters);
        String who = switch (filter) {
            case MINE -> mine;
            case MY_GROUPS -> claimable;
            default -> "(" + mine + " OR " + claimable + ")";
        };
        parameters.put("cap", cap);
        String sql = "SELECT COUNT(*) FROM (SELECT RES.ID_ FROM " + taskTable + " RES WHERE RES.SUSPENSION_STATE_ = 1 AND "
                + who + dueCondition(filter, parameters) + " LIMIT #{cap}) CAPPED";
        return nativeCount(sql, me, parameters);
    }

    private long nativeCount(String sql, CurrentUser.Identity me, Map<String, Object> parameters) {
        parameters.put("userId", me.userId());
        return engineAuthentication.asSystem(() -> {
            NativeTaskQuery query = taskService.createNativeTaskQuery().sql(sql);
            parameters.forEach(query::parameter);
            return query.count();
        });
    }

    /** Unassigned, with a candidate link to the user or one of their groups (as taskCandidateUser/GroupIn). */
    private String claimableCondition(CurrentUser.Identity me, Map<String, Object> parameters) {
        StringBuilder sql = new StringBuilder("(RES.ASSIGNEE_ IS NULL AND EXISTS (SELECT 1 FROM ")
                .append(identityLinkTable)
                .append(" I WHERE I.TASK_ID_ = RES.ID_ AND I.TYPE_ = 'candidate' AND (I.USER_ID_ = #{userId}");
        if (!me.groups().isEmpty()) {
            sql.append(" OR I.GROUP_ID_ IN (");
            for (int i = 0; i < me.groups().size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("#{group").append(i).append('}');
                parameters.put("group" + i, me.groups().get(i));
            }
            sql.append(')');
        }
        return sql.append(")))").toString();
    }

    /** The due-date bounds of the overdue and due-today filters, as in {@link #query}. */
    private static String dueCondition(InboxFilter filter, Map<String, Object> parameters) {
        if (filter == InboxFilter.OVERDUE) {
            parameters.put("dueBefore", Date.from(EngineClock.now()));
            return " AND RES.DUE_DATE_ < #{dueBefore}";
        }
        if (filter == InboxFilter.DUE_TODAY) {
            LocalDate today = EngineClock.today();
            parameters.put("dueAfter", Date.from(today.atStartOfDay(EngineClock.ZONE).toInstant().minusMillis(1)));
            parameters.put("dueBefore", Date.from(today.plusDays(1).atStartOfDay(EngineClock.ZONE).toInstant()));
            return " AND RES.DUE_DATE_ > #{dueAfter} AND RES.DUE_DATE_ < #{dueBefore}";
        }
        return "";
    }

    /** A task the user may work on, with its variables; anything else is "not found". */
    @Transactional(readOnly = true)
    public TaskDetails get(String taskId) {
        return details(taskId);
    }

    private TaskDetails details(String taskId) {
        CurrentUser.Identity me = currentUser.require();
        return engineAuthentication.asCurrentUser(() -> {
            Accessible accessible = accessibleTask(taskId, me, true);
            Task task = accessible.task();
            verifiedInThisTransaction(me).put(taskId, new Verified(task.getAssignee()));
            Map<String, Object> variables = new LinkedHashMap<>();
            VariableMap typed;
            try {
                typed = taskService.getVariablesTyped(taskId, false);
            } catch (RuntimeException e) {
                // Found a moment ago, completed meanwhile (another node, another tab): the engine then fails on the
                // missing task or, half-way, on its missing execution (a NullPointerException). Found by the cluster test.
                if (engineAuthentication.asSystem(() -> taskService.createTaskQuery().taskId(taskId).count()) == 0) {
                    throw new ConflictException("tasks.error.alreadyCompleted");
                }
                throw e;
            }
            typed.keySet().stream().sorted().forEach(name -> {
                TypedValue value = typed.getValueTyped(name);
                Object plain = value.getValue();
                // Only simple values are shown; serialized objects stay in the engine.
                if (plain == null || plain instanceof String || plain instanceof Number || plain instanceof Boolean || plain instanceof Date) {
                    variables.put(name, plain instanceof Date date ? date.toInstant() : plain);
                }
            });
            return details(task, accessible.candidate(), me, variables);
        });
    }

    private TaskDetails details(Task task, boolean candidate, CurrentUser.Identity me, Map<String, Object> variables) {
        boolean mine = me.userId().equals(task.getAssignee());
        ProcessDefinition definition = definition(task.getProcessDefinitionId());
        String businessKey = task.getProcessInstanceId() == null ? null
                : engineAuthentication.asSystem(() -> processBusinessKey(task.getProcessInstanceId()));
        return new TaskDetails(task.getId(), task.getName(), task.getDescription(), processName(definition),
                definition == null ? null : definition.getKey(), task.getTaskDefinitionKey(),
                task.getProcessInstanceId(), businessKey, toInstant(task.getCreateTime()),
                toInstant(task.getDueDate()), task.getAssignee(),
                task.getAssignee() == null ? null : memberService.displayName(task.getAssignee()),
                task.getFormKey(), isOverdue(task, EngineClock.now()), mine, mine && candidate, variables);
    }

    /** Takes a task offered to the user's groups. If someone was quicker, says who. */
    @Transactional
    public void claim(String taskId) {
        CurrentUser.Identity me = currentUser.require();
        engineAuthentication.asCurrentUser(() -> {
            Task task = accessibleTask(taskId, me, false).task();
            if (me.userId().equals(task.getAssignee())) {
                return;
            }
            claimFor(taskId, me);
        });
    }

    /** Gives a task back to its groups. Only its assignee may. */
    @Transactional
    public void unclaim(String taskId) {
        CurrentUser.Identity me = currentUser.require();
        engineAuthentication.asCurrentUser(() -> {
            Accessible accessible = accessibleTask(taskId, me, true);
            if (!me.userId().equals(accessible.task().getAssignee())) {
                throw new ForbiddenException("tasks.error.notAssignee");
            }
            if (!accessible.candidate()) {
                // Nobody else could pick it up again: a personal task stays with its owner.
                throw new ForbiddenException("tasks.error.personalTask");
            }
            engine(() -> taskService.claim(taskId, null));
        });
    }

    /**
     * Completes a task the user holds (or may claim: it is claimed on the way, through the engine as the user),
     * after checking it here unless a feature did in the same transaction. When two people complete
     * the same task at once, one wins and the other gets a {@link ConflictException}; as it is thrown
     * inside the caller's transaction, whatever the caller wrote with it is rolled back too.
     */
    @Transactional
    public void complete(String taskId, Map<String, Object> variables) {
        CurrentUser.Identity me = currentUser.require();
        engineAuthentication.asCurrentUser(() -> {
            Verified verified = verifiedInThisTransaction(me).get(taskId);
            String assignee = verified != null ? verified.assignee() : accessibleTask(taskId, me, false).task().getAssignee();
            if (assignee == null) {
                claimFor(taskId, me);
            } else if (!me.userId().equals(assignee)) {
                throw new ConflictException("tasks.error.alreadyClaimed", memberService.displayName(assignee));
            }
            // No engine authorization check runs in this completion, so no refusal to translate here.
            engine(() -> completeChecked(taskId, variables == null ? Map.of() : variables));
        });
    }

    /**
     * Checks, for a feature service, that the signed-in user holds or may take this task, and returns it.
     * Features call this before writing the domain data that goes with completing a task.
     */
    @Transactional(readOnly = true)
    public TaskDetails requireWorkable(String taskId, String expectedTaskDefinitionKey) {
        return workable(details(taskId), expectedTaskDefinitionKey);
    }

    /**
     * {@link #requireWorkable} for features that need the task's place, not its variables or form, and complete
     * the task in the same transaction: one query instead of four engine reads (task, its form's definition, its
     * identity links, its process instance's business key), once per step of every session. It is the same check
     * as {@link #requireWorkable} (the task is the user's, or offered to them or their groups), made in SQL rather
     * than through the engine; an offered task is then claimed through the engine, as the user. Its {@code variables} are empty, {@code formKey} is null, {@code releasable} is not worked out (false), and
     * {@code assigneeName} is only given when someone else holds the task.
     */
    @Transactional(readOnly = true)
    public TaskDetails requireWorkableWithoutVariables(String taskId, String expectedTaskDefinitionKey) {
        CurrentUser.Identity me = currentUser.require();
        if (taskId == null || taskId.isBlank()) {
            throw new NotFoundException("tasks.error.notFound");
        }
        List<Object> parameters = new ArrayList<>(List.of(me.userId()));
        parameters.addAll(me.groups());
        parameters.add(taskId);
        String groups = me.groups().isEmpty() ? ""
                : " OR I.GROUP_ID_ IN (" + String.join(", ", Collections.nCopies(me.groups().size(), "?")) + ")";
        List<TaskDetails> found = jdbc.query("SELECT T.ID_, T.NAME_, T.DESCRIPTION_, T.TASK_DEF_KEY_, T.PROC_DEF_ID_,"
                + " T.PROC_INST_ID_, T.CREATE_TIME_, T.DUE_DATE_, T.ASSIGNEE_, E.BUSINESS_KEY_,"
                + " CASE WHEN EXISTS (SELECT 1 FROM " + identityLinkTable + " I WHERE I.TASK_ID_ = T.ID_"
                + " AND I.TYPE_ = 'candidate' AND (I.USER_ID_ = ?" + groups + ")) THEN 1 ELSE 0 END"
                + " FROM " + taskTable + " T LEFT JOIN " + executionTable + " E ON E.ID_ = T.PROC_INST_ID_"
                + " WHERE T.ID_ = ?", (rs, row) -> {
                    String assignee = rs.getString(9);
                    boolean mine = me.userId().equals(assignee);
                    if (!mine && rs.getInt(11) == 0) {
                        return null;
                    }
                    ProcessDefinition definition = definition(rs.getString(5));
                    Instant due = toInstant(rs.getTimestamp(8));
                    return new TaskDetails(rs.getString(1), rs.getString(2), rs.getString(3), processName(definition),
                            definition == null ? null : definition.getKey(), rs.getString(4), rs.getString(6),
                            rs.getString(10), toInstant(rs.getTimestamp(7)), due, assignee,
                            assignee == null || mine ? null : memberService.displayName(assignee), null,
                            due != null && due.isBefore(EngineClock.now()), mine, false, Map.of());
                }, parameters.toArray());
        TaskDetails task = found.isEmpty() ? null : found.get(0);
        if (task == null) {
            throw new NotFoundException("tasks.error.notFound");
        }
        verifiedInThisTransaction(me).put(taskId, new Verified(task.assignee()));
        return workable(task, expectedTaskDefinitionKey);
    }

    private static TaskDetails workable(TaskDetails details, String expectedTaskDefinitionKey) {
        if (expectedTaskDefinitionKey != null && !expectedTaskDefinitionKey.equals(details.taskDefinitionKey())) {
            throw new NotFoundException("tasks.error.notFound");
        }
        if (details.assignee() != null && !details.assignedToMe()) {
            throw new ConflictException("tasks.error.alreadyClaimed", details.assigneeName());
        }
        return details;
    }

    private void claimFor(String taskId, CurrentUser.Identity me) {
        try {
            taskService.claim(taskId, me.userId());
        } catch (TaskAlreadyClaimedException e) {
            throw new ConflictException("tasks.error.alreadyClaimed", memberService.displayName(e.getTaskAssignee()));
        } catch (OptimisticLockingException e) {
            // Another transaction moved the same process instance: the caller may run its whole command again.
            throw new ConcurrentChangeException("tasks.error.changedMeanwhile", e);
        } catch (AuthorizationException e) {
            throw refusal(taskId, me);
        } catch (org.camunda.bpm.engine.exception.NullValueException | org.camunda.bpm.engine.exception.NotFoundException e) {
            // Someone completed it between the check and the claim, as engine() says for a completion.
            throw new ConflictException("tasks.error.alreadyCompleted");
        } catch (NullPointerException e) {
            // The engine read the task but not its execution: the other completion ended the process meanwhile.
            throwIfGone(taskId);
            throw e;
        } catch (ProcessEngineException e) {
            // The same race seen through a task listener (the claim's update event reads the vanished execution).
            throwIfGone(taskId);
            throw e;
        }
    }

    private void throwIfGone(String taskId) {
        Task now = engineAuthentication.asSystem(() -> taskService.createTaskQuery().taskId(taskId).singleResult());
        if (now == null) {
            throw new ConflictException("tasks.error.alreadyCompleted");
        }
    }

    /**
     * The engine refused a task the user could see a moment ago. Usually someone else just completed or
     * claimed it (its authorizations go with it), which the user must hear as a conflict, not as "forbidden".
     */
    private RuntimeException refusal(String taskId, CurrentUser.Identity me) {
        Task now = engineAuthentication.asSystem(() -> taskService.createTaskQuery().taskId(taskId).singleResult());
        if (now == null) {
            return new ConflictException("tasks.error.alreadyCompleted");
        }
        if (now.getAssignee() != null && !now.getAssignee().equals(me.userId())) {
            return new ConflictException("tasks.error.alreadyClaimed", memberService.displayName(now.getAssignee()));
        }
        return new ForbiddenException();
    }

    /**
     * Completes a task whose access this service has just checked (above, or earlier in the same transaction), as
     * the user, so the engine records who did it, without the engine checking the same access a second time: its
     * authorization check is the costliest part of a completion (a large dynamic query built for each call, a fifth
     * of the CPU of a codevelopment session). Everything else the engine does as the user is checked as before.
     */
    private void completeChecked(String taskId, Map<String, Object> variables) {
        EngineCommands.completeWithoutAuthorizationCheck(taskService, taskId, variables);
    }

    private void engine(Runnable call) {
        try {
            call.run();
        } catch (OptimisticLockingException e) {
            // Another transaction moved the same process instance: the caller may run its whole command again.
            throw new ConcurrentChangeException("tasks.error.changedMeanwhile", e);
        } catch (AuthorizationException e) {
            throw new ForbiddenException();
        } catch (org.camunda.bpm.engine.exception.NullValueException | org.camunda.bpm.engine.exception.NotFoundException e) {
            throw new ConflictException("tasks.error.alreadyCompleted");
        } catch (ProcessEngineException e) {
            if (e.getMessage() != null && e.getMessage().contains("Cannot find task")) {
                throw new ConflictException("tasks.error.alreadyCompleted");
            }
            throw e;
        }
    }

    /**
     * Tasks this user was found to hold or be offered, earlier in the current transaction: a feature checks the
     * task (requireWorkable), writes its data, then completes it, and the second check would read the same rows
     * again. Bound to the transaction, so nothing outlives it; outside one, nothing is remembered.
     */
    private Map<String, Verified> verifiedInThisTransaction(CurrentUser.Identity me) {
        Map<String, Map<String, Verified>> byUser = TransactionBound.get(VERIFIED_TASKS, HashMap::new);
        return byUser.computeIfAbsent(me.userId(), user -> new HashMap<>());
    }

    /** Who held a task when the user's access to it was checked. */
    private record Verified(String assignee) {
    }

    /** A task the user may see, and whether it is offered to them (read once: each read is an engine command). */
    private record Accessible(Task task, boolean candidate) {
    }

    /** The task, if it is assigned to the user or offered to them or their groups; "not found" otherwise. */
    private Accessible accessibleTask(String taskId, CurrentUser.Identity me, boolean needCandidate) {
        if (taskId == null || taskId.isBlank()) {
            throw new NotFoundException("tasks.error.notFound");
        }
        Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null) {
            throw new NotFoundException("tasks.error.notFound");
        }
        boolean mine = me.userId().equals(task.getAssignee());
        if (mine && !needCandidate) {
            return new Accessible(task, false);
        }
        boolean candidate = isCandidate(taskId, me);
        // Assigned to the user, or offered to them; when a colleague of the same group took it, the user
        // may see that, not work on it.
        if (mine || candidate) {
            return new Accessible(task, candidate);
        }
        throw new NotFoundException("tasks.error.notFound");
    }

    private boolean isCandidate(String taskId, CurrentUser.Identity me) {
        List<IdentityLink> links;
        try {
            links = taskService.getIdentityLinksForTask(taskId);
        } catch (AuthorizationException | org.camunda.bpm.engine.exception.NullValueException e) {
            // The task was found a moment ago: someone has just completed it (its authorizations, or the task
            // itself, went with it).
            throw refusal(taskId, me);
        }
        return links.stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .anyMatch(link -> me.userId().equals(link.getUserId())
                        || (link.getGroupId() != null && me.groups().contains(link.getGroupId())));
    }

    private TaskQuery query(CurrentUser.Identity me, InboxFilter filter) {
        TaskQuery query = taskService.createTaskQuery().active();
        switch (filter) {
            case MINE -> query.taskAssignee(me.userId());
            case MY_GROUPS -> claimable(query.or(), me).endOr();
            default -> claimable(query.or().taskAssignee(me.userId()), me).endOr();
        }
        Instant now = EngineClock.now();
        if (filter == InboxFilter.OVERDUE) {
            query.dueBefore(Date.from(now));
        } else if (filter == InboxFilter.DUE_TODAY) {
            LocalDate today = EngineClock.today();
            query.dueAfter(Date.from(today.atStartOfDay(EngineClock.ZONE).toInstant().minusMillis(1)))
                    .dueBefore(Date.from(today.plusDays(1).atStartOfDay(EngineClock.ZONE).toInstant()));
        }
        return query;
    }

    /** Unassigned tasks offered to the user by name or through one of their groups. */
    private static TaskQuery claimable(TaskQuery orQuery, CurrentUser.Identity me) {
        orQuery.taskCandidateUser(me.userId());
        if (!me.groups().isEmpty()) {
            orQuery.taskCandidateGroupIn(me.groups());
        }
        return orQuery;
    }

    private static void order(TaskQuery query, InboxSort sort, boolean ascending) {
        switch (sort == null ? InboxSort.CREATED : sort) {
            case DUE -> query.orderByDueDate();
            case NAME -> query.orderByTaskName();
            default -> query.orderByTaskCreateTime();
        }
        if (ascending) {
            query.asc();
        } else {
            query.desc();
        }
        // A stable tie-break so that pages never repeat or skip rows.
        query.orderByTaskId().asc();
    }

    private ProcessDefinition definition(String definitionId) {
        if (definitionId == null) {
            return null;
        }
        return definitions.computeIfAbsent(definitionId,
                id -> engineAuthentication.asSystem(() -> repositoryService.getProcessDefinition(id)));
    }

    private String processBusinessKey(String processInstanceId) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    private static String processName(ProcessDefinition definition) {
        if (definition == null) {
            return null;
        }
        return definition.getName() == null ? definition.getKey() : definition.getName();
    }

    private static boolean isOverdue(Task task, Instant now) {
        return task.getDueDate() != null && task.getDueDate().toInstant().isBefore(now);
    }

    private static Instant toInstant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /**
     * The open task of one process instance (by its business key) among the given steps that the signed-in user holds,
     * or that nobody holds and is offered to them by name: for pages that show "your step" beside a record. The
     * feature's service still checks, from its own records, that the user may act.
     */
    @Transactional(readOnly = true)
    public Optional<String> openTaskOf(String processDefinitionKey, String businessKey, String... taskDefinitionKeys) {
        String me = currentUser.userId();
        return engineAuthentication.asSystem(() -> {
            for (Task task : taskService.createTaskQuery().processDefinitionKey(processDefinitionKey)
                    .processInstanceBusinessKey(businessKey).taskDefinitionKeyIn(taskDefinitionKeys).list()) {
                if (me.equals(task.getAssignee())) {
                    return Optional.of(task.getId());
                }
                if (task.getAssignee() == null && taskService.getIdentityLinksForTask(task.getId()).stream()
                        .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && me.equals(l.getUserId()))) {
                    return Optional.of(task.getId());
                }
            }
            return Optional.empty();
        });
    }
}
