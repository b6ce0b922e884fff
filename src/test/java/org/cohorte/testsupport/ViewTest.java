package org.cohorte.testsupport;

import java.util.List;

import com.github.mvysny.fakeservlet.FakeHttpSession;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import kotlin.jvm.functions.Function1;
import org.cohorte.identity.service.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Browserless view tests with Karibu-Testing on the real Spring context. A signed-in user is carried into
 * the fake request (principal and roles), so Vaadin's access control judges views as in production.
 */
public abstract class ViewTest extends IntegrationTest {

    private static Routes routes;
    private static Function1<FakeHttpSession, FakeRequest> defaultRequestFactory;

    @Autowired
    protected ApplicationContext applicationContext;

    @BeforeAll
    static void discoverRoutes() {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("org.cohorte");
            // Cohorte has its own access-denied view; Karibu's stand-in would compete with it for the same error.
            routes.getErrorRoutes().removeIf(type -> type.getSimpleName().equals("MockRouteAccessDeniedError"));
            defaultRequestFactory = MockVaadin.getMockRequestFactory();
        }
    }

    /** Opens a fresh UI as this user (null: nobody signed in). */
    protected void signIn(String userId) {
        MockVaadin.tearDown();
        if (userId == null) {
            SecurityContextHolder.clearContext();
            MockVaadin.setMockRequestFactory(defaultRequestFactory);
        } else {
            List<String> groups = data.groupsOf(userId);
            Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(userId, null,
                    groups.stream().map(g -> new SimpleGrantedAuthority(Roles.AUTHORITY_PREFIX + g)).toList());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
            MockVaadin.setMockRequestFactory(session -> {
                FakeRequest request = new FakeRequest(session);
                request.setUserPrincipalInt(authentication);
                request.setUserInRole((principal, role) -> groups.contains(role));
                return request;
            });
        }
        MockVaadin.setup(UI::new, new CohorteMockServlet(routes, applicationContext));
    }

    /**
     * Lets pushed changes reach the UI: a push arrives on another thread (after commit, or through the database's
     * LISTEN on PostgreSQL), which queues its {@code UI.access}; the round trips run the queue until
     * {@code condition} holds, or fail after five seconds.
     */
    protected void awaitPushed(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (true) {
            MockVaadin.clientRoundtrip();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not pushed within 5 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @AfterEach
    void closeUi() {
        MockVaadin.tearDown();
        MockVaadin.setMockRequestFactory(defaultRequestFactory);
    }
}
