package org.cohorte.identity.domain;

/** Ministère, organisme public, entreprise. */
public enum OrganizationType {
    MINISTRY, AGENCY, COMPANY
}
