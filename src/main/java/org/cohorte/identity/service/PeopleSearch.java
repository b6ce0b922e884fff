package org.cohorte.identity.service;

import java.util.List;

/**
 * One page of the people a screen may offer, matching what was typed (name, organization or e-mail). Each feature
 * service that offers people makes one after checking the caller may list them (a community's members for its
 * facilitator, the directory for an administrator), so a picker never decides rights itself.
 */
@FunctionalInterface
public interface PeopleSearch {

    List<PersonOption> find(String filter, int offset, int limit);
}
