package org.cohorte.base.text;

/**
 * What nobody types on purpose and some databases refuse (PostgreSQL rejects NUL in text, and a lone UTF-16
 * surrogate cannot be encoded): control characters other than tab and line breaks, and unpaired surrogates.
 * Services pass free text through here before checking its length and storing it.
 */
public final class PlainText {

    private PlainText() {
    }

    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean keep;
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
                continue;
            }
            keep = !Character.isSurrogate(c) && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c != 0x7F;
            if (!keep && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            } else if (keep && out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }
}
