package org.cohorte.incubator.ui;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.service.IncubatorService;

/** A member proposes an experiment to the incubator's committee. */
@Route("incubator/propose")
@RolesAllowed({Roles.PARTICIPANT, Roles.COMMITTEE})
public class ProposeExperimentView extends VerticalLayout implements HasDynamicTitle {

    public ProposeExperimentView(IncubatorService incubatorService, OrganizationService organizationService,
                                 CurrentUser currentUser) {
        addClassName("incubator-propose");
        var organizations = organizationService.refs();
        ProposalFields fields = new ProposalFields(organizations, incubatorService.people(), currentUser.userId());
        Button submit = new Button(getTranslation("incubator.propose.submit"), e -> {
            var id = new java.util.concurrent.atomic.AtomicReference<java.util.UUID>();
            if (Notifier.attempt(() -> id.set(incubatorService.propose(fields.value())))) {
                Notifier.success("incubator.propose.done");
                getUI().ifPresent(ui -> ui.navigate(ExperimentDetailView.class, id.get().toString()));
            } else {
                e.getSource().setEnabled(true);
            }
        });
        submit.setId("incubator-submit");
        submit.setDisableOnClick(true);
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        setMaxWidth("900px");
        add(new H2(getTranslation("incubator.propose.title")), fields, submit);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("incubator.propose.title");
    }
}
