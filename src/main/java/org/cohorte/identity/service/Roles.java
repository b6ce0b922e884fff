package org.cohorte.identity.service;

import java.util.List;

/** Cohorte's roles; each is a Camunda group of the same id and a Spring Security role. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String FACILITATOR = "facilitator";
    public static final String PARTICIPANT = "participant";
    public static final String EXPERT = "expert";
    public static final String MANAGER = "manager";
    public static final String COMMITTEE = "committee";
    public static final String ADVISORY = "advisory";
    public static final String FORUM = "forum";

    public static final List<String> ALL =
            List.of(ADMIN, FACILITATOR, PARTICIPANT, EXPERT, MANAGER, COMMITTEE, ADVISORY, FORUM);

    /** Spring Security's role prefix: group "admin" is authority "ROLE_admin". */
    public static final String AUTHORITY_PREFIX = "ROLE_";

    private Roles() {
    }
}
