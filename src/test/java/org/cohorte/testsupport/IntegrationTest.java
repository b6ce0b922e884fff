package org.cohorte.testsupport;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of every test that needs the application: one Spring context (same annotations everywhere, so the
 * context is built once and shared), a real server on a random port, the engine's job executor off.
 * Tests make their own users and data with fresh ids, so they never depend on each other's leftovers,
 * on H2 or on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestData data;

    @Autowired
    private IdentityService identityService;

    @AfterEach
    void resetSharedState() {
        ClockUtil.reset();
        SecurityContextHolder.clearContext();
        identityService.clearAuthentication();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }
}
