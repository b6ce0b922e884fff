package org.cohorte.performance.ui;

import java.util.List;

import com.vaadin.flow.component.icon.VaadinIcon;
import org.cohorte.base.ui.MenuContributor;
import org.cohorte.base.ui.MenuEntry;
import org.springframework.stereotype.Component;

@Component
class PerformanceMenu implements MenuContributor {
    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(new MenuEntry("performance.steering.title", SteeringRoomView.class, VaadinIcon.DASHBOARD, 60),
                new MenuEntry("performance.indicators.title", IndicatorsView.class, VaadinIcon.BULLSEYE, 61));
    }
}
