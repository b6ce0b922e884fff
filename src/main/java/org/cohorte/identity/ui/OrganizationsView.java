package org.cohorte.identity.ui;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;

/** Admins keep the list of participating ministries, agencies and companies. */
@Route("admin/organizations")
@RolesAllowed(Roles.ADMIN)
public class OrganizationsView extends VerticalLayout implements HasDynamicTitle {

    private final OrganizationService organizationService;
    private final Grid<Organization> grid = new Grid<>();

    public OrganizationsView(OrganizationService organizationService) {
        this.organizationService = organizationService;
        setSizeFull();
        Button add = new Button(getTranslation("identity.organizations.new"), VaadinIcon.PLUS.create(),
                e -> edit(null));
        add.setId("new-organization");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.setId("organizations-grid");
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 0, 1);
        grid.addColumn(Organization::getName).setHeader(getTranslation("identity.organization.name")).setFlexGrow(3)
                .setSortable(true);
        grid.addColumn(Organization::getAcronym).setHeader(getTranslation("identity.organization.acronym"));
        grid.addColumn(o -> getTranslation("identity.organization.type." + o.getType().name()))
                .setHeader(getTranslation("identity.organization.type"));
        grid.addItemClickListener(e -> edit(e.getItem()));
        grid.setSizeFull();
        add(add, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(organizationService.list());
    }

    private void edit(Organization existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(existing == null ? "identity.organizations.new" : "identity.organizations.edit"));
        TextField name = new TextField(getTranslation("identity.organization.name"));
        name.setId("organization-name");
        name.setMaxLength(200);
        name.setRequiredIndicatorVisible(true);
        TextField acronym = new TextField(getTranslation("identity.organization.acronym"));
        acronym.setId("organization-acronym");
        acronym.setMaxLength(30);
        ComboBox<OrganizationType> type = new ComboBox<>(getTranslation("identity.organization.type"));
        type.setId("organization-type");
        type.setItems(OrganizationType.values());
        type.setItemLabelGenerator(t -> getTranslation("identity.organization.type." + t.name()));
        type.setRequiredIndicatorVisible(true);
        ComboBox<String> timeZone = TimeZones.field(getTranslation("identity.organization.timeZone"));
        timeZone.setId("organization-time-zone");
        timeZone.setValue(existing == null ? Organization.DEFAULT_TIME_ZONE : existing.getTimeZone());
        if (existing != null) {
            name.setValue(existing.getName());
            acronym.setValue(existing.getAcronym() == null ? "" : existing.getAcronym());
            type.setValue(existing.getType());
        } else {
            type.setValue(OrganizationType.MINISTRY);
        }
        Button save = new Button(getTranslation("common.save"), e -> {
            boolean saved = Notifier.attempt(() -> {
                Organization result = existing == null
                        ? organizationService.create(name.getValue(), acronym.getValue(), type.getValue())
                        : organizationService.update(existing.getId(), existing.getVersion(), name.getValue(),
                                acronym.getValue(), type.getValue());
                organizationService.setTimeZone(result.getId(), timeZone.getValue());
            });
            if (saved) {
                Notifier.success("common.saved");
                dialog.close();
                refresh();
            }
        });
        save.setId("organization-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("common.cancel"), e -> dialog.close());
        dialog.add(new FormLayout(name, acronym, type, timeZone));
        dialog.getFooter().add(cancel, save);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("identity.organizations.title");
    }
}
