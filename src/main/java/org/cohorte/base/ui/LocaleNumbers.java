package org.cohorte.base.ui;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import com.vaadin.flow.component.UI;
import org.cohorte.base.error.CohorteException;

/**
 * Numbers typed and read in the user's language. A single dot or comma is the decimal mark in every language
 * (a French user may type {@code 7,5} or {@code 7.5}); spaces, no-break and narrow no-break spaces group thousands;
 * in English a comma followed by groups of three digits ({@code 1,234.5}) is a thousands separator too.
 * Anything else is refused rather than guessed, so {@code 7,5} can never become 75.
 */
public final class LocaleNumbers {

    /** Message key for a number that cannot be read; its argument is the text typed. */
    public static final String INVALID = "common.number.invalid";

    private static final Pattern PLAIN = Pattern.compile("[+-]?\\d+([.,]\\d+)?");
    private static final Pattern EN_GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    private LocaleNumbers() {
    }

    /** The number typed, or null when nothing was typed; refuses anything else with {@link #INVALID}. */
    public static Double parse(String text, Locale locale) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String compact = text.strip().replaceAll("[\\s\\u00A0\\u202F\\u2007]", "");
        String canonical;
        if (EN_GROUPED.matcher(compact).matches() && "en".equals(locale.getLanguage())) {
            canonical = compact.replace(",", "");
        } else if (PLAIN.matcher(compact).matches()) {
            canonical = compact.replace(',', '.');
        } else {
            throw new CohorteException(INVALID, text.strip());
        }
        return new BigDecimal(canonical).doubleValue();
    }

    /** Up to two decimals, in the language's decimal mark, without grouping (so it reads back through parse). */
    public static String format(Double value, Locale locale) {
        if (value == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(2);
        format.setGroupingUsed(false);
        return format.format(value);
    }

    /** As {@link #format(Double, Locale)}, in the current screen's language. */
    public static String format(Double value) {
        UI ui = UI.getCurrent();
        return format(value, ui == null ? Locale.FRENCH : ui.getLocale());
    }
}
