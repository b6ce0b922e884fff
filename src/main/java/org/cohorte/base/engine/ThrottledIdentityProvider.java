package org.cohorte.base.engine;

import java.util.List;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.identity.db.DbUserQueryImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's database identity store, with Camunda's administrator group read as Cohorte's and Cohorte's
 * sign-in throttle instead of Camunda's.
 * <p>
 * Camunda's web apps ask "is any user in group {@code camunda-admin}?" and, while nobody is, send every visitor
 * to a first-administrator setup page whose endpoint creates such a user without signing in. Here that question
 * means "is any user in Cohorte's administrators' group?": the setup page never shows once Cohorte has an
 * administrator (and its endpoint is closed to everyone by Cohorte's security configuration in any case).
 * <p>
 * Why Camunda's throttle is replaced rather than kept with its permanent lock switched off: it stores its
 * state in {@code ACT_ID_USER} (ATTEMPTS_, LOCK_EXP_TIME_), but reads the lock before checking the password
 * and writes the new count afterwards with an optimistic-lock update, so concurrent guesses on one account
 * all pass the lock check and are all evaluated (the losers of the update even fail with an engine error);
 * its delay also locks an account from the very first typo, and its only "after N failures" rule is the
 * permanent lock. Cohorte's throttle ({@link EngineIdentityRules#attempt}) counts each attempt under a row lock
 * and locks for a set time after N failures. Camunda's columns are left alone (still cleared by
 * {@code IdentityService.unlockUser}).
 * <p>
 * A successful check also upgrades an old hash ({@code {SHA-512}}, or bcrypt at a lower cost) to the
 * current one: the engine writes the changed user entity when the check's command ends.
 */
public class ThrottledIdentityProvider extends DbIdentityServiceProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ThrottledIdentityProvider.class);

    private final EngineIdentityRules rules;
    private final String currentPrefix;

    public ThrottledIdentityProvider(EngineIdentityRules rules) {
        this.rules = rules;
        this.currentPrefix = "{" + rules.hashAlgorithm() + "}";
    }

    @Override
    public long findUserCountByQueryCriteria(DbUserQueryImpl query) {
        return super.findUserCountByQueryCriteria(alias(query));
    }

    @Override
    public List<User> findUserByQueryCriteria(DbUserQueryImpl query) {
        return super.findUserByQueryCriteria(alias(query));
    }

    private DbUserQueryImpl alias(DbUserQueryImpl query) {
        if (Groups.CAMUNDA_ADMIN.equals(query.getGroupId())) {
            query.memberOfGroup(rules.adminGroup());
        }
        return query;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        String typed = password == null ? "" : password;
        UserEntity user = userId == null ? null : findUserById(userId);
        if (user == null || user.getPassword() == null) {
            rules.spendOneCheck(typed);
            rules.unknownUser(userId);
            return false;
        }
        EngineIdentityRules.Outcome outcome = rules.attempt(user.getId(), () -> matchPassword(typed, user));
        if (outcome == EngineIdentityRules.Outcome.LOCKED) {
            rules.spendOneCheck(typed);
            return false;
        }
        if (outcome == EngineIdentityRules.Outcome.SIGNED_IN) {
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
            rules.unlock(userId, Context.getCommandContext().getAuthenticatedUserId());
        }
        return result;
    }

    private void upgradeHash(UserEntity user, String password) {
        String stored = user.getPassword();
        boolean current = stored.startsWith(currentPrefix)
                && !rules.hashWeakerThanConfigured(stored.substring(currentPrefix.length()));
        if (!current) {
            user.setPassword(password);
            user.encryptPassword();
            String from = stored.startsWith("{") && stored.indexOf('}') > 0 ? stored.substring(0, stored.indexOf('}') + 1) : "?";
            LOG.info("Password hash upgraded at sign-in: user={} from={} to={}", user.getId(), from, currentPrefix);
        }
    }
}
