package org.cohorte.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.service.InvitationService;

/**
 * Where the welcome e-mail's one-time link leads: the newcomer chooses a password, then signs in. A link that is
 * unknown, used or expired says so and nothing else (not whose it was).
 */
@Route(value = "welcome", autoLayout = false)
@AnonymousAllowed
public class WelcomeView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final InvitationService invitations;

    public WelcomeView(InvitationService invitations) {
        this.invitations = invitations;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
    }

    @Override
    public void setParameter(BeforeEvent event, String token) {
        removeAll();
        add(new H1(getTranslation("identity.welcome.title")));
        String userId = invitations.welcomeAccount(token).orElse(null);
        if (userId == null) {
            Paragraph invalid = new Paragraph(getTranslation("identity.invitation.error.linkInvalid"));
            invalid.setId("welcome-invalid");
            add(invalid);
            return;
        }
        add(new Paragraph(getTranslation("identity.welcome.intro", userId)));
        PasswordField password = new PasswordField(getTranslation("identity.welcome.password"));
        password.setId("welcome-password");
        PasswordField confirm = new PasswordField(getTranslation("identity.welcome.confirm"));
        confirm.setId("welcome-confirm");
        Button save = new Button(getTranslation("identity.welcome.save"), e -> {
            if (!password.getValue().equals(confirm.getValue())) {
                Notifier.error("identity.welcome.mismatch");
                return;
            }
            if (Notifier.attempt(() -> invitations.choosePassword(token, password.getValue()))) {
                Notifier.success("identity.welcome.done");
                getUI().ifPresent(ui -> ui.navigate(LoginView.class));
            }
        });
        save.setId("welcome-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(password, confirm, save);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("identity.welcome.title");
    }
}
