package org.cohorte.identity.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.identity.db.DbUserQueryImpl;
import org.cohorte.identity.service.Roles;
import org.springframework.stereotype.Component;

/**
 * Members of Cohorte's "admin" group are Camunda administrators: they operate the engine in Cockpit and
 * Admin. Domain records (cases, questions) stay guarded by Cohorte's services, which do not make
 * admins readers of confidential content.
 * <p>
 * Camunda's web apps also ask "is any user in group {@code camunda-admin}?" and, while nobody is, send every
 * visitor to a first-administrator setup page whose endpoint creates such a user without signing in. Here
 * that question means "is any user in {@code admin}?": the setup page never shows once Cohorte has an
 * administrator (and its endpoint is closed to everyone in {@link SecurityConfig} in any case). The engine
 * has one identity provider: {@link PasswordEnginePlugin} installs it, {@link ThrottledIdentityProvider},
 * which extends {@link CamundaAdminsAreCohorteAdmins}.
 */
@Component
public class AdminGroupEnginePlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<String> adminGroups = configuration.getAdminGroups() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getAdminGroups());
        if (!adminGroups.contains(Roles.ADMIN)) {
            adminGroups.add(Roles.ADMIN);
        }
        configuration.setAdminGroups(adminGroups);
    }

    /** The engine's own identity store, with the web apps' administrator group read as Cohorte's. */
    static class CamundaAdminsAreCohorteAdmins extends DbIdentityServiceProvider {

        @Override
        public long findUserCountByQueryCriteria(DbUserQueryImpl query) {
            return super.findUserCountByQueryCriteria(alias(query));
        }

        @Override
        public List<User> findUserByQueryCriteria(DbUserQueryImpl query) {
            return super.findUserByQueryCriteria(alias(query));
        }

        private static DbUserQueryImpl alias(DbUserQueryImpl query) {
            if (Groups.CAMUNDA_ADMIN.equals(query.getGroupId())) {
                query.memberOfGroup(Roles.ADMIN);
            }
            return query;
        }
    }
}
