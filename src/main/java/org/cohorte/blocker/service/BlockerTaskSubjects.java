package org.cohorte.blocker.service;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.cohorte.blocker.domain.Blocker;
import org.cohorte.blocker.domain.BlockerRepository;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.Roles;
import org.cohorte.tasks.api.TaskRef;
import org.cohorte.tasks.api.TaskSubject;
import org.cohorte.tasks.api.TaskSubjectProvider;
import org.springframework.stereotype.Component;

/**
 * A blocker's task is about the blocker: its title, for the oversight groups, its assignee and who declared it;
 * linked to the steering room, which lists open blockers, for those who may open it.
 */
@Component
class BlockerTaskSubjects implements TaskSubjectProvider {

    private static final List<String> STEERING_ROOM = List.of(Roles.FORUM, Roles.MANAGER, Roles.ADVISORY, Roles.ADMIN);

    private final BlockerRepository blockers;
    private final CurrentUser currentUser;

    BlockerTaskSubjects(BlockerRepository blockers, CurrentUser currentUser) {
        this.blockers = blockers;
        this.currentUser = currentUser;
    }

    @Override
    public String processKey() {
        return BlockerResolutionService.PROCESS_KEY;
    }

    @Override
    public String subjectSql() {
        return "SELECT title AS subject FROM blocker WHERE id = ?";
    }

    @Override
    public Map<String, TaskSubject> subjects(List<TaskRef> tasks, Locale locale) {
        CurrentUser.Identity me = currentUser.require();
        boolean oversight = Arrays.stream(BlockerService.OVERSIGHT).anyMatch(me::isIn);
        String route = STEERING_ROOM.stream().anyMatch(me::isIn) ? "steering-room" : null;
        List<UUID> ids = TaskRef.recordIds(tasks);
        Map<UUID, Blocker> byId = new HashMap<>();
        blockers.findAllById(ids).stream()
                .filter(b -> oversight || me.userId().equals(b.getAssignee()) || me.userId().equals(b.getDeclaredBy()))
                .forEach(b -> byId.put(b.getId(), b));
        Map<String, TaskSubject> subjects = new HashMap<>();
        for (TaskRef task : tasks) {
            Blocker b = byId.get(task.recordId());
            if (b != null) {
                subjects.put(task.taskId(), new TaskSubject(b.getTitle(), route));
            }
        }
        return subjects;
    }
}
