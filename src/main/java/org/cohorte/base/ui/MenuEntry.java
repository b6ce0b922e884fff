package org.cohorte.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * An entry of the side navigation. Features declare theirs through {@link MenuContributor} beans; the
 * shell shows an entry only to users whose roles the view's access annotation admits.
 */
public record MenuEntry(String labelKey, Class<? extends Component> view, VaadinIcon icon, int order) {
}
