package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.cohorte.identity.security.PasswordHashing;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    private final PasswordHashing hashing = new PasswordHashing(4);
    /** Camunda appends a 24-character Base64 salt to the password before hashing. */
    private static final String SALT = "c2FsdHNhbHRzYWx0c2FsdA==";

    @Test
    void a_hash_is_bcrypt_at_the_configured_cost_and_checks_only_the_right_password() {
        String hash = hashing.encode("un-long-mot-de-passe" + SALT);
        assertThat(hash).startsWith("$2a$04$").hasSize(60);
        assertThat(hashing.matches("un-long-mot-de-passe" + SALT, hash)).isTrue();
        assertThat(hashing.matches("un-long-mot-de-passf" + SALT, hash)).isFalse();
        assertThat(hashing.encode("un-long-mot-de-passe" + SALT)).as("bcrypt salts each hash").isNotEqualTo(hash);
    }

    @Test
    void every_character_of_a_long_passphrase_counts_beyond_bcrypts_72_bytes() {
        String passphrase = "é".repeat(60) + "fin";
        String hash = hashing.encode(passphrase + SALT);
        assertThat(hashing.matches(passphrase + SALT, hash)).isTrue();
        assertThat(hashing.matches("é".repeat(60) + "fim" + SALT, hash)).isFalse();
        assertThat(hashing.matches(passphrase + "AAAAAAAAAAAAAAAAAAAAAA==", hash)).as("the salt counts too").isFalse();
    }

    @Test
    void a_hash_made_at_a_lower_cost_is_marked_for_upgrade() {
        PasswordHashing stronger = new PasswordHashing(5);
        assertThat(stronger.weakerThanConfigured(hashing.encode("x" + SALT))).isTrue();
        assertThat(hashing.weakerThanConfigured(hashing.encode("x" + SALT))).isFalse();
    }
}
