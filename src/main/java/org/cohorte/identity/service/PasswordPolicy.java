package org.cohorte.identity.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.cohorte.base.error.CohorteException;
import org.springframework.stereotype.Component;

/**
 * What a password must be, in the spirit of NIST SP 800-63B: long enough, not the person's own id, name or
 * e-mail, not one of the passwords attackers try first; no composition rules (no forced digit or symbol),
 * which only produce "Password1!". Applies to every password Cohorte sets: accounts an admin creates, a
 * password an admin resets, a member's own change, and the first admin from COHORTE_ADMIN_PASSWORD.
 */
@Component
public class PasswordPolicy {

    /** NIST's floor is 8; 12 makes an online guess of a non-listed password hopeless. */
    public static final int MIN_LENGTH = 12;
    /**
     * Long passphrases are welcome (NIST: allow at least 64). The hash reads every character whatever the
     * length (see PasswordHashing), so the limit only keeps requests reasonable.
     */
    public static final int MAX_LENGTH = 128;

    static final String COMMON_PASSWORDS = "identity/common-passwords.txt";
    /** The service itself is a word people put in its passwords. */
    private static final String SERVICE_NAME = "cohorte";
    /** Keyboard rows and alphabets, forwards and backwards: "123456789012", "azertyuiopqs" are refused. */
    private static final List<String> SEQUENCES = List.of("0123456789", "abcdefghijklmnopqrstuvwxyz",
            "qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn", "qwertzuiopasdfghjklyxcvbnm",
            "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "1q2w3e4r5t6y7u8i9o0p", "1a2z3e4r5t6y7u8i9o0p");

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** The account a password is for: whose id, names and e-mail it must not contain. */
    public record Account(String userId, String firstName, String lastName, String email) {
    }

    /** Refuses the password with a message key the screens translate; does nothing when it is acceptable. */
    public void check(String password, Account account) {
        Optional<CohorteException> refusal = refusal(password, account);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /** Why the password is refused, if it is. */
    public Optional<CohorteException> refusal(String password, Account account) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(new CohorteException("identity.error.passwordTooShort", MIN_LENGTH));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(new CohorteException("identity.error.passwordTooLong", MAX_LENGTH));
        }
        String core = core(password);
        if (isPersonal(core, account)) {
            return Optional.of(new CohorteException("identity.error.passwordPersonal"));
        }
        if (isCommon(core)) {
            return Optional.of(new CohorteException("identity.error.passwordCommon"));
        }
        return Optional.empty();
    }

    private boolean isPersonal(String core, Account account) {
        List<String> words = new ArrayList<>();
        words.add(SERVICE_NAME);
        if (account != null) {
            words.add(core(account.userId()));
            words.addAll(tokens(account.userId()));
            words.addAll(tokens(account.firstName()));
            words.addAll(tokens(account.lastName()));
            if (account.email() != null) {
                words.add(core(account.email()));
                words.addAll(tokens(account.email().split("@")[0]));
            }
        }
        for (String word : words) {
            // Short names ("Roy", "Li") are refused only as the whole password, not as any part of it.
            if (!word.isEmpty() && (core.equals(word) || (word.length() >= 4 && core.contains(word)))) {
                return true;
            }
        }
        return false;
    }

    private boolean isCommon(String core) {
        String base = stripDigits(core);
        String word = unLeet(base);
        if (common.contains(core) || common.contains(base) || common.contains(word)) {
            return true;
        }
        if (isSequence(core) || isSequence(word)) {
            return true;
        }
        // "passwordpassword", "abcdabcdabcd", "aaaaaaaaaaaa": one short or common unit repeated.
        String unit = repeatedUnit(core);
        return unit.length() < core.length() && (unit.length() <= 4 || common.contains(stripDigits(unit))
                || common.contains(unLeet(stripDigits(unit))));
    }

    private static boolean isSequence(String text) {
        if (text.length() < 6) {
            return false;
        }
        for (String sequence : SEQUENCES) {
            String forward = sequence.repeat(1 + text.length() / sequence.length() + 1);
            String backward = new StringBuilder(forward).reverse().toString();
            if (forward.contains(text) || backward.contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String repeatedUnit(String text) {
        for (int period = 1; period <= text.length() / 2; period++) {
            if (text.length() % period == 0 && text.substring(0, period).repeat(text.length() / period).equals(text)) {
                return text.substring(0, period);
            }
        }
        return text;
    }

    /**
     * Lower case, accents and separators removed, the usual symbol-for-letter swaps undone:
     * "Mot-de-Passe", "P@ssw0rd" and "motdepasse" meet.
     */
    static String core(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace('@', 'a').replace('$', 's');
        return plain.replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[\\s._@+'’-]+")) {
                String token = core(part);
                if (token.length() >= 2) {
                    tokens.add(token);
                }
            }
        }
        return tokens;
    }

    /** "soleil2024", "2024soleil" → "soleil". */
    private static String stripDigits(String text) {
        return text.replaceAll("^\\p{N}+", "").replaceAll("\\p{N}+$", "");
    }

    private static String unLeet(String text) {
        return text.replace('0', 'o').replace('1', 'i').replace('3', 'e').replace('4', 'a').replace('5', 's')
                .replace('7', 't');
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + COMMON_PASSWORDS);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                // Each entry in the forms a candidate is compared in: "trustno1" also stands for "trustno".
                String core = core(line.strip());
                for (String form : List.of(core, stripDigits(core), unLeet(stripDigits(core)))) {
                    if (!form.isEmpty()) {
                        words.add(form);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
