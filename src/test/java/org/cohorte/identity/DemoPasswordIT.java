package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.cohorte.demo.DemoDataSeeder;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo accounts keep the README's password, which the policy would refuse, stored as bcrypt like any other. */
class DemoPasswordIT extends IntegrationTest {

    @Autowired
    DemoDataSeeder demoDataSeeder;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_demo_accounts_sign_in_with_the_published_demo_password() {
        if (identityService.createUserQuery().userId("admin").count() == 0) {
            demoDataSeeder.seed();
        }
        assertThat(identityService.checkPassword("membre", DemoDataSeeder.DEMO_PASSWORD)).isTrue();
        assertThat(identityService.checkPassword("forum", DemoDataSeeder.DEMO_PASSWORD)).isTrue();
        assertThat(jdbc.queryForObject("select PWD_ from ACT_ID_USER where ID_ = ?", String.class, "membre"))
                .startsWith("{BCRYPT-SHA256}");
    }
}
