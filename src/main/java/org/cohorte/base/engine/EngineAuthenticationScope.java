package org.cohorte.base.engine;

import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs an action under a given engine authentication and puts the previous one back afterwards. The
 * engine's public API sets and clears an authentication but hands the current one back only as an internal
 * class, which stays here.
 */
public final class EngineAuthenticationScope {

    private EngineAuthenticationScope() {
    }

    /** {@code userId} null: no engine user (the engine checks nothing). */
    public static <T> T call(IdentityService identityService, String userId, List<String> groupIds, Supplier<T> action) {
        Authentication previous = identityService.getCurrentAuthentication();
        set(identityService, userId == null ? null : new Authentication(userId, groupIds));
        try {
            return action.get();
        } finally {
            set(identityService, previous);
        }
    }

    private static void set(IdentityService identityService, Authentication authentication) {
        if (authentication == null) {
            identityService.clearAuthentication();
        } else {
            identityService.setAuthentication(authentication);
        }
    }
}
