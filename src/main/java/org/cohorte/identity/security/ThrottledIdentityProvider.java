package org.cohorte.identity.security;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's database identity store (with Camunda's administrator group read as Cohorte's, see
 * {@link AdminGroupEnginePlugin}) and Cohorte's sign-in throttle instead of Camunda's.
 * <p>
 * Why Camunda's throttle is replaced rather than kept with its permanent lock switched off: it stores its
 * state in {@code ACT_ID_USER} (ATTEMPTS_, LOCK_EXP_TIME_), but reads the lock before checking the password
 * and writes the new count afterwards with an optimistic-lock update, so concurrent guesses on one account
 * all pass the lock check and are all evaluated (the losers of the update even fail with an engine error);
 * its delay also locks an account from the very first typo, and its only "after N failures" rule is the
 * permanent lock. {@link SignInThrottle} counts each attempt under a row lock and locks for a set time after
 * N failures. Camunda's columns are left alone (still cleared by {@code IdentityService.unlockUser}).
 * <p>
 * A successful check also upgrades an old hash ({@code {SHA-512}}, or bcrypt at a lower cost) to the
 * current one: the engine writes the changed user entity when the check's command ends.
 */
public class ThrottledIdentityProvider extends AdminGroupEnginePlugin.CamundaAdminsAreCohorteAdmins {

    private static final Logger LOG = LoggerFactory.getLogger(ThrottledIdentityProvider.class);
    private static final String CURRENT_PREFIX = "{" + PasswordHashing.ALGORITHM + "}";

    private final SignInThrottle throttle;
    private final PasswordHashing hashing;

    public ThrottledIdentityProvider(SignInThrottle throttle, PasswordHashing hashing) {
        this.throttle = throttle;
        this.hashing = hashing;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        String typed = password == null ? "" : password;
        UserEntity user = userId == null ? null : findUserById(userId);
        if (user == null || user.getPassword() == null) {
            hashing.spendOneCheck(typed);
            throttle.unknownUser(userId);
            return false;
        }
        SignInThrottle.Outcome outcome = throttle.attempt(user.getId(), () -> matchPassword(typed, user));
        if (outcome == SignInThrottle.Outcome.LOCKED) {
            hashing.spendOneCheck(typed);
            return false;
        }
        if (outcome == SignInThrottle.Outcome.SIGNED_IN) {
            upgradeHash(user, typed);
            return true;
        }
        return false;
    }

    @Override
    public IdentityOperationResult unlockUser(String userId) {
        // Camunda Admin's "unlock" (camunda-admin only, checked by the engine's command) opens Cohorte's lock too.
        IdentityOperationResult result = super.unlockUser(userId);
        if (findUserById(userId) != null) {
            throttle.unlock(userId, Context.getCommandContext().getAuthenticatedUserId());
        }
        return result;
    }

    private void upgradeHash(UserEntity user, String password) {
        String stored = user.getPassword();
        boolean current = stored.startsWith(CURRENT_PREFIX)
                && !hashing.weakerThanConfigured(stored.substring(CURRENT_PREFIX.length()));
        if (!current) {
            user.setPassword(password);
            user.encryptPassword();
            String from = stored.startsWith("{") && stored.indexOf('}') > 0 ? stored.substring(0, stored.indexOf('}') + 1) : "?";
            LOG.info("Password hash upgraded at sign-in: user={} from={} to={}", user.getId(), from, CURRENT_PREFIX);
        }
    }
}
