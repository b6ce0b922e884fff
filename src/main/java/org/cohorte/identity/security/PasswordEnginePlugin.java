package org.cohorte.identity.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/**
 * Plugs Cohorte's password rules into the engine's identity store, so that every path that sets or checks a
 * password through the engine (Cohorte's sign-in page, Camunda Admin's user pages, the engine API) gets them:
 * <ul>
 * <li>new passwords are hashed with bcrypt ({@link PasswordHashing}); hashes from before, Camunda's
 * {@code {SHA-512}} and {@code {SHA}}, are still read by the engine's built-in checkers and replaced at the
 * next successful sign-in;</li>
 * <li>password checks go through {@link ThrottledIdentityProvider} (temporary lock, no permanent one).</li>
 * </ul>
 * The engine classes used here ({@code impl..}) are confined to this class and ThrottledIdentityProvider.
 */
@Component
public class PasswordEnginePlugin extends AbstractProcessEnginePlugin {

    private final PasswordHashing hashing;
    private final SignInThrottle throttle;

    public PasswordEnginePlugin(PasswordHashing hashing, SignInThrottle throttle) {
        this.hashing = hashing;
        this.throttle = throttle;
    }

    /** Camunda's encryptor contract over {@link PasswordHashing}; Camunda adds and strips the prefix itself. */
    static class BcryptPasswordEncryptor implements PasswordEncryptor {
        private final PasswordHashing hashing;

        BcryptPasswordEncryptor(PasswordHashing hashing) {
            this.hashing = hashing;
        }

        @Override
        public String encrypt(String saltedPassword) {
            return hashing.encode(saltedPassword);
        }

        @Override
        public boolean check(String saltedPassword, String hash) {
            return hashing.matches(saltedPassword, hash);
        }

        @Override
        public String hashAlgorithmName() {
            return PasswordHashing.ALGORITHM;
        }
    }

    /** The engine's one identity provider, ThrottledIdentityProvider. */
    private final SessionFactory identityProvider = new SessionFactory() {
        @Override
        public Class<?> getSessionType() {
            return ThrottledIdentityProvider.class;
        }

        @Override
        public Session openSession() {
            return new ThrottledIdentityProvider(throttle, hashing);
        }
    };

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setPasswordEncryptor(new BcryptPasswordEncryptor(hashing));
        configuration.setIdentityProviderSessionFactory(identityProvider);
    }

    /**
     * The engine takes one identity provider and the last plugin to set one wins: another plugin replacing
     * this one would silently drop the sign-in throttle, so the engine refuses to start instead.
     */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getIdentityProviderSessionFactory() != identityProvider) {
            throw new IllegalStateException("Another process engine plugin replaced Cohorte's identity provider "
                    + "(ThrottledIdentityProvider): extend it instead, as CamundaAdminsAreCohorteAdmins is extended");
        }
    }
}
