package org.cohorte.identity.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * How passwords are stored: bcrypt, through Spring Security's encoder, at a cost that is a setting
 * ({@code cohorte.password.bcrypt-strength}: 12 by default, about a quarter of a second per check on the
 * reference machine; the tests use the minimum).
 * <p>
 * bcrypt reads only the first 72 bytes of its input, and Spring Security refuses longer input. Camunda
 * appends its own 24-character salt to the password before hashing, which would leave 48 bytes of password
 * (fewer with accented letters): the salted password is therefore first reduced with SHA-256 and encoded in
 * Base64 (44 ASCII characters, no NUL byte), so every character of a long passphrase counts. Camunda's
 * per-user salt is inside that input, so a SHA-256 from another site's leak cannot be matched against it.
 */
@Component
public class PasswordHashing {

    /** The prefix Camunda stores in front of such hashes: {@code {BCRYPT-SHA256}$2a$12$...}. */
    public static final String ALGORITHM = "BCRYPT-SHA256";

    private final BCryptPasswordEncoder bcrypt;
    private final int strength;
    private volatile String dummyHash;

    public PasswordHashing(@Value("${cohorte.password.bcrypt-strength:12}") int strength) {
        this.strength = strength;
        this.bcrypt = new BCryptPasswordEncoder(strength);
    }

    /** The hash of Camunda's salted password (password followed by the user's salt). */
    public String encode(String saltedPassword) {
        return bcrypt.encode(reduce(saltedPassword));
    }

    public boolean matches(String saltedPassword, String hash) {
        return hash != null && bcrypt.matches(reduce(saltedPassword), hash);
    }

    /** Whether a hash of this algorithm was made at a lower cost than the current setting. */
    public boolean weakerThanConfigured(String hash) {
        return bcrypt.upgradeEncoding(hash);
    }

    /**
     * Spends the time of one check for nothing: an unknown user or a locked account then takes as long to
     * refuse as a wrong password, so timing does not tell which accounts exist.
     */
    public void spendOneCheck(String password) {
        String hash = dummyHash;
        if (hash == null) {
            hash = bcrypt.encode("cohorte-timing-equalizer");
            dummyHash = hash;
        }
        bcrypt.matches(reduce(password == null ? "" : password), hash);
    }

    public int strength() {
        return strength;
    }

    private static String reduce(String saltedPassword) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(saltedPassword.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
