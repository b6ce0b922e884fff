package org.cohorte.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.cohorte.base.text.PlainText;
import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void drops_nul_control_characters_and_lone_surrogates() {
        assertThat(PlainText.clean("Te\u0000xte\u0007\u001B\u007F vi\uD800sible\uDC00")).isEqualTo("Texte visible");
    }

    @Test
    void keeps_line_breaks_tabs_emoji_accents_and_markup_as_typed() {
        String typed = "Équipe\t👩🏽‍💻\r\n<b>gras</b> \u202Eabc \u200B";
        assertThat(PlainText.clean(typed)).isEqualTo(typed);
        assertThat(PlainText.clean(null)).isNull();
    }
}
