package org.cohorte.api;

import java.util.List;

import org.cohorte.tasks.service.InboxFilter;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.InboxSort;
import org.cohorte.tasks.service.InboxTask;
import org.cohorte.tasks.service.TaskDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Mes tâches" over HTTP: the caller's inbox, oldest first, one page at a time, and one task. */
@RestController
@RequestMapping("/api/tasks")
class TaskApiController {

    static final int MAX_PAGE = 100;

    private final InboxService inbox;

    TaskApiController(InboxService inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    List<InboxTask> page(@RequestParam(defaultValue = "ALL") InboxFilter filter,
                         @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset/limit");
        }
        return inbox.page(filter, InboxSort.CREATED, true, offset, limit);
    }

    @GetMapping("/{taskId}")
    TaskDetails task(@PathVariable String taskId) {
        return inbox.get(taskId);
    }
}
