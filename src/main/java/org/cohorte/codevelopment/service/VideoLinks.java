package org.cohorte.codevelopment.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.cohorte.base.error.CohorteException;

/**
 * A session's video call link: an absolute https address with a host and no credentials in it. Shown to every
 * participant as a link, so anything else (javascript:, data:, plain http, "user:pass@") is refused here.
 */
final class VideoLinks {

    static final int MAX = 500;

    private VideoLinks() {
    }

    /** The link as given (stripped), or null when empty; refused when it is not a plain https address. */
    static String check(String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX || value.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw invalid();
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid();
        }
        if (uri.getScheme() == null || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null || uri.getHost().isBlank() || uri.getRawUserInfo() != null) {
            throw invalid();
        }
        return value;
    }

    private static CohorteException invalid() {
        return new CohorteException("codevelopment.error.videoUrlInvalid", MAX);
    }
}
