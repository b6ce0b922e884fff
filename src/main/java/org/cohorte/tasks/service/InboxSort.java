package org.cohorte.tasks.service;

/** Orders the inbox can be sorted in; each maps onto an indexed engine ordering. */
public enum InboxSort {
    CREATED, DUE, NAME
}
