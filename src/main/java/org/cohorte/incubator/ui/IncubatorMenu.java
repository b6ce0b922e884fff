package org.cohorte.incubator.ui;

import java.util.List;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.cohorte.base.ui.MenuContributor;
import org.cohorte.base.ui.MenuEntry;
import org.springframework.stereotype.Component;

@Component
class IncubatorMenu implements MenuContributor {
    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(new MenuEntry("incubator.menu", ExperimentBoardView.class, VaadinIcon.FLASK, 40));
    }
}
