package org.cohorte.base.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import org.cohorte.base.error.CohorteException;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;

/** The number field and the date pickers follow the signed-in member's language. */
class LocaleFieldsViewIT extends ViewTest {

    @Test
    void a_french_member_types_a_comma_and_an_iso_date() {
        signIn(data.user("chiffres-fr", Roles.PARTICIPANT));
        assertThat(UI.getCurrent().getLocale().getLanguage()).isEqualTo("fr");
        DecimalField field = new DecimalField("Valeur");
        UI.getCurrent().add(field);
        field.setValue("7,5");
        assertThat(field.getNumber()).isEqualTo(7.5);
        field.setValue("75");
        assertThat(field.getNumber()).isEqualTo(75.0);
        field.setValue("abc");
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).isEqualTo("« abc » n’est pas un nombre : tapez par exemple 7,5 ou 1 250.");
        assertThatThrownBy(field::getNumber).isInstanceOf(CohorteException.class);
        field.setNumber(11.5);
        assertThat(field.getValue()).isEqualTo("11,5");
        assertThat(field.isInvalid()).isFalse();

        DatePicker picker = DatePickers.create("Échéance");
        UI.getCurrent().add(picker);
        // The first format is the one shown; ISO is understood as well.
        assertThat(picker.getI18n().getDateFormats()).startsWith("dd/MM/yyyy").contains("yyyy-MM-dd");
        // Date and time (a session's launch, a community activity): the date half reads the same formats.
        DateTimePicker when = DatePickers.createDateTime("Début");
        UI.getCurrent().add(when);
        assertThat(when.getDatePickerI18n().getDateFormats()).startsWith("dd/MM/yyyy").contains("yyyy-MM-dd");
    }

    @Test
    void an_english_member_types_a_dot_and_the_same_iso_date() {
        String member = data.user("numbers-en", Roles.PARTICIPANT);
        data.setLanguage(member, "en");
        signIn(member);
        assertThat(UI.getCurrent().getLocale().getLanguage()).isEqualTo("en");
        DecimalField field = new DecimalField("Value");
        UI.getCurrent().add(field);
        field.setValue("1,250.5");
        assertThat(field.getNumber()).isEqualTo(1250.5);
        field.setValue("7.5");
        assertThat(field.getNumber()).isEqualTo(7.5);
        field.setValue("abc");
        assertThat(field.getErrorMessage()).isEqualTo("\"abc\" is not a number: type for example 7.5 or 1,250.");
        field.setNumber(4.5);
        assertThat(field.getValue()).isEqualTo("4.5");

        DatePicker picker = DatePickers.create("Due");
        assertThat(picker.getI18n().getDateFormats()).startsWith("yyyy-MM-dd").contains("MM/dd/yyyy");
        assertThat(DatePickers.createDateTime("Start").getDatePickerI18n().getDateFormats())
                .startsWith("yyyy-MM-dd");
    }
}
