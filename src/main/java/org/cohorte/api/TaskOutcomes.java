package org.cohorte.api;

import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.springframework.stereotype.Component;

/**
 * Task actions retried after they happened (the client never saw the answer) must say so and change
 * nothing: the services refuse a task that is no longer open as "not found"; here, if the history shows
 * the caller completed it, that becomes 409 "already done", and if the caller could have (someone else was
 * quicker) 409 "already completed". Anyone else still gets "not found", and a task still open keeps the
 * services' own answer.
 */
@Component
class TaskOutcomes {

    private final HistoryService historyService;
    private final EngineAuthentication engineAuthentication;
    private final CurrentUser currentUser;

    TaskOutcomes(HistoryService historyService, EngineAuthentication engineAuthentication, CurrentUser currentUser) {
        this.historyService = historyService;
        this.engineAuthentication = engineAuthentication;
        this.currentUser = currentUser;
    }

    <T> T act(String taskId, Supplier<T> action) {
        try {
            return action.get();
        } catch (CohorteException e) {
            // "Changed meanwhile" too: when two people complete the same task at once, the loser's engine
            // update finds the row changed; if the task is now completed, say so.
            if (!"tasks.error.notFound".equals(e.getMessageKey()) && !"tasks.error.alreadyCompleted".equals(e.getMessageKey())
                    && !"tasks.error.changedMeanwhile".equals(e.getMessageKey())) {
                throw e;
            }
            CohorteException known = finished(taskId);
            throw known != null ? known : e;
        } catch (RuntimeException e) {
            // The engine tripping over a task completed half-way through this call (another node): a conflict.
            CohorteException known = finished(taskId);
            if (known != null) {
                throw known;
            }
            throw e;
        }
    }

    void act(String taskId, Runnable action) {
        act(taskId, () -> {
            action.run();
            return null;
        });
    }

    private CohorteException finished(String taskId) {
        CurrentUser.Identity me = currentUser.require();
        return engineAuthentication.asSystem(() -> {
            HistoricTaskInstance task = historyService.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult();
            if (task == null) {
                return null;
            }
            if (me.userId().equals(task.getAssignee())) {
                return new ConflictException("api.error.alreadyDone");
            }
            List<HistoricIdentityLinkLog> links = historyService.createHistoricIdentityLinkLogQuery().taskId(taskId).list();
            boolean couldHave = links.stream().anyMatch(link -> me.userId().equals(link.getUserId())
                    || (link.getGroupId() != null && me.groups().contains(link.getGroupId())));
            return couldHave ? new ConflictException("tasks.error.alreadyCompleted") : null;
        });
    }
}
