package org.cohorte.codevelopment.service;

import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;

/** The one place where free texts are checked: required ones not blank, none longer than its column. */
final class Texts {

    private Texts() {
    }

    static String required(String value, int max) {
        String clean = value == null ? "" : PlainText.clean(value).strip();
        if (clean.isEmpty()) {
            throw new CohorteException("codevelopment.error.textRequired");
        }
        return limited(clean, max);
    }

    static String optional(String value, int max) {
        String clean = value == null ? "" : PlainText.clean(value).strip();
        return clean.isEmpty() ? null : limited(clean, max);
    }

    private static String limited(String clean, int max) {
        if (clean.length() > max) {
            throw new CohorteException("codevelopment.error.textTooLong", max);
        }
        return clean;
    }
}
