package org.cohorte.identity.api;

import java.util.Optional;

import com.vaadin.flow.component.combobox.ComboBox;
import org.cohorte.identity.service.PeopleSearch;
import org.cohorte.identity.service.PersonOption;

/**
 * Picks one person by name, organization or e-mail: the list is filtered on the server, a page at a time, through
 * a {@link PeopleSearch} of the feature service that checked the caller may list those people. Nobody types ids.
 */
public class PeoplePicker extends ComboBox<PersonOption> {

    public PeoplePicker(String label, PeopleSearch search) {
        super(label);
        addClassName("people-picker");
        setItemLabelGenerator(PersonOption::label);
        setPlaceholder(getTranslation("identity.picker.placeholder"));
        setHelperText(getTranslation("identity.picker.help"));
        setClearButtonVisible(true);
        setWidth("min(28rem, 100%)");
        setPageSize(50);
        setItems(query -> search.find(query.getFilter().orElse(""), query.getOffset(), query.getLimit()).stream());
    }

    /** The picked person's id, if any. */
    public Optional<String> userId() {
        return Optional.ofNullable(getValue()).map(PersonOption::userId);
    }
}
