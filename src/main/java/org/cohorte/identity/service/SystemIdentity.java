package org.cohorte.identity.service;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * For server-side jobs with nobody signed in (demo seeding, benchmarks): runs the action as an
 * administrator named after the job, through the same service checks as a person. Never reachable
 * from a request.
 */
public final class SystemIdentity {

    private SystemIdentity() {
    }

    public static <T> T runAsAdministrator(String jobName, Supplier<T> action) {
        return runAs(jobName, List.of(Roles.ADMIN), action);
    }

    public static void runAsAdministrator(String jobName, Runnable action) {
        runAsAdministrator(jobName, () -> {
            action.run();
            return null;
        });
    }

    /** Runs as the given user and groups, as if they had signed in: for jobs acting on someone's behalf. */
    public static <T> T runAs(String userId, List<String> groups, Supplier<T> action) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(userId, null,
                groups.stream().map(g -> new SimpleGrantedAuthority(Roles.AUTHORITY_PREFIX + g)).toList()));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            // Nobody signed in before: leave nothing behind on this (pooled) thread for the next task or request.
            if (previous == null || previous.getAuthentication() == null) {
                SecurityContextHolder.clearContext();
            } else {
                SecurityContextHolder.setContext(previous);
            }
        }
    }
}
