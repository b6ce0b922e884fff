package org.cohorte.identity.api;

import java.util.List;

import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import org.cohorte.identity.service.PeopleSearch;
import org.cohorte.identity.service.PersonOption;

/** Picks several people, searched as in {@link PeoplePicker}. */
public class MultiPeoplePicker extends MultiSelectComboBox<PersonOption> {

    public MultiPeoplePicker(String label, PeopleSearch search) {
        super(label);
        addClassName("people-picker");
        setItemLabelGenerator(PersonOption::label);
        setPlaceholder(getTranslation("identity.picker.placeholder"));
        setHelperText(getTranslation("identity.picker.help"));
        setClearButtonVisible(true);
        setPageSize(50);
        setItems(query -> search.find(query.getFilter().orElse(""), query.getOffset(), query.getLimit()).stream());
    }

    /** The picked people's ids. */
    public List<String> userIds() {
        return getSelectedItems().stream().map(PersonOption::userId).toList();
    }
}
