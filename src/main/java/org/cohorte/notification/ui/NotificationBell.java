package org.cohorte.notification.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import org.cohorte.base.push.PushBus;
import org.cohorte.base.push.PushMessage;
import org.cohorte.base.ui.Formats;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.notification.service.NotificationView;

/**
 * The bell in the header: how many unread notifications, and the latest ones on a click. The count is live: a
 * notification to this person committed on any node refreshes it through server push.
 */
public class NotificationBell extends Composite<Div> {

    private static final int SHOWN = 15;

    private final NotificationService notifications;
    private final Button bell = new Button(VaadinIcon.BELL.create());
    private final Span badge = new Span();
    private final VerticalLayout list = new VerticalLayout();

    public NotificationBell(NotificationService notifications, PushBus push, String userId) {
        this.notifications = notifications;
        // Subscribed while on screen only: the bus drops it on detach.
        push.follow(this, PushMessage.USER, userId, this::refreshBadge);
        bell.setId("notification-bell");
        bell.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        bell.setAriaLabel(getTranslation("notification.title"));
        bell.getElement().setAttribute("title", getTranslation("notification.title"));
        badge.getElement().getThemeList().add("badge error pill small");
        badge.addClassName("notification-badge");
        getContent().addClassName("notification-bell");
        getContent().add(bell, badge);

        Popover popover = new Popover();
        popover.setTarget(bell);
        popover.setPosition(PopoverPosition.BOTTOM_END);
        popover.setWidth("min(24rem, 95vw)");
        popover.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                fill(popover);
            }
        });
        list.setPadding(false);
        list.setSpacing(false);
        list.addClassName("notification-list");
        popover.add(list);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        refreshBadge();
    }

    private void refreshBadge() {
        long unread = notifications.unreadCount();
        badge.setText(unread > 99 ? "99+" : String.valueOf(unread));
        badge.setVisible(unread > 0);
    }

    private void fill(Popover popover) {
        list.removeAll();
        var recent = notifications.recent(SHOWN);
        if (recent.isEmpty()) {
            list.add(new Span(getTranslation("notification.none")));
        }
        for (NotificationView n : recent) {
            list.add(item(n, popover));
        }
        if (!recent.isEmpty()) {
            Button all = new Button(getTranslation("notification.markAllRead"), e -> {
                notifications.markAllRead();
                refreshBadge();
                popover.close();
            });
            all.setId("notification-mark-all");
            all.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            list.add(all);
        }
    }

    private Div item(NotificationView n, Popover popover) {
        Div item = new Div();
        item.addClassName("notification-item");
        if (!n.read()) {
            item.addClassName("unread");
        }
        Span text = new Span(getTranslation(n.messageKey(), n.args().toArray()));
        Span when = new Span(Formats.dateTime(n.createdAt(), getLocale()));
        when.addClassName("notification-when");
        item.add(text, when);
        item.addClickListener(e -> {
            notifications.markRead(n.id());
            refreshBadge();
            popover.close();
            if (n.link() != null) {
                getUI().ifPresent(ui -> ui.navigate(n.link()));
            }
        });
        return item;
    }
}
