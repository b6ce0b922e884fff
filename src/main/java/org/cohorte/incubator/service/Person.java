package org.cohorte.incubator.service;

/** Someone who can be on a team or sponsor an experiment. */
public record Person(String userId, String displayName) {
}
