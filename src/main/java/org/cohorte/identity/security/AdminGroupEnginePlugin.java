package org.cohorte.identity.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.cohorte.identity.service.Roles;
import org.springframework.stereotype.Component;

/**
 * Members of Cohorte's "admin" group are Camunda administrators: they operate the engine in Cockpit and
 * Admin. Domain records (cases, questions) stay guarded by Cohorte's services, which do not make
 * admins readers of confidential content.
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
}
