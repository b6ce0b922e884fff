package org.cohorte.identity.security;

import java.util.function.BooleanSupplier;

import org.cohorte.base.engine.EngineIdentityRules;
import org.cohorte.identity.service.Roles;
import org.springframework.stereotype.Component;

/**
 * Cohorte's identity rules as the engine's identity store asks for them (see {@code base.engine.IdentityEnginePlugin},
 * which holds the engine-internal side): the {@code admin} group, {@link PasswordHashing} and {@link SignInThrottle}.
 */
@Component
public class EngineIdentityRulesFromCohorte implements EngineIdentityRules {

    private final PasswordHashing hashing;
    private final SignInThrottle throttle;

    public EngineIdentityRulesFromCohorte(PasswordHashing hashing, SignInThrottle throttle) {
        this.hashing = hashing;
        this.throttle = throttle;
    }

    @Override
    public String adminGroup() {
        return Roles.ADMIN;
    }

    @Override
    public String hashAlgorithm() {
        return PasswordHashing.ALGORITHM;
    }

    @Override
    public String hash(String saltedPassword) {
        return hashing.encode(saltedPassword);
    }

    @Override
    public boolean hashMatches(String saltedPassword, String hash) {
        return hashing.matches(saltedPassword, hash);
    }

    @Override
    public boolean hashWeakerThanConfigured(String hash) {
        return hashing.weakerThanConfigured(hash);
    }

    @Override
    public void spendOneCheck(String password) {
        hashing.spendOneCheck(password);
    }

    @Override
    public Outcome attempt(String userId, BooleanSupplier passwordMatches) {
        return switch (throttle.attempt(userId, passwordMatches)) {
            case SIGNED_IN -> Outcome.SIGNED_IN;
            case WRONG_PASSWORD -> Outcome.WRONG_PASSWORD;
            case LOCKED -> Outcome.LOCKED;
        };
    }

    @Override
    public void unknownUser(String typedUserId) {
        throttle.unknownUser(typedUserId);
    }

    @Override
    public void unlock(String userId, String by) {
        throttle.unlock(userId, by);
    }
}
