package org.cohorte.base.push;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.SessionChanges;
import org.cohorte.codevelopment.ui.SessionBoardView;
import org.cohorte.codevelopment.ui.SessionBroadcaster;
import org.cohorte.identity.service.Roles;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.notification.ui.NotificationBell;
import org.cohorte.tasks.ui.InboxView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The push bus on this node (in-JVM on H2; through LISTEN/NOTIFY under the postgres profile): boards and bells
 * hear committed changes, never rolled-back ones, and a screen that leaves the page leaves no subscription behind.
 */
class PushBusIT extends ViewTest {

    /** Long enough for a wrongly delivered push to arrive (they arrive in milliseconds). */
    private static final long QUIET_MILLIS = 700;

    @Autowired
    PushBus bus;
    @Autowired
    SessionChanges sessionChanges;
    @Autowired
    SessionBroadcaster broadcaster;
    @Autowired
    NotificationService notifications;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    CodevFixture codev;

    @Test
    void a_board_hears_a_committed_session_change_once_and_a_rolled_back_one_never() throws Exception {
        UUID session = UUID.randomUUID();
        AtomicInteger heard = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        Registration registration = broadcaster.register(session, () -> {
            heard.incrementAndGet();
            first.countDown();
        });
        try {
            transaction.executeWithoutResult(status -> {
                sessionChanges.changed(session);
                sessionChanges.changed(session);
                sleep(200);
                assertThat(heard).as("nothing before the commit").hasValue(0);
            });
            assertThat(first.await(5, TimeUnit.SECONDS)).as("heard after the commit").isTrue();
            Thread.sleep(QUIET_MILLIS);
            assertThat(heard).as("two changes in one transaction, one refresh").hasValue(1);

            transaction.executeWithoutResult(status -> {
                sessionChanges.changed(session);
                status.setRollbackOnly();
            });
            Thread.sleep(QUIET_MILLIS);
            assertThat(heard).as("a rolled-back change is never pushed").hasValue(1);
        } finally {
            registration.remove();
        }
        assertThat(broadcaster.listenerCount(session)).isZero();
    }

    @Test
    void a_bell_counts_a_notification_committed_for_its_person_and_not_one_rolled_back_or_for_someone_else() {
        String me = data.user("cloche", Roles.PARTICIPANT);
        String other = data.user("autre", Roles.PARTICIPANT);
        signIn(me);
        UI.getCurrent().navigate(InboxView.class);
        // Hidden while zero, so looked up through the bell rather than among visible components.
        Span badge = _get(NotificationBell.class).getChildren().findFirst().orElseThrow().getChildren()
                .filter(c -> c instanceof Span && c.hasClassName("notification-badge")).map(Span.class::cast)
                .findFirst().orElseThrow();
        assertThat(badge.isVisible()).isFalse();
        assertThat(bus.listenerCount(PushMessage.USER, me)).isEqualTo(1);

        transaction.executeWithoutResult(status -> notifications.notify(List.of(me), "notification.title", List.of(), null));
        awaitPushed("the badge", () -> "1".equals(badge.getText()) && badge.isVisible());

        transaction.executeWithoutResult(status -> {
            notifications.notify(List.of(me), "notification.title", List.of(), null);
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> notifications.notify(List.of(other), "notification.title", List.of(), null));
        sleep(QUIET_MILLIS);
        com.github.mvysny.kaributesting.v10.MockVaadin.clientRoundtrip();
        assertThat(badge.getText()).as("rolled back, or someone else's: no change").isEqualTo("1");
    }

    @Test
    void screens_that_leave_the_page_leave_no_subscription_behind() {
        CodevFixture.Group g = codev.group(4);
        UUID session = codev.launch(g, SessionMode.LIVE);
        int before = bus.addressCount();
        signIn(g.facilitator());
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        assertThat(broadcaster.listenerCount(session)).as("the board").isEqualTo(1);
        assertThat(bus.listenerCount(PushMessage.USER, g.facilitator())).as("the bell").isEqualTo(1);

        // Another page: the board is detached, the bell (in the layout) stays.
        UI.getCurrent().navigate(InboxView.class);
        assertThat(broadcaster.listenerCount(session)).isZero();
        assertThat(bus.listenerCount(PushMessage.USER, g.facilitator())).isEqualTo(1);

        // Back, then the UI closes (tab closed, session expired): nothing is left registered.
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        assertThat(broadcaster.listenerCount(session)).isEqualTo(1);
        UI.getCurrent().getChildren().toList().forEach(c -> c.getElement().removeFromParent());
        assertThat(broadcaster.listenerCount(session)).isZero();
        assertThat(bus.listenerCount(PushMessage.USER, g.facilitator())).isZero();
        assertThat(bus.addressCount()).as("no empty entries pile up").isLessThanOrEqualTo(before);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
