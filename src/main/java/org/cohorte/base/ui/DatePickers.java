package org.cohorte.base.ui;

import java.util.Locale;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;

/**
 * Every date picker reads the user's usual format and ISO {@code yyyy-mm-dd}; the first format is the one shown.
 * The browser parses with these formats, so the server needs no parsing of its own.
 */
public final class DatePickers {

    private DatePickers() {
    }

    public static DatePicker localized(DatePicker picker) {
        picker.setI18n(i18n(picker.getLocale()));
        return picker;
    }

    public static DatePicker create(String label) {
        return localized(new DatePicker(label));
    }

    public static DateTimePicker localized(DateTimePicker picker) {
        picker.setDatePickerI18n(i18n(picker.getLocale()));
        return picker;
    }

    public static DateTimePicker createDateTime(String label) {
        return localized(new DateTimePicker(label));
    }

    static DatePicker.DatePickerI18n i18n(Locale locale) {
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        boolean english = "en".equals(locale.getLanguage());
        if (english) {
            i18n.setDateFormats("yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy");
        } else {
            i18n.setDateFormats("dd/MM/yyyy", "yyyy-MM-dd", "d/M/yyyy", "dd.MM.yyyy");
        }
        i18n.setFirstDayOfWeek(english && "US".equals(locale.getCountry()) ? 0 : 1);
        return i18n;
    }
}
