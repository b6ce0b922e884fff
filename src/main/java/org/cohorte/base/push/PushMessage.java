package org.cohorte.base.push;

/**
 * One thing that changed, as the cluster bus carries it: a topic ({@link #SESSION}, {@link #USER}) and a key (an id).
 * Never content: each receiving screen reads what it may see itself, as its own user.
 */
public record PushMessage(String topic, String key) {

    /** A codevelopment session changed; the key is the session id. */
    public static final String SESSION = "session";
    /** A person's notifications changed; the key is the user id. */
    public static final String USER = "user";
    /** A task of this person (assignee or candidate) appeared, moved or went; the key is the user id. */
    public static final String TASKS_OF_USER = "taskUser";
    /** An unassigned task offered to this group appeared, was claimed or went; the key is the group id. */
    public static final String TASKS_OF_GROUP = "taskGroup";
}
