package org.cohorte.tasks.process;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.cohorte.base.push.PushBus;
import org.cohorte.base.push.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps open inboxes live on every node: each task event the engine publishes (Camunda's Spring eventing, in the
 * engine's transaction) says "refresh" to the task's assignee, candidate users and candidate groups through the
 * push bus. Only ids travel, never the task: each inbox re-reads through {@code InboxService}, as its own user.
 * Delivered after commit, so a rolled-back completion refreshes nobody.
 */
@Component
public class TaskPushListener {

    private static final Set<String> EVENTS = Set.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
            TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE, TaskListener.EVENTNAME_UPDATE);

    private static final Logger LOG = LoggerFactory.getLogger(TaskPushListener.class);

    private final PushBus push;

    public TaskPushListener(PushBus push) {
        this.push = push;
    }

    @EventListener
    public void onTaskEvent(DelegateTask task) {
        if (!EVENTS.contains(task.getEventName())) {
            return;
        }
        try {
            push.publish(PushMessage.TASKS_OF_USER, task.getAssignee());
            for (IdentityLink link : task.getCandidates()) {
                if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                    push.publish(PushMessage.TASKS_OF_USER, link.getUserId());
                    push.publish(PushMessage.TASKS_OF_GROUP, link.getGroupId());
                }
            }
        } catch (RuntimeException e) {
            // A refresh signal is a courtesy: when two people complete one task at once, the loser's task is already
            // gone when its links are read. Failing here would replace the engine's "already completed" conflict by a
            // listener error; the inboxes refresh with the winner's signal anyway.
            LOG.debug("No refresh signal for task {}: {}", task.getId(), e.toString());
        }
    }
}
