package org.cohorte.notification;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.identity.service.Roles;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.notification.service.NotificationView;
import org.cohorte.tasks.ui.InboxView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NotificationIT extends ViewTest {

    @Autowired
    NotificationService notifications;

    @Test
    void each_member_reads_and_clears_only_their_own_notifications() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        String bob = data.user("bob", Roles.PARTICIPANT);
        data.as(alice, () -> notifications.notify(List.of(alice, bob, alice), "tasks.heldBy", List.of("Claire"), "tasks"));

        List<NotificationView> mine = data.as(alice, () -> notifications.recent(10));
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).args()).containsExactly("Claire");
        assertThat(data.as(alice, notifications::unreadCount)).isEqualTo(1);

        NotificationView bobs = data.as(bob, () -> notifications.recent(10)).get(0);
        data.as(alice, () -> assertThatThrownBy(() -> notifications.markRead(bobs.id())).isInstanceOf(NotFoundException.class));
        assertThat(data.as(bob, notifications::unreadCount)).isEqualTo(1);

        data.as(alice, notifications::markAllRead);
        assertThat(data.as(alice, notifications::unreadCount)).isZero();
        assertThat(data.as(bob, notifications::unreadCount)).isEqualTo(1);
    }

    @Test
    void the_bell_shows_the_unread_count_in_the_header() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        data.as(alice, () -> notifications.notify(List.of(alice), "tasks.completed", List.of(), null));
        data.as(alice, () -> notifications.notify(List.of(alice), "tasks.completed", List.of(), null));
        signIn(alice);
        UI.getCurrent().navigate(InboxView.class);
        assertThat(_get(Span.class, spec -> spec.withClasses("notification-badge")).getText()).isEqualTo("2");
    }
}
