package org.cohorte.demo;

import org.cohorte.base.startup.StartupTask;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberForm;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.service.SystemIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo organizations, a community and one account per role, so that a first start has people and tasks
 * to show. Runs once (when the "admin" account does not exist yet) and only when cohorte.demo.enabled.
 * The accounts are listed in README.md.
 */
@Component
public class DemoDataSeeder implements StartupTask {

    public static final String DEMO_PASSWORD = "cohorte123";
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataSeeder.class);

    /** id, first name, last name, roles. */
    record DemoUser(String id, String firstName, String lastName, List<String> roles, String organization) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "Alice", "Gagnon", List.of(Roles.ADMIN), "SCT"),
            new DemoUser("animateur", "Claire", "Tremblay", List.of(Roles.FACILITATOR, Roles.PARTICIPANT), "SCT"),
            new DemoUser("membre", "Marc", "Lavoie", List.of(Roles.PARTICIPANT), "MSSS"),
            new DemoUser("expert", "Sophie", "Bouchard", List.of(Roles.EXPERT, Roles.PARTICIPANT), "MSSS"),
            new DemoUser("gestionnaire", "Luc", "Pelletier", List.of(Roles.MANAGER, Roles.PARTICIPANT), "MSSS"),
            new DemoUser("comite", "Nadia", "Roy", List.of(Roles.COMMITTEE, Roles.PARTICIPANT), "SCT"),
            // A second committee member: large proposals need a second, different one (the demo's Clavardage).
            new DemoUser("comite2", "Hugo", "Lefebvre", List.of(Roles.COMMITTEE, Roles.PARTICIPANT), "MSSS"),
            new DemoUser("consultatif", "Paul", "Côté", List.of(Roles.ADVISORY), "BOREAL"),
            new DemoUser("forum", "Hélène", "Morin", List.of(Roles.FORUM), "BOREAL"));

    private final boolean enabled;
    private final IdentityService identityService;
    private final MemberService memberService;
    private final OrganizationService organizationService;
    private final CommunityService communityService;
    private final TransactionTemplate transaction;

    public DemoDataSeeder(@Value("${cohorte.demo.enabled:false}") boolean enabled, IdentityService identityService,
                          MemberService memberService, OrganizationService organizationService,
                          CommunityService communityService, TransactionTemplate transaction) {
        this.enabled = enabled;
        this.identityService = identityService;
        this.memberService = memberService;
        this.organizationService = organizationService;
        this.communityService = communityService;
        this.transaction = transaction;
    }

    @Override
    public int startupOrder() {
        return 100;
    }

    @Override
    public void runAtStartup() {
        if (enabled && identityService.createUserQuery().userId("admin").count() == 0) {
            seed();
        }
    }

    /** Seeds everything in one transaction: a half-seeded database would never be seeded again. */
    public void seed() {
        transaction.executeWithoutResult(status -> SystemIdentity.runAsAdministrator("demo-seeder", () -> {
            Map<String, UUID> orgs = Map.of(
                    "MSSS", organizationService.create("Ministère de la Santé et des Services sociaux", "MSSS",
                            OrganizationType.MINISTRY).getId(),
                    "SCT", organizationService.create("Secrétariat du Conseil du trésor", "SCT",
                            OrganizationType.MINISTRY).getId(),
                    "BOREAL", organizationService.create("Groupe Conseil Boréal inc.", "Boréal",
                            OrganizationType.COMPANY).getId());
            organizationService.create("Institut de la statistique du Québec", "ISQ", OrganizationType.AGENCY);
            for (DemoUser user : USERS) {
                MemberForm form = new MemberForm();
                form.setUserId(user.id());
                form.setFirstName(user.firstName());
                form.setLastName(user.lastName());
                form.setEmail(user.id() + "@cohorte.demo");
                // The policy refuses "cohorte123" (too short); see setDemoPassword.
                form.setPassword("demo-" + UUID.randomUUID());
                form.setOrganizationId(orgs.get(user.organization()));
                form.setLanguage("fr");
                form.setGroups(new LinkedHashSet<>(user.roles()));
                memberService.createMember(form);
                setDemoPassword(user.id());
            }
            UUID coachRh = communityService.create("Coach RH",
                    "Gestion des ressources humaines dans l’administration publique",
                    "Nous partageons nos pratiques avec bienveillance ; ce qui est dit dans la communauté y reste.",
                    false).getId();
            communityService.addMember(coachRh, "animateur", CommunityRole.FACILITATOR);
            communityService.addMember(coachRh, "expert", CommunityRole.EXPERT);
            communityService.addMember(coachRh, "membre", CommunityRole.MEMBER);
            communityService.addMember(coachRh, "gestionnaire", CommunityRole.MEMBER);
            communityService.addMember(coachRh, "comite", CommunityRole.SPONSOR);
        }));
        LOG.info("Demo data seeded: {} accounts (their password is in the README; never in a log line)", USERS.size());
    }

    /**
     * The demo accounts keep the short password the README publishes, which Cohorte's password policy would
     * refuse: it is written straight to the engine's identity store, past MemberService, on purpose and only
     * here, because demo data is a demo (cohorte.demo.enabled, off with the postgres profile). It is still
     * stored as a bcrypt hash, and the sign-in throttle applies to these accounts as to any other.
     */
    private void setDemoPassword(String userId) {
        User account = identityService.createUserQuery().userId(userId).singleResult();
        account.setPassword(DEMO_PASSWORD);
        identityService.saveUser(account);
    }
}
