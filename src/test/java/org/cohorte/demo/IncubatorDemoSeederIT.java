package org.cohorte.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.error.CohorteException;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.testsupport.DemoSeeding;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo's large proposal really sits at the second level, for a second committee member (comite2). Found by its
 * full title: other tests make proposals called "Clavardage citoyen" in the same database.
 */
class IncubatorDemoSeederIT extends IntegrationTest {

    @Autowired
    DemoSeeding demo;
    @Autowired
    IncubatorService incubator;
    @Autowired
    TaskService taskService;
    @Autowired
    MemberService memberService;

    @Test
    void the_large_demo_proposal_waits_at_the_second_level_for_the_second_committee_member() {
        demo.seed();
        assertThat(memberService.groupsOf("comite2")).contains(Roles.COMMITTEE);

        Experiment chat = data.as("comite2", () -> incubator.board(null, null)).stream()
                .filter(e -> e.getTitle().startsWith("Clavardage pour les demandes")).findFirst().orElseThrow();
        assertThat(chat.getStage()).isEqualTo(ExperimentStage.SECOND_REVIEW);
        assertThat(chat.getFirstApprover()).isEqualTo("comite");

        List<Task> secondLevel = taskService.createTaskQuery().processInstanceBusinessKey(chat.getId().toString())
                .taskDefinitionKey(IncubatorService.TASK_SECOND_LEVEL).taskCandidateUser("comite2").list();
        assertThat(secondLevel).hasSize(1);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(chat.getId().toString())
                .taskDefinitionKey(IncubatorService.TASK_REVIEW).count()).isZero();
        // The first approver cannot give the second approval: the second member is needed.
        assertThatThrownBy(() -> data.as("comite", () -> incubator.review(secondLevel.get(0).getId(), DecisionKind.APPROVE, "")))
                .isInstanceOf(CohorteException.class)
                .hasFieldOrPropertyWithValue("messageKey", "incubator.error.secondLevelSamePerson");
        assertThat(data.as("comite2", () -> incubator.get(chat.getId())).getStage()).isEqualTo(ExperimentStage.SECOND_REVIEW);
    }
}
