package org.cohorte.onboarding.ui;

import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.onboarding.service.OnboardingService;
import org.cohorte.tasks.api.TaskFormProvider;
import org.cohorte.tasks.service.TaskDetails;

/** The form of the onboarding task "Compléter mon profil". */
@org.springframework.stereotype.Component
public class CompleteProfileForm implements TaskFormProvider {

    public static final String FORM_KEY = "cohorte:onboarding-profile";

    private final OnboardingService onboardingService;
    private final MemberService memberService;
    private final OrganizationService organizationService;

    public CompleteProfileForm(OnboardingService onboardingService, MemberService memberService,
                               OrganizationService organizationService) {
        this.onboardingService = onboardingService;
        this.memberService = memberService;
        this.organizationService = organizationService;
    }

    @Override
    public String formKey() {
        return FORM_KEY;
    }

    @Override
    public Component createForm(TaskDetails task, Runnable onCompleted) {
        return new Form(task, onCompleted);
    }

    private final class Form extends Composite<VerticalLayout> {
        Form(TaskDetails task, Runnable onCompleted) {
            var profile = memberService.myProfileSummary();
            List<OrganizationRef> organizations = organizationService.refs();

            TextField displayName = new TextField(getTranslation("identity.profile.displayName"));
            displayName.setId("onboarding-display-name");
            displayName.setRequiredIndicatorVisible(true);
            displayName.setMaxLength(200);
            displayName.setValue(profile.map(p -> p.displayName()).orElse(""));

            ComboBox<OrganizationRef> organization = new ComboBox<>(getTranslation("identity.profile.organization"));
            organization.setId("onboarding-organization");
            organization.setItems(organizations);
            organization.setItemLabelGenerator(OrganizationRef::label);
            profile.map(p -> p.organizationId()).flatMap(id -> organizations.stream()
                    .filter(o -> o.id().equals(id)).findFirst()).ifPresent(organization::setValue);

            RadioButtonGroup<String> language = new RadioButtonGroup<>(getTranslation("identity.profile.language"));
            language.setItems("fr", "en");
            language.setItemLabelGenerator(l -> "fr".equals(l) ? "Français" : "English");
            language.setValue(profile.map(p -> p.language()).orElse("fr"));

            Button submit = new Button(getTranslation("onboarding.profile.submit"), e -> {
                if (Notifier.attempt(() -> onboardingService.completeProfile(task.id(), displayName.getValue(),
                        organization.getValue() == null ? null : organization.getValue().id(), language.getValue()))) {
                    onCompleted.run();
                } else {
                    e.getSource().setEnabled(true);
                }
            });
            submit.setId("complete-button");
            submit.setDisableOnClick(true);
            submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

            FormLayout form = new FormLayout(displayName, organization, language);
            form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
            getContent().setPadding(false);
            getContent().add(form, submit);
        }
    }
}
