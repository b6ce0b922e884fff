package org.cohorte.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.identity.domain.MemberProfileRepository;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberForm;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.onboarding.service.OnboardingService;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** member_onboarding, driven through Cohorte's services as its users would. */
class MemberOnboardingProcessTest extends IntegrationTest {

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    MemberService memberService;
    @Autowired
    OrganizationService organizationService;
    @Autowired
    OnboardingService onboardingService;
    @Autowired
    InboxService inboxService;
    @Autowired
    MemberProfileRepository profiles;

    private String admin;

    @BeforeEach
    void setUp() {
        init(processEngine);
        admin = data.user("admin", Roles.ADMIN);
    }

    private String createMember(String prefix) {
        MemberForm form = new MemberForm();
        form.setUserId(prefix + "." + System.nanoTime());
        form.setFirstName("Marie");
        form.setLastName("Tremblay");
        form.setEmail("marie@example.org");
        form.setPassword("a-long-password");
        form.setGroups(Set.of(Roles.PARTICIPANT));
        return data.as(admin, () -> memberService.createMember(form)).userId();
    }

    private ProcessInstance onboardingOf(String member) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(OnboardingService.PROCESS_KEY)
                .processInstanceBusinessKey(member).singleResult();
    }

    @Test
    void a_new_member_completes_their_profile_then_a_facilitator_welcomes_them() {
        Instant now = Instant.parse("2026-05-04T14:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        String member = createMember("marie");
        String facilitator = data.user("claire", Roles.FACILITATOR);
        var organization = data.as(admin, () -> organizationService.create("Organisme " + member, null, OrganizationType.AGENCY));

        ProcessInstance instance = onboardingOf(member);
        assertThat(instance).isStarted().isWaitingAt(OnboardingService.TASK_COMPLETE_PROFILE);
        assertThat(task(instance)).isAssignedTo(member).hasFormKey("cohorte:onboarding-profile")
                .hasDueDate(Date.from(now.plus(7, ChronoUnit.DAYS)));

        data.as(member, () -> onboardingService.completeProfile(task(instance).getId(), "Marie T.", organization.getId(), "en"));

        assertThat(instance).hasPassed(OnboardingService.TASK_COMPLETE_PROFILE).isWaitingAt(OnboardingService.TASK_WELCOME_MEMBER);
        assertThat(task(instance)).hasCandidateGroup(Roles.FACILITATOR).isNotAssigned();
        var profile = profiles.findById(member).orElseThrow();
        assertThat(profile.getDisplayName()).isEqualTo("Marie T.");
        assertThat(profile.getOrganizationId()).isEqualTo(organization.getId());
        assertThat(profile.getLanguage()).isEqualTo("en");

        String welcomeTask = task(instance).getId();
        data.as(facilitator, () -> {
            assertThat(inboxService.get(welcomeTask).variables()).containsEntry("memberName", "Marie Tremblay");
            inboxService.complete(welcomeTask, Map.of());
        });
        assertThat(instance).hasPassed(OnboardingService.TASK_WELCOME_MEMBER).isEnded();
    }

    @Test
    void nobody_else_can_complete_a_members_profile_task() {
        String member = createMember("luc");
        String other = data.user("intrus", Roles.PARTICIPANT, Roles.FACILITATOR);
        String taskId = task(onboardingOf(member)).getId();

        data.as(other, () -> assertThatThrownBy(() -> onboardingService.completeProfile(taskId, "Pirate", null, "fr"))
                .isInstanceOf(NotFoundException.class));
        assertThat(profiles.findById(member).orElseThrow().getDisplayName()).isEqualTo("Marie Tremblay");
        assertThat(onboardingOf(member)).isWaitingAt(OnboardingService.TASK_COMPLETE_PROFILE);
    }

    @Test
    void an_empty_display_name_is_refused_and_the_task_stays_open() {
        String member = createMember("anne");
        String taskId = task(onboardingOf(member)).getId();
        data.as(member, () -> assertThatThrownBy(() -> onboardingService.completeProfile(taskId, "   ", null, "fr"))
                .isInstanceOf(CohorteException.class).hasMessageContaining("identity.error.displayNameRequired"));
        assertThat(onboardingOf(member)).isWaitingAt(OnboardingService.TASK_COMPLETE_PROFILE);
    }
}
