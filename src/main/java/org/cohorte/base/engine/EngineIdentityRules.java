package org.cohorte.base.engine;

import java.util.function.BooleanSupplier;

/**
 * What the engine's identity store asks of Cohorte's identity feature, which implements it (base knows no
 * feature): the administrators' group, how passwords are hashed, and the sign-in throttle. The engine side,
 * which needs the engine's internal classes, is {@link IdentityEnginePlugin} and {@link ThrottledIdentityProvider}.
 */
public interface EngineIdentityRules {

    enum Outcome { SIGNED_IN, WRONG_PASSWORD, LOCKED }

    /** Cohorte's administrators' group, read as Camunda's {@code camunda-admin}. */
    String adminGroup();

    /** The name the engine writes before each hash, {@code {NAME}}. */
    String hashAlgorithm();

    String hash(String saltedPassword);

    boolean hashMatches(String saltedPassword, String hash);

    /** Whether a hash of this algorithm (without its prefix) should be replaced at the next sign-in. */
    boolean hashWeakerThanConfigured(String hash);

    /** Spends the time of one password check for nothing, so refusals take as long whatever the reason. */
    void spendOneCheck(String password);

    /** One sign-in attempt on an existing account: refused while locked, otherwise checked and counted. */
    Outcome attempt(String userId, BooleanSupplier passwordMatches);

    /** A sign-in with an id no account has. */
    void unknownUser(String typedUserId);

    /** The engine unlocked an account ({@code by}: the engine user who asked): open Cohorte's lock too. */
    void unlock(String userId, String by);
}
