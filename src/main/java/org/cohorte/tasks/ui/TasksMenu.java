package org.cohorte.tasks.ui;

import java.util.List;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.cohorte.base.ui.MenuContributor;
import org.cohorte.base.ui.MenuEntry;
import org.springframework.stereotype.Component;

@Component
class TasksMenu implements MenuContributor {
    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(new MenuEntry("tasks.title", InboxView.class, VaadinIcon.INBOX, 0));
    }
}
