package org.cohorte.base.error;

import java.util.Arrays;

/**
 * A refusal the user must understand: it carries an i18n key and its arguments, never a sentence,
 * so that each screen can say it in the user's language.
 */
public class CohorteException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public CohorteException(String messageKey, Object... args) {
        super(messageKey + (args.length == 0 ? "" : " " + Arrays.toString(args)));
        this.messageKey = messageKey;
        this.args = args;
    }

    public String getMessageKey() {
        return messageKey;
    }

    public Object[] getArgs() {
        return args.clone();
    }
}
