package org.cohorte.base.i18n;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.vaadin.flow.i18n.I18NProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Every UI string comes from the bundles under {@code i18n/}: one pair of files per feature
 * ({@code tasks_fr.properties}, {@code tasks_en.properties}, ...), merged here. French first.
 */
@Component
public class CohorteI18NProvider implements I18NProvider {

    public static final Locale FRENCH = Locale.FRENCH;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> LOCALES = List.of(FRENCH, ENGLISH);

    private final Map<String, Map<String, String>> messagesByLanguage = new HashMap<>();

    public CohorteI18NProvider() {
        for (Locale locale : LOCALES) {
            messagesByLanguage.put(locale.getLanguage(), load(locale));
        }
    }

    /** Reads every {@code i18n/*_xx.properties} on the classpath, in UTF-8. */
    public static Map<String, String> load(Locale locale) {
        Map<String, String> messages = new HashMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:i18n/*_" + locale.getLanguage() + ".properties");
            for (Resource resource : resources) {
                Properties properties = new Properties();
                try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                properties.forEach((key, value) -> messages.put((String) key, (String) value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Locale effective = locale != null && ENGLISH.getLanguage().equals(locale.getLanguage()) ? ENGLISH : FRENCH;
        String pattern = messagesByLanguage.get(effective.getLanguage()).get(key);
        if (pattern == null) {
            // Visible in the UI and caught by I18nBundlesTest, rather than silently blank.
            return "!" + key + "!";
        }
        if (params == null || params.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, effective).format(params);
    }

    /** Whether the bundles define this key (then in both languages: I18nBundlesTest sees to that). */
    public boolean hasKey(String key) {
        return messagesByLanguage.get(FRENCH.getLanguage()).containsKey(key);
    }

    /** Supported language for a tag such as "fr", "en-CA" or null; French when unknown. */
    public static Locale supported(String languageTag) {
        if (languageTag != null && languageTag.toLowerCase(Locale.ROOT).startsWith("en")) {
            return ENGLISH;
        }
        return FRENCH;
    }
}
