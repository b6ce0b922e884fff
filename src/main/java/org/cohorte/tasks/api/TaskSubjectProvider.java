package org.cohorte.tasks.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A feature names what the tasks of its process are about, from its own records (the business key is the domain
 * id). The inbox asks once per page and process, with all of that page's tasks of the process, so a provider
 * reads its records in one or two queries, never one per task.
 */
public interface TaskSubjectProvider {

    /** The BPMN process key whose tasks this provider names. */
    String processKey();

    /**
     * Subjects of the given tasks for the signed-in user, by task id, in {@code locale}. A task whose record the
     * user may not read gets no subject (it is left out of the map): a confidential title never reaches someone
     * who cannot read the record.
     */
    Map<String, TaskSubject> subjects(List<TaskRef> tasks, Locale locale);

    /**
     * The subject with the context a task page shows to do the task. By default the same as in the inbox; a
     * provider adds context lines (what the record says) when the holder may read them.
     */
    default TaskSubject detailed(TaskRef task, Locale locale) {
        return subjects(List.of(task), locale).get(task.taskId());
    }

    /**
     * A SELECT of the subject text of one record, column {@code subject}, whose every {@code ?} is that record's
     * key ({@link #subjectKey}): what the inbox sorts and filters on, kept per task by the subject index when the
     * task is made. It must hold nothing more confidential than what any holder of such a task may read (a group's
     * name, a question's title, never a codevelopment case), and read the record by its primary key. Null when the
     * process has no such text (its tasks then filter and sort by their name).
     */
    default String subjectSql() {
        return null;
    }

    /**
     * The record's key as {@link #subjectSql}'s parameter, from the process instance's business key: by default the
     * business key read as a domain id (a UUID); null when it is none (a task started outside Cohorte's services).
     */
    default Object subjectKey(String businessKey) {
        return TaskRef.parseId(businessKey);
    }

    /**
     * For a process whose tasks in one instance are about different things (a review's indicators, one per
     * multi-instance branch): the name of a variable of the task's own execution that holds, as text, what the
     * task is about inside the record. {@link #subjectSql} then has a second text column, {@code branch}: a
     * row with a branch names the tasks whose execution holds that value; a row whose branch is null names the
     * instance's other tasks. Null (the default): every task of an instance is about its business key's record.
     */
    default String subjectBranchVariable() {
        return null;
    }
}
