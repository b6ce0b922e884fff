package org.cohorte.identity.security;

import org.cohorte.base.startup.StartupTask;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.identity.domain.MemberProfile;
import org.cohorte.identity.domain.MemberProfileRepository;
import org.cohorte.identity.service.PasswordPolicy;
import org.cohorte.identity.service.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes sure Cohorte's eight role groups exist on every start, on any database, and that the admin group
 * may operate the engine. When
 * COHORTE_ADMIN_PASSWORD is given and no "admin" account exists yet, creates it: the way to get a first
 * administrator on a fresh PostgreSQL database without demo data. A password the policy refuses is not
 * used: the account is not created, an error line says why, and the application starts all the same (the
 * operator fixes the variable and restarts).
 */
@Component
public class IdentityBootstrap implements StartupTask {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

    static final Map<String, String> GROUP_NAMES = Map.of(
            Roles.ADMIN, "Administrateurs / Administrators",
            Roles.FACILITATOR, "Animateurs / Facilitators",
            Roles.PARTICIPANT, "Membres / Participants",
            Roles.EXPERT, "Pilotes et experts / Experts",
            Roles.MANAGER, "Gestionnaires / Managers",
            Roles.COMMITTEE, "Comité de l’incubateur / Incubator committee",
            Roles.ADVISORY, "Groupe consultatif / Advisory group",
            Roles.FORUM, "Forum public-privé / Public-private forum");

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final MemberProfileRepository profiles;
    private final String bootstrapAdminPassword;
    private final PasswordPolicy passwordPolicy;
    private final CohorteI18NProvider i18n;

    public IdentityBootstrap(IdentityService identityService, AuthorizationService authorizationService,
                             MemberProfileRepository profiles,
                             @Value("${cohorte.bootstrap-admin-password:${COHORTE_ADMIN_PASSWORD:}}") String bootstrapAdminPassword,
                             PasswordPolicy passwordPolicy, CohorteI18NProvider i18n) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.profiles = profiles;
        this.bootstrapAdminPassword = bootstrapAdminPassword;
        this.passwordPolicy = passwordPolicy;
        this.i18n = i18n;
    }

    @Override
    public int startupOrder() {
        return 0;
    }

    @Override
    @Transactional
    public void runAtStartup() {
        ensureGroups();
        ensureAdminAuthorizations();
        if (!bootstrapAdminPassword.isBlank() && identityService.createUserQuery().userId("admin").count() == 0) {
            createFirstAdmin(bootstrapAdminPassword);
        }
    }

    /**
     * Says, after every start-up task (demo seeders included), how to get a first administrator when there is
     * none: without demo data and without COHORTE_ADMIN_PASSWORD nobody can sign in, and no known password
     * exists to fall back on. Logged on every such start, so an operator reading the log finds the way in.
     */
    @Component
    public static final class FirstAdminNotice implements StartupTask {
        public static final String MESSAGE = "No administrator exists yet, so nobody can sign in: no account has a "
                + "default password. To create the first administrator 'admin', set COHORTE_ADMIN_PASSWORD "
                + "(12 to 128 characters, not a common password) and restart, or sign in through SSO once it is "
                + "configured. Demo accounts exist only with the 'demo' profile (SPRING_PROFILES_ACTIVE=demo).";

        private final IdentityService identityService;

        public FirstAdminNotice(IdentityService identityService) {
            this.identityService = identityService;
        }

        @Override
        public int startupOrder() {
            return Integer.MAX_VALUE;
        }

        @Override
        public void runAtStartup() {
            if (!hasAdministrator()) {
                LOG.warn(MESSAGE);
            }
        }

        public boolean hasAdministrator() {
            return identityService.createUserQuery().memberOfGroup(Roles.ADMIN).count() > 0;
        }
    }

    /** Creates the "admin" account with this password; false (and an error line) if the policy refuses it. */
    public boolean createFirstAdmin(String password) {
        Optional<CohorteException> refusal = passwordPolicy.refusal(password,
                new PasswordPolicy.Account("admin", "Administrateur", "Cohorte", "admin@cohorte.local"));
        if (refusal.isPresent()) {
            LOG.error("COHORTE_ADMIN_PASSWORD refused, the 'admin' account was not created: {} "
                    + "Set a better password and restart.",
                    i18n.getTranslation(refusal.get().getMessageKey(), Locale.ENGLISH, refusal.get().getArgs()));
            return false;
        }
        User admin = identityService.newUser("admin");
        admin.setFirstName("Administrateur");
        admin.setLastName("Cohorte");
        admin.setEmail("admin@cohorte.local");
        admin.setPassword(password);
        identityService.saveUser(admin);
        identityService.createMembership("admin", Roles.ADMIN);
        profiles.save(new MemberProfile("admin", "Administrateur Cohorte", null, "fr"));
        LOG.info("Created the first administrator account 'admin' from COHORTE_ADMIN_PASSWORD");
        return true;
    }

    /**
     * Camunda admin groups skip query filters but not permission checks on writes: like the engine's own
     * administrator plugin, grant the admin group every permission on every resource type.
     */
    public void ensureAdminAuthorizations() {
        for (Resource resource : Resources.values()) {
            boolean granted = authorizationService.createAuthorizationQuery().groupIdIn(Roles.ADMIN)
                    .resourceType(resource).resourceId(Authorization.ANY).count() > 0;
            if (!granted) {
                Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                authorization.setGroupId(Roles.ADMIN);
                authorization.setResource(resource);
                authorization.setResourceId(Authorization.ANY);
                authorization.addPermission(Permissions.ALL);
                authorizationService.saveAuthorization(authorization);
            }
        }
    }

    public void ensureGroups() {
        for (String groupId : Roles.ALL) {
            if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identityService.newGroup(groupId);
                group.setName(GROUP_NAMES.get(groupId));
                group.setType(Roles.ADMIN.equals(groupId) ? "SYSTEM" : "WORKFLOW");
                identityService.saveGroup(group);
            }
        }
    }
}
