package org.cohorte.community.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/** Checks and cleans what members type: titles, bodies (HTML sanitised with OWASP's policy), tags. */
final class PostText {

    /** Formatting, paragraphs, lists and links (nofollow); scripts, styles, events and images are removed. */
    static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS)
            .and(new HtmlPolicyBuilder().allowElements("br", "pre", "code").toFactory());

    static final int MAX_TITLE = 300;
    static final int MIN_TITLE = 5;
    static final int MAX_BODY = 10_000;
    static final int MAX_STORED = 20_000;
    static final int MAX_TAGS = 10;
    static final int MAX_TAG = 50;

    private PostText() {
    }

    static String title(String title) {
        String clean = title == null ? "" : PlainText.clean(title).strip().replaceAll("\\s+", " ");
        if (clean.length() < MIN_TITLE) {
            throw new CohorteException("question.error.titleRequired", MIN_TITLE);
        }
        if (clean.length() > MAX_TITLE) {
            throw new CohorteException("question.error.titleTooLong", MAX_TITLE);
        }
        return clean;
    }

    static String body(String body, String emptyKey) {
        String raw = body == null ? "" : PlainText.clean(body).strip();
        if (raw.length() > MAX_BODY) {
            throw new CohorteException("question.error.bodyTooLong", MAX_BODY);
        }
        String clean = POLICY.sanitize(raw).strip();
        if (clean.isEmpty() || org.cohorte.community.domain.SearchText.normalize(clean).isEmpty()) {
            throw new CohorteException(emptyKey);
        }
        if (clean.length() > MAX_STORED) {
            throw new CohorteException("question.error.bodyTooLong", MAX_BODY);
        }
        return clean;
    }

    static String tags(List<String> tags) {
        Set<String> clean = new LinkedHashSet<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            String t = tag == null ? "" : PlainText.clean(tag).strip().toLowerCase(Locale.ROOT).replace(",", " ").replaceAll("\\s+", " ");
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() > MAX_TAG) {
                throw new CohorteException("question.error.tagTooLong", MAX_TAG);
            }
            clean.add(t);
        }
        if (clean.size() > MAX_TAGS) {
            throw new CohorteException("question.error.tooManyTags", MAX_TAGS);
        }
        return String.join(",", clean);
    }

    static List<String> split(String tags) {
        return tags == null || tags.isEmpty() ? List.of() : List.of(tags.split(","));
    }
}
