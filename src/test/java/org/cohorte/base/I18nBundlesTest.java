package org.cohorte.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.Roles;
import org.cohorte.tasks.service.InboxFilter;
import org.junit.jupiter.api.Test;

/** The French and English bundles stay in step, and every key the code names exists. */
class I18nBundlesTest {

    private static final Map<String, String> FR = CohorteI18NProvider.load(CohorteI18NProvider.FRENCH);
    private static final Map<String, String> EN = CohorteI18NProvider.load(CohorteI18NProvider.ENGLISH);
    /** A literal that looks like a bundle key: feature.something(.more), as passed to getTranslation and friends. */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"((?:[a-z]+)(?:\\.[A-Za-z0-9_]+)+)\"");
    private static final Pattern VALIDATION_TEMPLATE = Pattern.compile("\"\\{([a-z]+(?:\\.[A-Za-z0-9_]+)+)\\}\"");
    /** Literals of that shape which are not bundle keys (property names, packages, file names). */
    private static final Set<String> NOT_KEYS = Set.of("cohorte.language", "cohorte.demo.enabled");

    @Test
    void every_french_key_has_an_english_translation_and_back() {
        assertThat(FR).isNotEmpty();
        assertThat(new TreeSet<>(EN.keySet())).as("keys missing in English").containsAll(FR.keySet());
        assertThat(new TreeSet<>(FR.keySet())).as("keys missing in French").containsAll(EN.keySet());
    }

    @Test
    void no_translation_is_blank() {
        FR.forEach((key, value) -> assertThat(value).as("fr " + key).isNotBlank());
        EN.forEach((key, value) -> assertThat(value).as("en " + key).isNotBlank());
    }

    @Test
    void messages_with_arguments_use_typographic_apostrophes() {
        // MessageFormat treats ' as a quote: "l'animateur {0}" would lose its argument.
        Stream.concat(FR.entrySet().stream(), EN.entrySet().stream())
                .filter(e -> e.getValue().contains("{0"))
                .forEach(e -> assertThat(e.getValue()).as(e.getKey()).doesNotContain("'"));
    }

    @Test
    void placeholders_match_between_languages() {
        Pattern placeholder = Pattern.compile("\\{(\\d)");
        FR.forEach((key, fr) -> {
            Set<String> frArgs = new TreeSet<>();
            Set<String> enArgs = new TreeSet<>();
            placeholder.matcher(fr).results().forEach(r -> frArgs.add(r.group(1)));
            placeholder.matcher(EN.getOrDefault(key, "")).results().forEach(r -> enArgs.add(r.group(1)));
            assertThat(enArgs).as(key).isEqualTo(frArgs);
        });
    }

    @Test
    void every_key_named_in_the_code_exists() throws IOException {
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                collect(KEY_LITERAL.matcher(source), missing, file);
                collect(VALIDATION_TEMPLATE.matcher(source), missing, file);
            }
        }
        assertThat(missing).as("keys used in code but absent from the bundles").isEmpty();
    }

    @Test
    void keys_built_from_enums_and_roles_exist() {
        Roles.ALL.forEach(role -> assertThat(FR).containsKey("role." + role));
        for (InboxFilter filter : InboxFilter.values()) {
            assertThat(FR).containsKey("tasks.filter." + filter.name());
        }
        for (OrganizationType type : OrganizationType.values()) {
            assertThat(FR).containsKey("identity.organization.type." + type.name());
        }
    }

    private static void collect(Matcher matcher, Set<String> missing, Path file) {
        while (matcher.find()) {
            String key = matcher.group(1);
            if (isBundleNamespace(key) && !NOT_KEYS.contains(key) && !FR.containsKey(key)) {
                missing.add(key + " (" + file.getFileName() + ")");
            }
        }
    }

    /** Only literals in a namespace the bundles use are checked; others are file names, packages, etc. */
    private static boolean isBundleNamespace(String key) {
        String namespace = key.substring(0, key.indexOf('.'));
        return FR.keySet().stream().anyMatch(k -> k.startsWith(namespace + "."));
    }
}
