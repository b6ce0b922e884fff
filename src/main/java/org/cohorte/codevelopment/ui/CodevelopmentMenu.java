package org.cohorte.codevelopment.ui;

import java.util.List;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.cohorte.base.ui.MenuContributor;
import org.cohorte.base.ui.MenuEntry;
import org.springframework.stereotype.Component;

@Component
class CodevelopmentMenu implements MenuContributor {
    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(new MenuEntry("codevelopment.menu", CodevGroupsView.class, VaadinIcon.GROUP, 20));
    }
}
