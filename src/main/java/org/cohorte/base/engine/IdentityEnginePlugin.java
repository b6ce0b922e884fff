package org.cohorte.base.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/**
 * Plugs Cohorte's identity rules ({@link EngineIdentityRules}, from the identity feature) into the engine's
 * identity store, so every path that sets or checks a password through the engine (Cohorte's sign-in page,
 * Camunda Admin's user pages, the engine API) gets them:
 * <ul>
 * <li>members of Cohorte's administrators' group are Camunda administrators: they operate the engine in Cockpit
 * and Admin; domain records stay guarded by Cohorte's services, which do not make them readers of confidential
 * content;</li>
 * <li>new passwords are hashed with Cohorte's hashing (bcrypt); hashes from before, Camunda's {@code {SHA-512}}
 * and {@code {SHA}}, are still read by the engine's built-in checkers and replaced at the next successful
 * sign-in;</li>
 * <li>password checks go through {@link ThrottledIdentityProvider} (temporary lock, no permanent one).</li>
 * </ul>
 */
@Component
public class IdentityEnginePlugin extends AbstractProcessEnginePlugin {

    private final EngineIdentityRules rules;

    public IdentityEnginePlugin(EngineIdentityRules rules) {
        this.rules = rules;
    }

    /** Camunda's encryptor contract over Cohorte's hashing; Camunda adds and strips the prefix itself. */
    static class RulesPasswordEncryptor implements PasswordEncryptor {
        private final EngineIdentityRules rules;

        RulesPasswordEncryptor(EngineIdentityRules rules) {
            this.rules = rules;
        }

        @Override
        public String encrypt(String saltedPassword) {
            return rules.hash(saltedPassword);
        }

        @Override
        public boolean check(String saltedPassword, String hash) {
            return rules.hashMatches(saltedPassword, hash);
        }

        @Override
        public String hashAlgorithmName() {
            return rules.hashAlgorithm();
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
            return new ThrottledIdentityProvider(rules);
        }
    };

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<String> adminGroups = configuration.getAdminGroups() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getAdminGroups());
        if (!adminGroups.contains(rules.adminGroup())) {
            adminGroups.add(rules.adminGroup());
        }
        configuration.setAdminGroups(adminGroups);
        configuration.setPasswordEncryptor(new RulesPasswordEncryptor(rules));
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
                    + "(ThrottledIdentityProvider): extend it instead");
        }
    }
}
