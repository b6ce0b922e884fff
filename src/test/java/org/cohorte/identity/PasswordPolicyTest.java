package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.cohorte.base.error.CohorteException;
import org.cohorte.identity.service.PasswordPolicy;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = new PasswordPolicy();
    private static final PasswordPolicy.Account MARIE =
            new PasswordPolicy.Account("marie.tremblay", "Marie-Ève", "Tremblay", "mtremblay@sct.gouv.qc.ca");

    private static String refusal(String password) {
        return POLICY.refusal(password, MARIE).map(CohorteException::getMessageKey).orElse("accepted");
    }

    @Test
    void passwords_shorter_than_twelve_characters_are_refused_whatever_they_contain() {
        assertThat(refusal("Xk#9!qz%2Lp")).isEqualTo("identity.error.passwordTooShort");
        assertThat(POLICY.refusal("court", MARIE).orElseThrow().getArgs()).containsExactly(PasswordPolicy.MIN_LENGTH);
        assertThat(refusal(null)).isEqualTo("identity.error.passwordTooShort");
        assertThat(refusal("")).isEqualTo("identity.error.passwordTooShort");
    }

    @Test
    void length_counts_characters_not_bytes_and_long_passphrases_are_welcome_up_to_the_maximum() {
        assertThat(refusal("éléphantçà€ù")).isEqualTo("accepted");
        assertThat(refusal("un éléphant ".repeat(10))).isEqualTo("accepted");
        assertThat(refusal("x".repeat(PasswordPolicy.MAX_LENGTH - 1) + "y")).isNotEqualTo("identity.error.passwordTooLong");
        assertThat(refusal("abc-".repeat(40))).isEqualTo("identity.error.passwordTooLong");
    }

    @Test
    void the_user_id_names_email_and_the_service_name_are_refused_even_dressed_up() {
        assertThat(refusal("marie.tremblay")).isEqualTo("identity.error.passwordPersonal");
        assertThat(refusal("Tremblay-2024-!!")).isEqualTo("identity.error.passwordPersonal");
        assertThat(refusal("marieeve1990xx")).isEqualTo("identity.error.passwordPersonal");
        assertThat(refusal("mtremblay@sct.gouv.qc.ca")).isEqualTo("identity.error.passwordPersonal");
        assertThat(refusal("Cohorte-2026-hiver")).isEqualTo("identity.error.passwordPersonal");
    }

    @Test
    void short_names_are_refused_only_as_the_whole_password() {
        PasswordPolicy.Account roy = new PasswordPolicy.Account("nroy", "Li", "Roy", "nroy@example.org");
        assertThat(POLICY.refusal("la royauté des chats", roy)).isEmpty();
    }

    @Test
    void common_passwords_and_their_usual_disguises_are_refused() {
        for (String common : new String[]{"password1234", "Password2024!", "P@ssw0rd1234", "motdepasse123",
                "Mot-de-passe-1", "azerty123456", "Soleil2026!!!", "iloveyou2024", "passwordpassword",
                "azertyazerty", "123456789012", "azertyuiopqsd", "qwertyuiop12", "aaaaaaaaaaaa", "abcabcabcabc",
                "987654321098", "Bienvenue2026"}) {
            assertThat(refusal(common)).as(common).isEqualTo("identity.error.passwordCommon");
        }
    }

    @Test
    void ordinary_passphrases_without_composition_rules_are_accepted() {
        for (String fine : new String[]{"un-long-mot-de-passe", "correct horse battery staple", "soiree-au-lac-bleu",
                "les hiboux de Chicoutimi", "j’aime le sirop d’érable", "7 chats sur un toit"}) {
            assertThat(refusal(fine)).as(fine).isEqualTo("accepted");
        }
    }

    @Test
    void the_common_password_list_is_a_resource_that_is_read() {
        // "dragon" is only in the list: a dictionary word, not a sequence or a repetition.
        assertThat(refusal("Dragon-2025-!")).isEqualTo("identity.error.passwordCommon");
        assertThat(POLICY.refusal("Dragonnier du Yémen", MARIE)).isEqualTo(Optional.empty());
    }
}
