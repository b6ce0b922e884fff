package org.cohorte.onboarding.service;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.cohorte.identity.service.MemberJoinedEvent;
import org.cohorte.identity.service.MemberService;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.TaskDetails;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Welcomes each new member through {@code member_onboarding}: they complete their profile, then a
 * facilitator welcomes them. Started in the same transaction that creates the account.
 */
@Service
public class OnboardingService {

    public static final String PROCESS_KEY = "member_onboarding";
    public static final String TASK_COMPLETE_PROFILE = "user_task_complete_profile";
    public static final String TASK_WELCOME_MEMBER = "user_task_welcome_member";
    static final Duration PROFILE_DUE = Duration.ofDays(7);
    static final Duration WELCOME_DUE = Duration.ofDays(14);

    private final RuntimeService runtimeService;
    private final EngineAuthentication engineAuthentication;
    private final InboxService inboxService;
    private final MemberService memberService;
    private final CurrentUser currentUser;

    public OnboardingService(RuntimeService runtimeService, EngineAuthentication engineAuthentication,
                             InboxService inboxService, MemberService memberService, CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.runtimeService = runtimeService;
        this.engineAuthentication = engineAuthentication;
        this.inboxService = inboxService;
        this.memberService = memberService;
    }

    @EventListener
    public void onMemberJoined(MemberJoinedEvent event) {
        var now = EngineClock.now();
        // The account's creator is authorized by MemberService; starting the welcome needs no engine grant.
        engineAuthentication.asSystem(() -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, event.userId(), Map.of(
                "memberId", event.userId(),
                "memberName", event.displayName(),
                "profileDueDate", Date.from(now.plus(PROFILE_DUE)),
                "welcomeDueDate", Date.from(now.plus(WELCOME_DUE)))));
    }

    /** The member's own "complete my profile" task: saves the profile and completes the task together. */
    @Transactional
    public void completeProfile(String taskId, String displayName, UUID organizationId, String language) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_COMPLETE_PROFILE);
        // The welcome's business key is the new member's id, set when the account was made.
        if (!currentUser.userId().equals(task.businessKey())) {
            throw new ForbiddenException();
        }
        memberService.updateMyProfile(displayName, organizationId, language);
        inboxService.complete(taskId, Map.of("profileCompleted", true));
    }
}
