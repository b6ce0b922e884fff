package org.cohorte;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.Group;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ApplicationStartupIT extends IntegrationTest {

    @Autowired
    Flyway flyway;
    @Autowired
    ManagementService managementService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    IdentityService identityService;
    @Autowired
    DataSource dataSource;

    @Test
    void flyway_has_applied_every_migration_of_cohortes_tables() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied()).extracting(m -> m.getVersion().getVersion()).contains("1", "2");
        Integer organizations = new JdbcTemplate(dataSource).queryForObject("select count(*) from organization", Integer.class);
        assertThat(organizations).isNotNull();
    }

    @Test
    void camundas_schema_exists_in_the_same_database() {
        assertThat(managementService.getTableCount()).containsKeys("ACT_RU_TASK", "ACT_HI_TASKINST", "ACT_ID_USER");
    }

    @Test
    void every_process_model_is_deployed() {
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("member_onboarding").count())
                .isPositive();
    }

    @Test
    void the_eight_role_groups_exist() {
        List<String> groups = identityService.createGroupQuery().list().stream().map(Group::getId).toList();
        assertThat(groups).containsAll(Roles.ALL);
    }
}
