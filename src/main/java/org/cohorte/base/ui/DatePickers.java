package org.cohorte.base.ui;

import java.util.Locale;

import com.vaadin.flow.component.datepicker.DatePicker;

/** Every date picker reads the user's usual format and ISO {@code yyyy-mm-dd}; the first format is the one shown. */
public final class DatePickers {

    private DatePickers() {
    }

    public static DatePicker localized(DatePicker picker) {
        Locale locale = picker.getLocale();
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        if ("en".equals(locale.getLanguage())) {
            i18n.setDateFormats("yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy");
        } else {
            i18n.setDateFormats("dd/MM/yyyy", "yyyy-MM-dd", "d/M/yyyy", "dd.MM.yyyy");
        }
        i18n.setFirstDayOfWeek("en".equals(locale.getLanguage()) && "US".equals(locale.getCountry()) ? 0 : 1);
        picker.setI18n(i18n);
        return picker;
    }

    public static DatePicker create(String label) {
        return localized(new DatePicker(label));
    }
}
