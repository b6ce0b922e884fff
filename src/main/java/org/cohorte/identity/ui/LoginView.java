package org.cohorte.identity.ui;

import java.util.List;
import java.util.Set;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.cohorte.base.ui.LanguagePreference;
import org.cohorte.identity.service.SsoSettings;

/**
 * The sign-in page, in French unless the visitor picks English. Spring Security handles the POST, and the
 * provider's sign-in when single sign-on is configured: then a "Sign in with ..." button, the password form
 * only while local accounts are on, and the reason when the provider's sign-in was refused.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** Reasons a refused single sign-on comes back with (SsoFailureHandler); anything else reads as "failed". */
    public static final Set<String> SSO_REFUSALS = Set.of("token", "replay", "denied", "email", "userid", "taken",
            "organization", "failed");

    private final LoginForm login = new LoginForm();
    private final Div ssoError = new Div();
    private final AuthenticationContext authenticationContext;

    public LoginView(AuthenticationContext authenticationContext, SsoSettings sso) {
        this.authenticationContext = authenticationContext;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);

        H1 brand = new H1("Cohorte");
        brand.addClassName("login-brand");
        Paragraph tagline = new Paragraph(getTranslation("login.tagline"));
        tagline.addClassName("login-tagline");

        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setI18n(i18n());
        login.setId("login-form");

        boolean english = "en".equals(getLocale().getLanguage());
        Button french = languageButton("Français", "fr", !english);
        Button englishButton = languageButton("English", "en", english);
        HorizontalLayout languages = new HorizontalLayout(french, englishButton);
        languages.addClassName("login-languages");

        ssoError.setId("sso-error");
        ssoError.addClassName("login-sso-error");
        ssoError.getElement().setAttribute("role", "alert");
        ssoError.setVisible(false);
        add(brand, tagline, ssoError);
        if (sso.isEnabled()) {
            // A plain link, not a router link: the browser must leave for Spring Security's redirect to the provider.
            Anchor signInWithProvider = new Anchor("oauth2/authorization/" + SsoSettings.REGISTRATION_ID,
                    getTranslation("login.sso.button", sso.getName()), AnchorTarget.SELF);
            signInWithProvider.getElement().setAttribute("router-ignore", true);
            signInWithProvider.setId("sso-sign-in");
            signInWithProvider.addClassName("login-sso-button");
            add(signInWithProvider);
        }
        login.setVisible(sso.localAccountsEnabled());
        add(login, languages);
    }

    private Button languageButton(String label, String language, boolean current) {
        Button button = new Button(label, e -> {
            LanguagePreference.switchTo(null, language);
        });
        button.setId("lang-" + language);
        button.getElement().setAttribute("lang", language);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        button.setEnabled(!current);
        return button;
    }

    private LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.Form form = i18n.getForm();
        form.setTitle(getTranslation("login.title"));
        form.setUsername(getTranslation("login.username"));
        form.setPassword(getTranslation("login.password"));
        form.setSubmit(getTranslation("login.submit"));
        form.setForgotPassword(getTranslation("login.forgotPassword"));
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        error.setTitle(getTranslation("login.error.title"));
        error.setMessage(getTranslation("login.error.message"));
        error.setUsername(getTranslation("login.error.username"));
        error.setPassword(getTranslation("login.error.password"));
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // Signed in as the request itself says (the check Vaadin's access control makes), not only as a security
        // context says: if the two ever disagree, forwarding would bounce between this page and the inbox forever.
        VaadinRequest request = VaadinRequest.getCurrent();
        if (authenticationContext.isAuthenticated() && request != null && request.getUserPrincipal() != null) {
            event.forwardTo("");
            return;
        }
        var parameters = event.getLocation().getQueryParameters().getParameters();
        login.setError(parameters.containsKey("error"));
        List<String> refusal = parameters.getOrDefault("sso-error", List.of());
        if (!refusal.isEmpty()) {
            String reason = SSO_REFUSALS.contains(refusal.get(0)) ? refusal.get(0) : "failed";
            ssoError.setText(getTranslation("login.sso.error." + reason));
            ssoError.setVisible(true);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.pageTitle");
    }
}
