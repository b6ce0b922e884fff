package org.cohorte.community.service;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.cohorte.community.domain.Question;
import org.cohorte.community.domain.QuestionRepository;
import org.cohorte.tasks.api.TaskRef;
import org.cohorte.tasks.api.TaskSubject;
import org.cohorte.tasks.api.TaskSubjectProvider;
import org.springframework.stereotype.Component;

/** A question's task is about the question: its title, linked to its page, for readers of its community. */
@Component
class QuestionTaskSubjects implements TaskSubjectProvider {

    private final QuestionRepository questions;
    private final CommunityService communityService;

    QuestionTaskSubjects(QuestionRepository questions, CommunityService communityService) {
        this.questions = questions;
        this.communityService = communityService;
    }

    @Override
    public String processKey() {
        return QuestionService.PROCESS_KEY;
    }

    @Override
    public String subjectSql() {
        return "SELECT title AS subject FROM community_question WHERE id = ?";
    }

    @Override
    public Map<String, TaskSubject> subjects(List<TaskRef> tasks, Locale locale) {
        List<UUID> ids = TaskRef.recordIds(tasks);
        Map<String, TaskSubject> subjects = new HashMap<>();
        if (ids.isEmpty()) {
            return subjects;
        }
        // Two queries for the user's readable communities, one for the page's questions.
        Set<UUID> readable = communityService.readableCommunityIds();
        Map<UUID, Question> byId = new HashMap<>();
        questions.findAllById(ids).stream().filter(q -> readable.contains(q.getCommunityId()))
                .forEach(q -> byId.put(q.getId(), q));
        for (TaskRef task : tasks) {
            Question q = byId.get(task.recordId());
            if (q != null) {
                subjects.put(task.taskId(), new TaskSubject(q.getTitle(), "question/" + q.getId()));
            }
        }
        return subjects;
    }
}
