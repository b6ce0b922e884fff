package org.cohorte.identity.ui;

import java.util.List;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.cohorte.base.ui.MenuContributor;
import org.cohorte.base.ui.MenuEntry;
import org.springframework.stereotype.Component;

@Component
class IdentityMenu implements MenuContributor {
    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                new MenuEntry("identity.profile.title", ProfileView.class, VaadinIcon.USER, 900),
                new MenuEntry("identity.members.title", MembersView.class, VaadinIcon.USERS, 950),
                new MenuEntry("identity.organizations.title", OrganizationsView.class, VaadinIcon.BUILDING, 960));
    }
}
