package org.cohorte.community.ui;

import java.util.List;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.cohorte.base.ui.MenuContributor;
import org.cohorte.base.ui.MenuEntry;
import org.springframework.stereotype.Component;

@Component
class CommunityMenu implements MenuContributor {
    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                new MenuEntry("community.list.title", CommunitiesView.class, VaadinIcon.USERS, 100),
                new MenuEntry("community.queue.title", QuestionQueueView.class, VaadinIcon.TIMER, 110));
    }
}
