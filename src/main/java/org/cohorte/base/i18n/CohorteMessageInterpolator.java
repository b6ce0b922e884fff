package org.cohorte.base.i18n;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.validation.MessageInterpolator;

import org.hibernate.validator.messageinterpolation.ResourceBundleMessageInterpolator;
import org.hibernate.validator.spi.resourceloading.ResourceBundleLocator;

/**
 * Bean Validation messages ({@code {identity.organization.name.required}}) come from the same i18n
 * bundles as the rest of the UI, so forms say them in the user's language. Registered in
 * META-INF/validation.xml, which Vaadin's BeanValidationBinder honours.
 */
public class CohorteMessageInterpolator implements MessageInterpolator {

    private static final Map<String, ResourceBundle> BUNDLES = new ConcurrentHashMap<>();

    private final MessageInterpolator delegate = new ResourceBundleMessageInterpolator(new CohorteBundleLocator());

    @Override
    public String interpolate(String messageTemplate, Context context) {
        return delegate.interpolate(messageTemplate, context, CohorteI18NProvider.FRENCH);
    }

    @Override
    public String interpolate(String messageTemplate, Context context, Locale locale) {
        return delegate.interpolate(messageTemplate, context, CohorteI18NProvider.supported(locale == null ? null : locale.getLanguage()));
    }

    private static final class CohorteBundleLocator implements ResourceBundleLocator {
        @Override
        public ResourceBundle getResourceBundle(Locale locale) {
            Locale supported = CohorteI18NProvider.supported(locale.getLanguage());
            return BUNDLES.computeIfAbsent(supported.getLanguage(), language -> new MapBundle(CohorteI18NProvider.load(supported)));
        }
    }

    private static final class MapBundle extends ResourceBundle {
        private final Map<String, String> messages;

        private MapBundle(Map<String, String> messages) {
            this.messages = messages;
        }

        @Override
        protected Object handleGetObject(String key) {
            return messages.get(key);
        }

        @Override
        public Enumeration<String> getKeys() {
            return Collections.enumeration(messages.keySet());
        }
    }
}
