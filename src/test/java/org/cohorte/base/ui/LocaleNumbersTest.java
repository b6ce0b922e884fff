package org.cohorte.base.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.cohorte.base.error.CohorteException;
import org.junit.jupiter.api.Test;

class LocaleNumbersTest {

    @Test
    void french_reads_comma_and_dot_as_the_decimal_mark_and_tolerates_spaces_between_thousands() {
        assertThat(LocaleNumbers.parse("7,5", Locale.FRENCH)).isEqualTo(7.5);
        assertThat(LocaleNumbers.parse("7.5", Locale.FRENCH)).isEqualTo(7.5);
        assertThat(LocaleNumbers.parse("75", Locale.FRENCH)).isEqualTo(75.0);
        assertThat(LocaleNumbers.parse(" -0,25 ", Locale.FRENCH)).isEqualTo(-0.25);
        assertThat(LocaleNumbers.parse("1 250,5", Locale.FRENCH)).isEqualTo(1250.5);
        assertThat(LocaleNumbers.parse("1\u202F250", Locale.FRENCH)).isEqualTo(1250.0);
        assertThat(LocaleNumbers.parse("1\u00A0250", Locale.FRENCH)).isEqualTo(1250.0);
        assertThat(LocaleNumbers.parse("  ", Locale.FRENCH)).isNull();
        assertThat(LocaleNumbers.parse(null, Locale.FRENCH)).isNull();
    }

    @Test
    void english_also_reads_comma_grouped_thousands() {
        assertThat(LocaleNumbers.parse("7.5", Locale.ENGLISH)).isEqualTo(7.5);
        assertThat(LocaleNumbers.parse("1,250.5", Locale.ENGLISH)).isEqualTo(1250.5);
        assertThat(LocaleNumbers.parse("1,250", Locale.ENGLISH)).isEqualTo(1250.0);
        // Not a thousands group: the comma is the decimal mark, as in French.
        assertThat(LocaleNumbers.parse("7,5", Locale.ENGLISH)).isEqualTo(7.5);
        // In French, "1,250" is one and a quarter, never 1250.
        assertThat(LocaleNumbers.parse("1,250", Locale.FRENCH)).isEqualTo(1.25);
    }

    @Test
    void anything_else_is_refused_rather_than_guessed() {
        for (String text : new String[] {"abc", "7,5,3", "1.250,5", "7,", ",5", "7e3", "12 abc", "--1", "NaN"}) {
            assertThatThrownBy(() -> LocaleNumbers.parse(text, Locale.FRENCH)).as(text)
                    .isInstanceOf(CohorteException.class)
                    .satisfies(e -> assertThat(((CohorteException) e).getMessageKey()).isEqualTo(LocaleNumbers.INVALID));
        }
    }

    @Test
    void decimals_are_written_with_the_language_decimal_mark_and_read_back() {
        assertThat(LocaleNumbers.format(4.5, Locale.FRENCH)).isEqualTo("4,5");
        assertThat(LocaleNumbers.format(4.5, Locale.ENGLISH)).isEqualTo("4.5");
        assertThat(LocaleNumbers.format(12000.0, Locale.FRENCH)).isEqualTo("12000");
        assertThat(LocaleNumbers.format(1.0 / 3, Locale.FRENCH)).isEqualTo("0,33");
        assertThat(LocaleNumbers.format(null, Locale.FRENCH)).isEmpty();
        assertThat(LocaleNumbers.parse(LocaleNumbers.format(11.5, Locale.FRENCH), Locale.FRENCH)).isEqualTo(11.5);
    }
}
