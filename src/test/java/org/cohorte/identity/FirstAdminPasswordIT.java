package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.camunda.bpm.engine.IdentityService;
import org.cohorte.identity.security.IdentityBootstrap;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** COHORTE_ADMIN_PASSWORD obeys the password policy: a weak one creates nothing and says why in the log. */
class FirstAdminPasswordIT extends IntegrationTest {

    @Autowired
    IdentityBootstrap bootstrap;
    @Autowired
    IdentityService identityService;

    @Test
    void a_weak_first_admin_password_is_refused_with_a_clear_log_line_that_does_not_repeat_it() {
        Logger logger = (Logger) LoggerFactory.getLogger(IdentityBootstrap.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        long admins = identityService.createUserQuery().userId("admin").count();
        try {
            assertThat(bootstrap.createFirstAdmin("cohorte123")).isFalse();
            assertThat(bootstrap.createFirstAdmin("admin-admin-admin")).isFalse();
            assertThat(bootstrap.createFirstAdmin("Password2026!")).isFalse();
        } finally {
            logger.detachAppender(log);
        }
        assertThat(identityService.createUserQuery().userId("admin").count()).isEqualTo(admins);
        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.ERROR);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "COHORTE_ADMIN_PASSWORD refused, the 'admin' account was not created: The password must have at least "
                        + "12 characters. Set a better password and restart.",
                "COHORTE_ADMIN_PASSWORD refused, the 'admin' account was not created: The password must not contain "
                        + "the account’s user ID, first name, last name or email, nor the name Cohorte. Set a better "
                        + "password and restart.",
                "COHORTE_ADMIN_PASSWORD refused, the 'admin' account was not created: This password is among the most "
                        + "common ones or follows a predictable sequence: choose another one, such as a sentence of a "
                        + "few words. Set a better password and restart.");
    }
}
