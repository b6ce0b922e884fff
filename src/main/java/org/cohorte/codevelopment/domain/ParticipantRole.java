package org.cohorte.codevelopment.domain;

public enum ParticipantRole {
    CLIENT, CONSULTANT
}
