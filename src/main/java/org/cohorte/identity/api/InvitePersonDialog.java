package org.cohorte.identity.api;

import java.util.UUID;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.OrganizationService;

/**
 * A facilitator invites someone who has no account yet (name, e-mail, organization); the feature service behind
 * {@code sender} checks they facilitate the place, and an administrator approves in *Membres*.
 */
public class InvitePersonDialog extends Dialog {

    /**
     * Sends the invitation for approval through the feature's service and says whether it went (the screen shows
     * the refusal or the confirmation, as its other actions do); the dialog closes when it did.
     */
    @FunctionalInterface
    public interface Sender {
        boolean send(String firstName, String lastName, String email, UUID organizationId);
    }

    public InvitePersonDialog(OrganizationService organizations, Sender sender) {
        setHeaderTitle(getTranslation("identity.invite.title"));
        TextField first = new TextField(getTranslation("identity.invite.firstName"));
        first.setId("invite-first-name");
        first.setMaxLength(100);
        TextField last = new TextField(getTranslation("identity.invite.lastName"));
        last.setId("invite-last-name");
        last.setMaxLength(100);
        EmailField email = new EmailField(getTranslation("identity.invite.email"));
        email.setId("invite-email");
        email.setMaxLength(320);
        ComboBox<OrganizationRef> organization = new ComboBox<>(getTranslation("identity.invite.organization"));
        organization.setId("invite-organization");
        organization.setItems(organizations.refs());
        organization.setItemLabelGenerator(OrganizationRef::label);
        Button send = new Button(getTranslation("identity.invite.send"), e -> {
            if (sender.send(first.getValue(), last.getValue(), email.getValue(),
                    organization.getValue() == null ? null : organization.getValue().id())) {
                close();
            }
        });
        send.setId("invite-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(first, last, email, organization);
        add(form);
        getFooter().add(new Button(getTranslation("common.cancel"), e -> close()), send);
    }
}
