package org.cohorte.shell;

import java.util.Arrays;
import java.util.Locale;

import jakarta.servlet.http.Cookie;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.ui.LanguagePreference;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sets each new UI's language (the member's profile; before sign-in the language picked on the login
 * page; French otherwise) and the session's error handler, which turns a service refusal into a
 * translated message rather than a stack trace.
 */
@Component
public class LocaleInitializer implements VaadinServiceInitListener {

    private static final Logger LOG = LoggerFactory.getLogger(LocaleInitializer.class);

    private final CurrentUser currentUser;
    private final MemberService memberService;

    public LocaleInitializer(CurrentUser currentUser, MemberService memberService) {
        this.currentUser = currentUser;
        this.memberService = memberService;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            CohorteException refusal = findCause(error.getThrowable());
            if (refusal != null && UI.getCurrent() != null) {
                Notifier.error(refusal);
            } else {
                LOG.error("Unexpected error in the UI", error.getThrowable());
                if (UI.getCurrent() != null) {
                    Notifier.error("error.unexpected");
                }
            }
        }));
        event.getSource().addUIInitListener(init -> {
            UI ui = init.getUI();
            ui.setLocale(localeFor(ui.getSession()));
            // The page's language for screen readers and hyphenation (WCAG 3.1.1): the UI's, not the browser's.
            ui.getPage().executeJs("document.documentElement.setAttribute('lang', $0)", ui.getLocale().getLanguage());
        });
    }

    private Locale localeFor(VaadinSession session) {
        String userId = currentUser.find().map(CurrentUser.Identity::userId).orElse(null);
        if (userId != null) {
            String language = LanguagePreference.remembered(session, userId).orElseGet(() -> {
                String fromProfile = memberService.languageOf(userId);
                LanguagePreference.remember(session, userId, fromProfile);
                return fromProfile;
            });
            return CohorteI18NProvider.supported(language);
        }
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null && request.getCookies() != null) {
            return Arrays.stream(request.getCookies()).filter(c -> LanguagePreference.COOKIE.equals(c.getName()))
                    .map(Cookie::getValue).findFirst().map(CohorteI18NProvider::supported)
                    .orElse(CohorteI18NProvider.FRENCH);
        }
        return CohorteI18NProvider.FRENCH;
    }

    private static CohorteException findCause(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            if (t instanceof CohorteException e) {
                return e;
            }
        }
        return null;
    }
}
