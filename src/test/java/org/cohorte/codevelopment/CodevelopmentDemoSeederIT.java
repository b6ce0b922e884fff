package org.cohorte.codevelopment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.domain.SessionStatus;
import org.cohorte.demo.DemoDataSeeder;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo group seeds once on the demo accounts, with a past session and one under way. */
class CodevelopmentDemoSeederIT extends IntegrationTest {

    @Autowired
    DemoDataSeeder demoDataSeeder;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;
    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void the_demo_group_has_a_past_session_and_one_under_way_and_seeding_twice_changes_nothing() throws Exception {
        if (identityService.createUserQuery().userId("admin").count() == 0) {
            demoDataSeeder.seed();
        }
        org.cohorte.demo.CodevelopmentDemoSeeder seeder = new org.cohorte.demo.CodevelopmentDemoSeeder(true, identityService,
                context.getBean(org.camunda.bpm.engine.TaskService.class),
                context.getBean(org.cohorte.community.service.CommunityService.class), groupService, sessionService,
                context.getBean(org.springframework.transaction.support.TransactionTemplate.class));
        seeder.runAtStartup();
        seeder.runAtStartup();
        var groups = data.as("animateur", () -> groupService.myGroups().stream()
                .filter(g -> g.name().equals("Cercle de codéveloppement RH")).toList());
        assertThat(groups).hasSize(1);
        var history = data.as("membre", () -> sessionService.history(groups.get(0).id()));
        assertThat(history).extracting(s -> s.status()).containsExactly(SessionStatus.RUNNING, SessionStatus.FOLLOW_UP);
        var live = data.as("membre", () -> sessionService.board(history.get(0).id()));
        assertThat(live.currentStep()).isEqualTo(2);
        assertThat(live.questions()).hasSize(1);
        assertThat(data.as("membre", () -> sessionService.myOpenTask(live.id()))).isPresent();
        assertThat(data.as("membre", () -> groupService.get(groups.get(0).id())).members()).hasSize(4);
    }
}
