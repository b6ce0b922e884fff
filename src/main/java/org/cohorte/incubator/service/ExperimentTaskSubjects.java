package org.cohorte.incubator.service;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.cohorte.identity.service.CurrentUser;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.ExperimentRepository;
import org.cohorte.tasks.api.TaskRef;
import org.cohorte.tasks.api.TaskSubject;
import org.cohorte.tasks.api.TaskSubjectProvider;
import org.springframework.stereotype.Component;

/** An experiment's task is about the experiment: its title and page, for those who may see it (canSee). */
@Component
class ExperimentTaskSubjects implements TaskSubjectProvider {

    private final ExperimentRepository experiments;
    private final CurrentUser currentUser;

    ExperimentTaskSubjects(ExperimentRepository experiments, CurrentUser currentUser) {
        this.experiments = experiments;
        this.currentUser = currentUser;
    }

    @Override
    public String processKey() {
        return IncubatorService.PROCESS_KEY;
    }

    @Override
    public String subjectSql() {
        return "SELECT title AS subject FROM experiment WHERE id = ?";
    }

    @Override
    public Map<String, TaskSubject> subjects(List<TaskRef> tasks, Locale locale) {
        CurrentUser.Identity me = currentUser.require();
        List<UUID> ids = TaskRef.recordIds(tasks);
        Map<UUID, Experiment> byId = new HashMap<>();
        experiments.findAllById(ids).stream().filter(e -> IncubatorService.canSee(e, me))
                .forEach(e -> byId.put(e.getId(), e));
        Map<String, TaskSubject> subjects = new HashMap<>();
        for (TaskRef task : tasks) {
            Experiment e = byId.get(task.recordId());
            if (e != null) {
                subjects.put(task.taskId(), new TaskSubject(e.getTitle(), "incubator/experiment/" + e.getId()));
            }
        }
        return subjects;
    }
}
