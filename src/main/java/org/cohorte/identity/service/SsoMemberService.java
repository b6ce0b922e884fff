package org.cohorte.identity.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.base.text.PlainText;
import org.cohorte.identity.domain.MemberProfile;
import org.cohorte.identity.domain.MemberProfileRepository;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.domain.OrganizationRepository;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.domain.SsoAccount;
import org.cohorte.identity.domain.SsoAccountRepository;
import org.cohorte.identity.service.SsoSignIn.Refusal;
import org.cohorte.identity.service.SsoSignIn.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members who sign in with the organization's identity provider, kept in the same identity store as local ones
 * (Camunda's users and groups plus Cohorte's profile), so that the engine, Cockpit and every service treat them
 * alike. The first sign-in creates the member; every sign-in sets their Cohorte groups to what the provider's
 * group claims map to (a group the provider no longer gives is taken away) and their name and e-mail to the
 * provider's. Profile choices the member makes in Cohorte (display name, organization, language) stay theirs.
 * <p>
 * Called by the security layer once Spring Security has validated the ID token, before anyone is signed in: it
 * decides from the validated claims and Cohorte's own tables, never from anything else the browser sent.
 */
@Service
public class SsoMemberService {

    private static final Logger LOG = LoggerFactory.getLogger(SsoMemberService.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_NAME = 100;

    private final SsoSettings settings;
    private final IdentityService identityService;
    private final EngineAuthentication engineAuthentication;
    private final SsoAccountRepository accounts;
    private final MemberProfileRepository profiles;
    private final OrganizationRepository organizations;
    private final ApplicationEventPublisher events;

    public SsoMemberService(SsoSettings settings, IdentityService identityService,
                            EngineAuthentication engineAuthentication, SsoAccountRepository accounts,
                            MemberProfileRepository profiles, OrganizationRepository organizations,
                            ApplicationEventPublisher events) {
        this.settings = settings;
        this.identityService = identityService;
        this.engineAuthentication = engineAuthentication;
        this.accounts = accounts;
        this.profiles = profiles;
        this.organizations = organizations;
        this.events = events;
    }

    /**
     * Creates or refreshes the member; one transaction, so a refusal leaves nothing behind.
     *
     * @throws RefusedException with the reason, shown to the person on the login page
     */
    @Transactional
    public SsoSignIn.Member signIn(SsoSignIn claims) {
        String email = claims.email() == null ? "" : claims.email().trim();
        if (email.isEmpty() || !EMAIL.matcher(email).matches()) {
            throw refuse(claims, Refusal.EMAIL_MISSING);
        }
        Set<String> groups = settings.cohorteGroupsFor(claims.groupClaims());
        Optional<SsoAccount> linked = accounts.findByIssuerAndSubject(claims.issuer(), claims.subject());
        boolean created = linked.isEmpty();
        String userId;
        if (linked.isPresent()) {
            userId = linked.get().getUserId();
            linked.get().signedIn();
            engineAuthentication.asSystem(() -> updateAccount(userId, claims, email));
        } else {
            userId = claims.userId() == null ? "" : claims.userId().trim().toLowerCase(Locale.ROOT);
            if (!MemberService.USER_ID.matcher(userId).matches()) {
                throw refuse(claims, Refusal.USER_ID_INVALID);
            }
            boolean taken = engineAuthentication.asSystem(() -> identityService.createUserQuery().userId(userId).count() > 0)
                    || accounts.existsById(userId) || profiles.existsById(userId);
            if (taken) {
                // A local account (or another provider's) of that id: taking it over would hand its rights to whoever
                // the provider calls by that name.
                throw refuse(claims, Refusal.ACCOUNT_TAKEN);
            }
            Organization organization = organization(claims);
            engineAuthentication.asSystem(() -> {
                User user = identityService.newUser(userId);
                applyNames(user, claims, email);
                // No password: such a member can only sign in through the provider.
                identityService.saveUser(user);
            });
            profiles.save(new MemberProfile(userId, displayName(claims, userId),
                    organization == null ? null : organization.getId(), language(claims.language())));
            accounts.save(new SsoAccount(userId, claims.issuer(), claims.subject()));
        }
        List<String> now = engineAuthentication.asSystem(() -> setGroups(userId, groups));
        if (created) {
            events.publishEvent(new MemberJoinedEvent(userId, displayName(claims, userId)));
        }
        LOG.info("SSO sign-in: user={} created={} groups={}", userId, created, now);
        return new SsoSignIn.Member(userId, now, created);
    }

    private void updateAccount(String userId, SsoSignIn claims, String email) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            // An administrator deleted the Camunda user: the link alone signs nobody in.
            throw new IllegalStateException("SSO account without a user: " + userId);
        }
        String first = user.getFirstName();
        String last = user.getLastName();
        String before = user.getEmail();
        applyNames(user, claims, email);
        if (!email.equals(before) || !eq(first, user.getFirstName()) || !eq(last, user.getLastName())) {
            identityService.saveUser(user);
        }
    }

    /** The member's Cohorte groups become exactly {@code wanted}; groups that are not Cohorte's are left alone. */
    private List<String> setGroups(String userId, Set<String> wanted) {
        List<String> current = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        current.stream().filter(g -> Roles.ALL.contains(g) && !wanted.contains(g))
                .forEach(g -> identityService.deleteMembership(userId, g));
        wanted.stream().filter(g -> !current.contains(g)).forEach(g -> identityService.createMembership(userId, g));
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).sorted().toList();
    }

    private Organization organization(SsoSignIn claims) {
        String name = claims.organization() == null ? "" : PlainText.clean(claims.organization()).trim();
        if (name.isEmpty()) {
            return null;
        }
        Optional<Organization> known = organizations.findByNameIgnoreCase(name)
                .or(() -> organizations.findByAcronymIgnoreCase(name).stream().findFirst());
        if (known.isPresent()) {
            return known.get();
        }
        if (settings.getUnknownOrganizations() == SsoSettings.UnknownOrganizations.REFUSE || name.length() > 200) {
            throw refuse(claims, Refusal.ORGANIZATION_UNKNOWN);
        }
        Organization organization = organizations.save(new Organization(name, null, OrganizationType.MINISTRY));
        LOG.info("SSO sign-in created organization: name={}", name);
        return organization;
    }

    private static void applyNames(User user, SsoSignIn claims, String email) {
        String given = clean(claims.givenName());
        String family = clean(claims.familyName());
        if (given.isEmpty() && family.isEmpty()) {
            // Only a full name: split at the first space, as a person would fill the two fields.
            String full = clean(claims.displayName());
            int space = full.indexOf(' ');
            given = space < 0 ? full : full.substring(0, space);
            family = space < 0 ? "" : full.substring(space + 1).trim();
        }
        user.setFirstName(cut(given.isEmpty() ? user.getId() : given));
        user.setLastName(cut(family));
        user.setEmail(email);
    }

    private static String displayName(SsoSignIn claims, String userId) {
        String name = clean(claims.displayName());
        if (name.isEmpty()) {
            name = (clean(claims.givenName()) + " " + clean(claims.familyName())).trim();
        }
        name = name.isEmpty() ? userId : name;
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** "en", "en-CA", "en_US": English; anything else, or nothing, French (Cohorte's first language). */
    static String language(String claim) {
        return claim != null && claim.trim().toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "fr";
    }

    private RefusedException refuse(SsoSignIn claims, Refusal refusal) {
        LOG.warn("SSO sign-in refused: reason={} issuer={} subject={}", refusal, claims.issuer(), claims.subject());
        return new RefusedException(refusal);
    }

    private static String clean(String value) {
        return value == null ? "" : PlainText.clean(value).trim();
    }

    private static String cut(String value) {
        return value.length() > MAX_NAME ? value.substring(0, MAX_NAME) : value;
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** The claim values of a group claim, whether the provider sends a list or one string. */
    public static List<String> claimValues(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Iterable<?> list) {
            list.forEach(v -> {
                if (v != null) {
                    values.add(v.toString());
                }
            });
        } else if (claim != null) {
            for (String part : claim.toString().split("[,\\s]+")) {
                if (!part.isBlank()) {
                    values.add(part);
                }
            }
        }
        return values;
    }
}
