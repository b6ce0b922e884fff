package org.cohorte.identity.ui;

import java.time.ZoneId;
import java.util.List;

import com.vaadin.flow.component.combobox.ComboBox;

/** A choice of IANA zone ids ("Europe/Paris"), typed to filter: names as the zone database spells them. */
final class TimeZones {

    private static final List<String> IDS = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
            .sorted().toList();

    private TimeZones() {
    }

    static ComboBox<String> field(String label) {
        ComboBox<String> field = new ComboBox<>(label);
        field.setItems(IDS);
        return field;
    }
}
