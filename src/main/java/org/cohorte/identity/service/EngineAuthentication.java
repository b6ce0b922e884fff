package org.cohorte.identity.service;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.cohorte.base.engine.EngineAuthenticationScope;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as the signed-in user, so that Camunda's own authorization checks apply on top of
 * Cohorte's: the engine refuses another person's task even if a service forgot to. The request filter
 * sets the same for HTTP requests; this also covers calls made outside a request (push, background).
 */
@Component
public class EngineAuthentication {

    private final IdentityService identityService;
    private final CurrentUser currentUser;

    public EngineAuthentication(IdentityService identityService, CurrentUser currentUser) {
        this.identityService = identityService;
        this.currentUser = currentUser;
    }

    public <T> T asCurrentUser(Supplier<T> action) {
        CurrentUser.Identity identity = currentUser.require();
        return EngineAuthenticationScope.call(identityService, identity.userId(), identity.groups(), action);
    }

    public void asCurrentUser(Runnable action) {
        asCurrentUser(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs without an engine user: for steps the service has already authorized itself, such as starting
     * a process or correlating a message on the user's behalf, which need no per-user engine grant.
     */
    public <T> T asSystem(Supplier<T> action) {
        return EngineAuthenticationScope.call(identityService, null, null, action);
    }

    public void asSystem(Runnable action) {
        asSystem(() -> {
            action.run();
            return null;
        });
    }
}
