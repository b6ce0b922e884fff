package org.cohorte.identity.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.identity.domain.MemberProfile;
import org.cohorte.identity.domain.MemberProfileRepository;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.domain.OrganizationRepository;
import org.cohorte.identity.security.SignInThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members: a Camunda user (login, password, groups) plus a Cohorte profile (display name, organization,
 * language). Admins manage accounts; each member manages their own profile.
 */
@Service
public class MemberService {

    public static final Pattern USER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_NAME = 100;
    private static final Logger LOG = LoggerFactory.getLogger(MemberService.class);

    private final IdentityService identityService;
    private final MemberProfileRepository profiles;
    private final OrganizationRepository organizations;
    private final CurrentUser currentUser;
    private final EngineAuthentication engineAuthentication;
    private final ApplicationEventPublisher events;
    private final PasswordPolicy passwordPolicy;
    private final SignInThrottle signInThrottle;
    private final JdbcTemplate jdbc;

    public MemberService(IdentityService identityService, MemberProfileRepository profiles,
                         OrganizationRepository organizations, CurrentUser currentUser,
                         EngineAuthentication engineAuthentication, ApplicationEventPublisher events,
                         PasswordPolicy passwordPolicy, SignInThrottle signInThrottle, JdbcTemplate jdbc) {
        this.identityService = identityService;
        this.profiles = profiles;
        this.organizations = organizations;
        this.currentUser = currentUser;
        this.engineAuthentication = engineAuthentication;
        this.events = events;
        this.passwordPolicy = passwordPolicy;
        this.signInThrottle = signInThrottle;
        this.jdbc = jdbc;
    }

    /** The most a people picker asks for at once. */
    public static final int MAX_PEOPLE_PAGE = 100;

    /**
     * The whole directory, for those who add people to communities and name sponsors or facilitators: admins and
     * facilitators. {@code role} (a Camunda group) narrows it, or null; {@code exclude} are left out.
     */
    @Transactional(readOnly = true)
    public List<PersonOption> searchDirectory(String filter, String role, Collection<String> exclude, int offset,
                                              int limit) {
        currentUser.requireAnyGroup(Roles.ADMIN, Roles.FACILITATOR);
        return searchPeople(filter, role, null, null, exclude, offset, limit);
    }

    /**
     * People among {@code among}, which the calling service decided the caller may list (a community's members for
     * its facilitator): only that service's rights check makes this a directory, so screens never call it directly.
     */
    @Transactional(readOnly = true)
    public List<PersonOption> searchAmong(Collection<String> among, String filter, String role,
                                          Collection<String> exclude, int offset, int limit) {
        currentUser.require();
        if (among.isEmpty()) {
            return List.of();
        }
        return searchPeople(filter, role, among, null, exclude, offset, limit);
    }

    /**
     * The members of one organization, for a service that decided the caller may list them (a manager naming an
     * indicator's owner and validator); like {@link #searchAmong}, never called by a screen directly.
     */
    @Transactional(readOnly = true)
    public List<PersonOption> searchInOrganization(UUID organizationId, String filter, int offset, int limit) {
        currentUser.require();
        if (organizationId == null) {
            return List.of();
        }
        return searchPeople(filter, null, null, organizationId, List.of(), offset, limit);
    }

    private List<PersonOption> searchPeople(String filter, String role, Collection<String> among, UUID organizationId,
                                            Collection<String> exclude, int offset, int limit) {
        String text = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        if (text.length() > 100) {
            text = text.substring(0, 100);
        }
        String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select u.ID_ as user_id, coalesce(p.display_name, u.ID_) as display_name,"
                + " o.name as organization, u.EMAIL_ as email from ACT_ID_USER u"
                + " left join member_profile p on p.user_id = u.ID_"
                + " left join organization o on o.id = p.organization_id where (");
        // Name (as shown, and as first and last name), organization (name or acronym), e-mail, or the id itself.
        String[] columns = {"p.display_name", "concat(concat(coalesce(u.FIRST_, ''), ' '), coalesce(u.LAST_, ''))",
                "o.name", "o.acronym", "u.EMAIL_", "u.ID_"};
        for (int i = 0; i < columns.length; i++) {
            sql.append(i == 0 ? "" : " or ").append("lower(coalesce(").append(columns[i]).append(", '')) like ? escape '\\'");
            args.add(like);
        }
        sql.append(")");
        if (role != null) {
            sql.append(" and exists (select 1 from ACT_ID_MEMBERSHIP m where m.USER_ID_ = u.ID_ and m.GROUP_ID_ = ?)");
            args.add(role);
        }
        if (organizationId != null) {
            sql.append(" and p.organization_id = ?");
            args.add(organizationId);
        }
        if (among != null) {
            sql.append(" and u.ID_ in (").append(String.join(", ", Collections.nCopies(among.size(), "?"))).append(")");
            args.addAll(among);
        }
        List<String> left = exclude == null ? List.of() : exclude.stream().filter(Objects::nonNull).distinct().toList();
        if (!left.isEmpty()) {
            sql.append(" and u.ID_ not in (").append(String.join(", ", Collections.nCopies(left.size(), "?"))).append(")");
            args.addAll(left);
        }
        sql.append(" order by lower(coalesce(p.display_name, u.ID_)), u.ID_ limit ? offset ?");
        args.add(Math.max(1, Math.min(limit, MAX_PEOPLE_PAGE)));
        args.add(Math.max(0, offset));
        return jdbc.query(sql.toString(), (rs, row) -> new PersonOption(rs.getString("user_id"),
                rs.getString("display_name"), rs.getString("organization"), rs.getString("email")), args.toArray());
    }

    /**
     * E-mail addresses of members, for the application's own mail (never shown to anyone): read without the
     * caller's engine grants, since whoever triggers a notification need not be allowed to read its recipients'
     * accounts. Members without an address are absent from the map.
     */
    public Map<String, String> emailAddressesOf(Collection<String> userIds) {
        Map<String, String> addresses = new HashMap<>();
        if (userIds.isEmpty()) {
            return addresses;
        }
        engineAuthentication.asSystem(() -> identityService.createUserQuery()
                .userIdIn(userIds.toArray(String[]::new)).list()).forEach(user -> {
                    if (user.getEmail() != null && !user.getEmail().isBlank()) {
                        addresses.put(user.getId(), user.getEmail());
                    }
                });
        return addresses;
    }

    /** Display names for ids, for any signed-in user: names are not confidential inside Cohorte. */
    @Transactional(readOnly = true)
    public Map<String, String> displayNames(Collection<String> userIds) {
        currentUser.require();
        Map<String, String> names = new HashMap<>();
        if (userIds.isEmpty()) {
            return names;
        }
        profiles.findByUserIdIn(userIds).forEach(p -> names.put(p.getUserId(), p.getDisplayName()));
        userIds.forEach(id -> names.putIfAbsent(id, id));
        return names;
    }

    /** Each member's organization, for any signed-in user (directories); members without one are absent. */
    @Transactional(readOnly = true)
    public Map<String, UUID> organizationIds(Collection<String> userIds) {
        currentUser.require();
        Map<String, UUID> orgs = new HashMap<>();
        if (!userIds.isEmpty()) {
            profiles.findByUserIdIn(userIds).stream().filter(p -> p.getOrganizationId() != null)
                    .forEach(p -> orgs.put(p.getUserId(), p.getOrganizationId()));
        }
        return orgs;
    }

    /** Which of these ids are accounts: to refuse an id that names nobody. */
    @Transactional(readOnly = true)
    public Set<String> existingIds(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return engineAuthentication.asSystem(() -> identityService.createUserQuery()
                .userIdIn(userIds.toArray(String[]::new)).list()).stream().map(User::getId).collect(Collectors.toSet());
    }

    @Transactional(readOnly = true)
    public String displayName(String userId) {
        return displayNames(List.of(userId)).get(userId);
    }

    /** Ids of the members of an organization who belong to a group, for features that assign work to them. */
    @Transactional(readOnly = true)
    public List<String> membersOf(UUID organizationId, String group) {
        currentUser.require();
        List<String> inGroup = engineAuthentication.asSystem(() -> identityService.createUserQuery().memberOfGroup(group)
                .list().stream().map(User::getId).toList());
        if (inGroup.isEmpty() || organizationId == null) {
            return List.of();
        }
        return profiles.findByUserIdIn(inGroup).stream().filter(p -> organizationId.equals(p.getOrganizationId()))
                .map(MemberProfile::getUserId).sorted().toList();
    }

    /** The whole directory with groups: admins only. */
    @Transactional(readOnly = true)
    public List<MemberSummary> listMembers() {
        currentUser.requireAnyGroup(Roles.ADMIN);
        return engineAuthentication.asCurrentUser(() -> {
            List<User> users = identityService.createUserQuery().orderByUserId().asc().list();
            Map<String, MemberProfile> byId = profiles.findByUserIdIn(users.stream().map(User::getId).toList())
                    .stream().collect(Collectors.toMap(MemberProfile::getUserId, Function.identity()));
            Map<UUID, String> orgNames = organizations.findAll().stream()
                    .collect(Collectors.toMap(Organization::getId, Organization::getName));
            Map<String, Instant> locks = signInThrottle.lockedAccounts();
            return users.stream().map(u -> summary(u, byId.get(u.getId()), orgNames, locks)).toList();
        });
    }

    /** One member, for an admin or for the member themself. */
    @Transactional(readOnly = true)
    public MemberSummary getMember(String userId) {
        CurrentUser.Identity me = currentUser.require();
        if (!me.isAdmin() && !me.userId().equals(userId)) {
            throw new ForbiddenException();
        }
        // The member reads their own Camunda account: no per-user engine grant is needed for that.
        return engineAuthentication.asSystem(() -> {
            User user = identityService.createUserQuery().userId(userId).singleResult();
            if (user == null) {
                throw new NotFoundException("identity.error.memberNotFound", userId);
            }
            Map<UUID, String> orgNames = organizations.findAll().stream()
                    .collect(Collectors.toMap(Organization::getId, Organization::getName));
            return summary(user, profiles.findById(userId).orElse(null), orgNames, signInThrottle.lockedAccounts());
        });
    }

    @Transactional
    public MemberSummary createMember(MemberForm form) {
        currentUser.requireAnyGroup(Roles.ADMIN);
        String userId = form.getUserId() == null ? "" : form.getUserId().trim().toLowerCase(Locale.ROOT);
        if (!USER_ID.matcher(userId).matches()) {
            throw new CohorteException("identity.error.userIdInvalid");
        }
        validate(userId, form, true);
        engineAuthentication.asCurrentUser(() -> {
            if (identityService.createUserQuery().userId(userId).count() > 0) {
                throw new CohorteException("identity.error.userIdTaken", userId);
            }
            User user = identityService.newUser(userId);
            applyAccount(user, form);
            user.setPassword(form.getPassword());
            identityService.saveUser(user);
            form.getGroups().forEach(group -> identityService.createMembership(userId, group));
        });
        String displayName = form.getFirstName().trim() + " " + form.getLastName().trim();
        profiles.save(new MemberProfile(userId, displayName, form.getOrganizationId(), language(form.getLanguage())));
        events.publishEvent(new MemberJoinedEvent(userId, displayName));
        return getMember(userId);
    }

    @Transactional
    public MemberSummary updateMember(String userId, MemberForm form) {
        currentUser.requireAnyGroup(Roles.ADMIN);
        validate(userId, form, false);
        engineAuthentication.asCurrentUser(() -> {
            User user = identityService.createUserQuery().userId(userId).singleResult();
            if (user == null) {
                throw new NotFoundException("identity.error.memberNotFound", userId);
            }
            applyAccount(user, form);
            if (form.getPassword() != null && !form.getPassword().isEmpty()) {
                user.setPassword(form.getPassword());
            }
            identityService.saveUser(user);
            List<String> current = identityService.createGroupQuery().groupMember(userId).list()
                    .stream().map(Group::getId).toList();
            current.stream().filter(g -> !form.getGroups().contains(g))
                    .forEach(g -> identityService.deleteMembership(userId, g));
            form.getGroups().stream().filter(g -> !current.contains(g))
                    .forEach(g -> identityService.createMembership(userId, g));
        });
        MemberProfile profile = profiles.findById(userId)
                .orElseGet(() -> new MemberProfile(userId, userId, null, "fr"));
        String displayName = form.getFirstName().trim() + " " + form.getLastName().trim();
        boolean renamed = !displayName.equals(profile.getDisplayName());
        profile.setDisplayName(displayName);
        profile.setOrganizationId(form.getOrganizationId());
        profile.setLanguage(language(form.getLanguage()));
        profiles.save(profile);
        if (renamed) {
            events.publishEvent(new MemberRenamedEvent(userId, false));
        }
        return getMember(userId);
    }

    /** The signed-in member edits their own display name, organization and language (time zone unchanged). */
    @Transactional
    public void updateMyProfile(String displayName, UUID organizationId, String language) {
        updateMyProfile(displayName, organizationId, language, myProfile().map(MemberProfile::getTimeZone).orElse(null));
    }

    /**
     * The same with the member's time zone (an IANA zone id such as "Europe/Paris"; null or blank: their
     * organization's), in which their daily digest goes out at 07:00.
     */
    @Transactional
    public void updateMyProfile(String displayName, UUID organizationId, String language, String timeZone) {
        String zone = timeZone == null || timeZone.isBlank() ? null : timeZone.trim();
        if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new CohorteException("identity.error.timeZoneUnknown");
        }
        String userId = currentUser.userId();
        String name = displayName == null ? "" : PlainText.clean(displayName).trim();
        if (name.isEmpty()) {
            throw new CohorteException("identity.error.displayNameRequired");
        }
        if (name.length() > 200) {
            throw new CohorteException("identity.error.displayNameTooLong", 200);
        }
        if (organizationId != null && !organizations.existsById(organizationId)) {
            throw new NotFoundException("identity.error.organizationNotFound");
        }
        MemberProfile profile = profiles.findById(userId)
                .orElseGet(() -> new MemberProfile(userId, name, organizationId, language(language)));
        boolean renamed = !name.equals(profile.getDisplayName());
        profile.setDisplayName(name);
        profile.setOrganizationId(organizationId);
        profile.setLanguage(language(language));
        profile.setTimeZone(zone);
        profiles.save(profile);
        if (renamed) {
            events.publishEvent(new MemberRenamedEvent(userId, false));
        }
    }

    @Transactional
    public void setMyLanguage(String language) {
        String userId = currentUser.userId();
        MemberProfile profile = profiles.findById(userId)
                .orElseGet(() -> new MemberProfile(userId, userId, null, language(language)));
        profile.setLanguage(language(language));
        profiles.save(profile);
    }

    /** The language a member chose, "fr" when they never did. */
    @Transactional(readOnly = true)
    public String languageOf(String userId) {
        return profiles.findById(userId).map(MemberProfile::getLanguage).orElse("fr");
    }

    /** {@link #languageOf} for many members in one query (each one is in the map). */
    @Transactional(readOnly = true)
    public Map<String, String> languagesOf(Collection<String> userIds) {
        Map<String, String> languages = new HashMap<>();
        if (!userIds.isEmpty()) {
            profiles.findByUserIdIn(userIds).forEach(p -> {
                if (p.getLanguage() != null) {
                    languages.put(p.getUserId(), p.getLanguage());
                }
            });
        }
        userIds.forEach(id -> languages.putIfAbsent(id, "fr"));
        return languages;
    }

    /**
     * Each member's time zone: their own choice, else their organization's, else America/Montreal (every id is in
     * the map). Two queries for any number of members.
     */
    @Transactional(readOnly = true)
    public Map<String, ZoneId> timeZonesOf(Collection<String> userIds) {
        Map<String, ZoneId> zones = new HashMap<>();
        if (!userIds.isEmpty()) {
            List<MemberProfile> found = profiles.findByUserIdIn(userIds);
            Map<UUID, String> organizationZones = new HashMap<>();
            organizations.findAllById(found.stream().map(MemberProfile::getOrganizationId)
                    .filter(java.util.Objects::nonNull).distinct().toList())
                    .forEach(o -> organizationZones.put(o.getId(), o.getTimeZone()));
            found.forEach(p -> {
                String zone = p.getTimeZone() != null ? p.getTimeZone() : organizationZones.get(p.getOrganizationId());
                zones.put(p.getUserId(), zoneOrDefault(zone));
            });
        }
        userIds.forEach(id -> zones.putIfAbsent(id, ZoneId.of(Organization.DEFAULT_TIME_ZONE)));
        return zones;
    }

    private static ZoneId zoneOrDefault(String zone) {
        try {
            return zone == null ? ZoneId.of(Organization.DEFAULT_TIME_ZONE) : ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            return ZoneId.of(Organization.DEFAULT_TIME_ZONE);
        }
    }

    /** {@link #myProfile()} for other features: values, not the entity. */
    @Transactional(readOnly = true)
    public Optional<ProfileSummary> myProfileSummary() {
        return myProfile().map(p -> new ProfileSummary(p.getDisplayName(), p.getOrganizationId(), p.getLanguage(),
                p.getTimeZone()));
    }

    @Transactional(readOnly = true)
    public Optional<UUID> myOrganizationId() {
        return myProfile().map(MemberProfile::getOrganizationId);
    }

    @Transactional(readOnly = true)
    public Optional<MemberProfile> myProfile() {
        return profiles.findById(currentUser.userId());
    }

    /**
     * An admin opens an account locked by failed sign-ins before its lock ends (the lock, not the password:
     * whoever was guessing still has to guess). Logged with who did it.
     */
    @Transactional
    public void unlockSignIn(String userId) {
        CurrentUser.Identity admin = currentUser.requireAnyGroup(Roles.ADMIN);
        boolean exists = engineAuthentication.asSystem(() -> identityService.createUserQuery().userId(userId).count() > 0);
        if (!exists) {
            throw new NotFoundException("identity.error.memberNotFound", userId);
        }
        signInThrottle.unlock(userId, admin.userId());
    }

    /**
     * The signed-in member changes their own password, proving they know the current one. Deliberately not
     * one transaction: the check of the current password commits its own failure count (a stolen session
     * cannot guess it without being throttled), then the new password is saved.
     */
    public void changeMyPassword(String currentPassword, String newPassword) {
        String userId = currentUser.userId();
        // Their password lives with the identity provider; a local one would open a second door to the account.
        if (signsInBySso(userId)) {
            throw new ForbiddenException("identity.error.ssoNoLocalPassword");
        }
        User user = engineAuthentication.asSystem(() -> identityService.createUserQuery().userId(userId).singleResult());
        if (user == null) {
            throw new NotFoundException("identity.error.memberNotFound", userId);
        }
        passwordPolicy.check(newPassword, new PasswordPolicy.Account(userId, user.getFirstName(), user.getLastName(),
                user.getEmail()));
        boolean knowsCurrent = currentPassword != null && !currentPassword.isEmpty()
                && engineAuthentication.asSystem(() -> identityService.checkPassword(userId, currentPassword));
        if (!knowsCurrent) {
            throw new CohorteException("identity.error.currentPasswordWrong");
        }
        if (currentPassword.equals(newPassword)) {
            throw new CohorteException("identity.error.passwordUnchanged");
        }
        engineAuthentication.asSystem(() -> {
            user.setPassword(newPassword);
            identityService.saveUser(user);
        });
        LOG.info("Password changed by its owner: user={}", userId);
    }

    /** Whether the signed-in member signs in through the identity provider (single sign-on), not with a password. */
    public boolean mySignInIsSso() {
        return signsInBySso(currentUser.userId());
    }

    /** An {@code sso_account} row links the member to a provider's person (SsoMemberService). */
    private boolean signsInBySso(String userId) {
        Long n = jdbc.queryForObject("select count(*) from sso_account where user_id = ?", Long.class, userId);
        return n != null && n > 0;
    }

    /** Group ids a user belongs to, read at sign-in. */
    public List<String> groupsOf(String userId) {
        return engineAuthentication.asSystem(() -> identityService.createGroupQuery().groupMember(userId).list()
                .stream().map(Group::getId).sorted(Comparator.naturalOrder()).toList());
    }

    private void validate(String userId, MemberForm form, boolean creating) {
        // Names go to Camunda's user table too: characters it cannot store are dropped before anything else.
        form.setFirstName(PlainText.clean(form.getFirstName()));
        form.setLastName(PlainText.clean(form.getLastName()));
        if (blank(form.getFirstName()) || blank(form.getLastName())) {
            throw new CohorteException("identity.error.nameRequired");
        }
        if (form.getFirstName().trim().length() > MAX_NAME || form.getLastName().trim().length() > MAX_NAME) {
            throw new CohorteException("identity.error.nameTooLong", MAX_NAME);
        }
        if (blank(form.getEmail()) || !EMAIL.matcher(form.getEmail().trim()).matches()) {
            throw new CohorteException("identity.error.emailInvalid");
        }
        boolean passwordGiven = form.getPassword() != null && !form.getPassword().isEmpty();
        if (creating || passwordGiven) {
            passwordPolicy.check(form.getPassword(), new PasswordPolicy.Account(userId, form.getFirstName(),
                    form.getLastName(), form.getEmail()));
        }
        if (form.getGroups().isEmpty()) {
            throw new CohorteException("identity.error.groupRequired");
        }
        if (!Roles.ALL.containsAll(form.getGroups())) {
            throw new CohorteException("identity.error.groupUnknown");
        }
        if (form.getOrganizationId() != null && !organizations.existsById(form.getOrganizationId())) {
            throw new NotFoundException("identity.error.organizationNotFound");
        }
    }

    private static void applyAccount(User user, MemberForm form) {
        user.setFirstName(form.getFirstName().trim());
        user.setLastName(form.getLastName().trim());
        user.setEmail(form.getEmail().trim());
    }

    private MemberSummary summary(User user, MemberProfile profile, Map<UUID, String> orgNames,
                                  Map<String, Instant> signInLocks) {
        List<String> groups = identityService.createGroupQuery().groupMember(user.getId()).list()
                .stream().map(Group::getId).sorted().toList();
        String displayName = profile != null ? profile.getDisplayName()
                : (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).trim();
        UUID orgId = profile == null ? null : profile.getOrganizationId();
        return new MemberSummary(user.getId(), displayName, user.getFirstName(), user.getLastName(), user.getEmail(),
                orgId, orgId == null ? null : orgNames.get(orgId), profile == null ? "fr" : profile.getLanguage(), groups,
                signInLocks.get(user.getId()));
    }

    private static String language(String language) {
        return "en".equals(language) ? "en" : "fr";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
