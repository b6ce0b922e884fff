package org.cohorte.base.ui;

import java.util.Optional;

import jakarta.servlet.http.Cookie;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;

/**
 * Where the chosen language is remembered besides the member profile: a browser cookie, so that the
 * login page speaks it before sign-in, and the Vaadin session, so that new UIs need no database read.
 */
public final class LanguagePreference {

    public static final String COOKIE = "cohorte-lang";
    private static final String SESSION_ATTRIBUTE = "cohorte.language";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private LanguagePreference() {
    }

    /** Remembers the language (for this user, when signed in) and reloads the page in it. */
    public static void switchTo(String userId, String language) {
        writeCookie(language);
        if (userId != null && VaadinSession.getCurrent() != null) {
            remember(VaadinSession.getCurrent(), userId, language);
        }
        UI.getCurrent().getPage().reload();
    }

    public static void writeCookie(String language) {
        Cookie cookie = new Cookie(COOKIE, language);
        cookie.setPath("/");
        cookie.setMaxAge(ONE_YEAR);
        cookie.setHttpOnly(true);
        if (VaadinService.getCurrentResponse() != null) {
            VaadinService.getCurrentResponse().addCookie(cookie);
        }
    }

    /** Kept per user: a later sign-in as someone else in the same browser session must not inherit it. */
    public static void remember(VaadinSession session, String userId, String language) {
        session.setAttribute(SESSION_ATTRIBUTE, userId + ":" + language);
    }

    public static Optional<String> remembered(VaadinSession session, String userId) {
        Object value = session.getAttribute(SESSION_ATTRIBUTE);
        if (value instanceof String s && s.startsWith(userId + ":")) {
            return Optional.of(s.substring(userId.length() + 1));
        }
        return Optional.empty();
    }
}
