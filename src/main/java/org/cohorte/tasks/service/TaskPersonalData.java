package org.cohorte.tasks.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.cohorte.base.privacy.PersonalDataSource;
import org.springframework.stereotype.Component;

/** The tasks the person held, open and done, from the engine's history (names and dates, not other people's data). */
@Component
class TaskPersonalData implements PersonalDataSource {

    private final HistoryService historyService;

    TaskPersonalData(HistoryService historyService) {
        this.historyService = historyService;
    }

    @Override
    public String section() {
        return "tasks";
    }

    @Override
    public Object collect(String userId) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery().taskAssignee(userId)
                .orderByHistoricActivityInstanceStartTime().asc().list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", task.getName());
            row.put("process", task.getProcessDefinitionKey());
            row.put("process_instance", task.getProcessInstanceId());
            row.put("created", task.getStartTime() == null ? null : task.getStartTime().toInstant().toString());
            row.put("due", task.getDueDate() == null ? null : task.getDueDate().toInstant().toString());
            row.put("ended", task.getEndTime() == null ? null : task.getEndTime().toInstant().toString());
            tasks.add(row);
        }
        return tasks;
    }
}
