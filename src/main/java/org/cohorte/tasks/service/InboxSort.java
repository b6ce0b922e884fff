package org.cohorte.tasks.service;

/** Orders the inbox can be sorted in; each but SUBJECT maps onto an indexed engine ordering. */
public enum InboxSort {
    CREATED, DUE, NAME,
    /** What the task is about (its record's title), then its name when the process names no subject. */
    SUBJECT
}
