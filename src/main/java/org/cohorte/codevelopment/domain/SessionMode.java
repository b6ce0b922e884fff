package org.cohorte.codevelopment.domain;

/** Live: everyone together, timeboxes in minutes, a shared board. Async: the same steps spread over days. */
public enum SessionMode {
    LIVE, ASYNC
}
