package org.cohorte.community.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Text as search compares it: markup removed, accents removed, lower case, words of letters and digits
 * separated by single spaces. "Délai de carence" and "delai DE carence" give the same text.
 */
public final class SearchText {

    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

    private SearchText() {
    }

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        // The sanitiser stores text with character references (&amp;, &#39;, &eacute;...): read them as letters.
        String plain = HtmlUtils.htmlUnescape(TAGS.matcher(text).replaceAll(" "))
                .replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae");
        String stripped = MARKS.matcher(Normalizer.normalize(plain, Normalizer.Form.NFD)).replaceAll("");
        return NON_WORD.matcher(stripped.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    public static String of(String... parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            String clean = normalize(part == null ? null : part.replace(',', ' '));
            if (!clean.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(clean);
            }
        }
        return text.toString();
    }

    /** The words of a query, normalised, at most eight, each of two characters or more. */
    public static List<String> words(String query) {
        String clean = normalize(query);
        return clean.isEmpty() ? List.of()
                : Arrays.stream(clean.split(" ")).filter(w -> w.length() >= 2).distinct().limit(8).toList();
    }
}
