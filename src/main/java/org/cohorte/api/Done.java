package org.cohorte.api;

/** What a step answers when it happened. */
record Done(String status) {
    static final Done DONE = new Done("done");
}
