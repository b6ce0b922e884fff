package org.cohorte.base.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The accounts (identity bootstrap, demo data) exist before the login page can answer: the start-up tasks run in a
 * lifecycle phase Spring starts before the one that opens the web server's port, and they have run here.
 */
class StartupBeforeServerIT extends IntegrationTest {

    @Autowired
    ServletWebServerApplicationContext context;
    @Autowired
    StartupTasks startupTasks;

    @Test
    void start_up_tasks_finish_before_the_web_server_accepts_requests() {
        // Spring Boot's own bean that starts the embedded server's connector (and so opens the port).
        SmartLifecycle webServer = context.getBean("webServerStartStop", SmartLifecycle.class);
        assertThat(startupTasks.getPhase()).isLessThan(webServer.getPhase());
        assertThat(startupTasks.isRunning()).isTrue();
        assertThat(webServer.isRunning()).isTrue();
        assertThat(context.getWebServer().getPort()).isEqualTo(port);
    }
}
