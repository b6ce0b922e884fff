package org.cohorte.base.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.cohorte.base.error.CohorteException;
import org.junit.jupiter.api.Test;

class FreeTextTest {

    @SuppressWarnings("unused")
    static final class Rules {
        @NotNull(message = "{performance.error.required}")
        @Size(max = 5, message = "{performance.error.tooLong}")
        String name;

        @Size(max = 5, message = "{performance.error.tooLong}")
        String note;
    }

    @Test
    void aRequiredTextThatIsBlankOrOnlyControlCharactersIsRefusedWithItsKey() {
        for (String blank : new String[] {null, "", "   ", "\u0000\u0001 "}) {
            CohorteException refused = catchThrowableOfType(() -> FreeText.check(Rules.class, "name", blank),
                    CohorteException.class);
            assertThat(refused.getMessageKey()).isEqualTo("performance.error.required");
            assertThat(refused.getArgs()).isEmpty();
        }
    }

    @Test
    void aTooLongTextIsRefusedWithItsKeyAndTheLimit() {
        CohorteException refused = catchThrowableOfType(() -> FreeText.check(Rules.class, "note", "abcdef"),
                CohorteException.class);
        assertThat(refused.getMessageKey()).isEqualTo("performance.error.tooLong");
        assertThat(refused.getArgs()).containsExactly(5);
    }

    @Test
    void aTextIsCleanedBeforeItIsMeasuredAndAnEmptyOptionalOneIsAbsent() {
        assertThat(FreeText.check(Rules.class, "name", "  ab\u0000cde  ")).isEqualTo("abcde");
        assertThat(FreeText.check(Rules.class, "note", "   ")).isNull();
        assertThat(FreeText.check(Rules.class, "note", null)).isNull();
    }
}
