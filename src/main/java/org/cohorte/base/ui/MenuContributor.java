package org.cohorte.base.ui;

import java.util.List;

/** Lets each feature add its screens to the side navigation without the shell knowing the features. */
public interface MenuContributor {
    List<MenuEntry> menuEntries();
}
