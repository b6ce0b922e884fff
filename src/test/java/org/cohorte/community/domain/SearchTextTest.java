package org.cohorte.community.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void readsCharacterReferencesAsLetters() {
        // Named, decimal and hexadecimal references, as a sanitiser or an editor may store them.
        assertThat(SearchText.normalize("<p>L&#39;&eacute;t&#xE9; &amp; le d&#233;lai &lt;b&gt;</p>"))
                .isEqualTo("l ete le delai b");
    }
}
