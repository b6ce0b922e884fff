package org.cohorte.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.cohorte.base.error.CohorteException;

/** Short messages at the bottom of the screen, always translated. */
public final class Notifier {

    private static final int DURATION_MS = 5000;

    private Notifier() {
    }

    public static Notification success(String key, Object... args) {
        return show(translate(key, args), NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(String key, Object... args) {
        show(translate(key, args), NotificationVariant.LUMO_ERROR);
    }

    /** A message already in the user's language (one the browser or another screen translated). */
    public static Notification errorText(String text) {
        return show(text, NotificationVariant.LUMO_ERROR);
    }

    public static void error(CohorteException e) {
        error(e.getMessageKey(), e.getArgs());
    }

    /** Runs a user action; a refusal from a service becomes a message instead of an error page. */
    public static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (CohorteException e) {
            error(e);
            return false;
        }
    }

    /** Returns the message shown, for a screen that replaces it when a newer one makes it untrue. */
    private static Notification show(String text, NotificationVariant variant) {
        Notification notification = new Notification(text, DURATION_MS, Notification.Position.BOTTOM_CENTER);
        notification.addThemeVariants(variant);
        notification.open();
        return notification;
    }

    private static String translate(String key, Object... args) {
        UI ui = UI.getCurrent();
        return ui == null ? key : ui.getTranslation(key, args);
    }
}
