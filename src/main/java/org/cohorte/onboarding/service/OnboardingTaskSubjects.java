package org.cohorte.onboarding.service;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.tasks.api.TaskRef;
import org.cohorte.tasks.api.TaskSubject;
import org.cohorte.tasks.api.TaskSubjectProvider;
import org.springframework.stereotype.Component;

/**
 * A welcome task is about the new member (the business key is their user id): their name, and for the member
 * themselves a link to their profile. Names are what the directory shows to every signed-in user.
 */
@Component
class OnboardingTaskSubjects implements TaskSubjectProvider {

    private final MemberService memberService;
    private final CurrentUser currentUser;

    OnboardingTaskSubjects(MemberService memberService, CurrentUser currentUser) {
        this.memberService = memberService;
        this.currentUser = currentUser;
    }

    @Override
    public String processKey() {
        return OnboardingService.PROCESS_KEY;
    }

    @Override
    public String subjectSql() {
        return "SELECT display_name AS subject FROM member_profile WHERE user_id = ?";
    }

    /** An onboarding instance's business key is the newcomer's user id, not a domain id. */
    @Override
    public Object subjectKey(String businessKey) {
        return businessKey;
    }

    @Override
    public Map<String, TaskSubject> subjects(List<TaskRef> tasks, Locale locale) {
        String me = currentUser.userId();
        Map<String, String> names = memberService.displayNames(
                tasks.stream().map(TaskRef::businessKey).distinct().toList());
        Map<String, TaskSubject> subjects = new HashMap<>();
        for (TaskRef task : tasks) {
            String name = names.get(task.businessKey());
            if (name != null) {
                subjects.put(task.taskId(), new TaskSubject(name, me.equals(task.businessKey()) ? "profile" : null));
            }
        }
        return subjects;
    }
}
