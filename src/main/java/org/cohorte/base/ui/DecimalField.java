package org.cohorte.base.ui;

import com.vaadin.flow.component.textfield.TextField;

/**
 * A decimal number typed in the user's language. Vaadin's NumberField reads with the browser's dot and silently
 * drops a French comma ({@code 7,5} became 75); this field keeps the text and reads it through {@link LocaleNumbers}.
 */
public class DecimalField extends TextField {

    public DecimalField() {
        this(null);
    }

    public DecimalField(String label) {
        setLabel(label);
        // Say at once that the text cannot be read; the service call still refuses it through getNumber().
        addValueChangeListener(e -> {
            try {
                LocaleNumbers.parse(e.getValue(), getLocale());
                setInvalid(false);
            } catch (org.cohorte.base.error.CohorteException refused) {
                setErrorMessage(getTranslation(refused.getMessageKey(), refused.getArgs()));
                setInvalid(true);
            }
        });
    }

    /** The number typed, or null if empty; a text that is not a number throws a translated CohorteException. */
    public Double getNumber() {
        return LocaleNumbers.parse(getValue(), getLocale());
    }

    public void setNumber(Double number) {
        setValue(LocaleNumbers.format(number, getLocale()));
    }
}
