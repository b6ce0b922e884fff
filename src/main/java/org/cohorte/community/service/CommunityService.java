package org.cohorte.community.service;

import jakarta.validation.constraints.Size;

import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.cohorte.base.text.FreeText;
import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.community.domain.Community;
import org.cohorte.community.domain.CommunityMember;
import org.cohorte.community.domain.CommunityMemberRepository;
import org.cohorte.community.domain.CommunityRepository;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.domain.DutyAssignment;
import org.cohorte.community.domain.DutyAssignmentRepository;
import org.cohorte.base.time.EngineClock;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.InvitationDecidedEvent;
import org.cohorte.identity.service.InvitationService;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.PersonOption;
import org.cohorte.identity.service.Roles;
import org.cohorte.notification.service.NotificationService;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Communities of practice and who belongs to them. Admins and facilitators create them and add members. */
@Service
public class CommunityService {

    private final CommunityRepository communities;
    private final CommunityMemberRepository members;
    private final CurrentUser currentUser;
    private final DutyAssignmentRepository duties;
    private final MemberService memberService;
    private final OrganizationService organizationService;
    private final NotificationService notifications;
    private final InvitationService invitations;
    private final SecureRandom random = new SecureRandom();

    public CommunityService(CommunityRepository communities, CommunityMemberRepository members, CurrentUser currentUser,
                            DutyAssignmentRepository duties, MemberService memberService,
                            OrganizationService organizationService, NotificationService notifications,
                            InvitationService invitations) {
        this.communities = communities;
        this.members = members;
        this.currentUser = currentUser;
        this.duties = duties;
        this.memberService = memberService;
        this.organizationService = organizationService;
        this.notifications = notifications;
        this.invitations = invitations;
    }

    /** Tells people they now belong to the community (bell and e-mail, in their language); not the one who did it. */
    private void announceJoined(Community community, Collection<String> joined) {
        String actor = currentUser.find().map(CurrentUser.Identity::userId).orElse(null);
        List<String> to = joined.stream().filter(id -> id != null && !id.equals(actor)).distinct().toList();
        if (to.isEmpty()) {
            return;
        }
        String actorName = actor == null ? "Cohorte" : memberService.displayName(actor);
        notifications.announce(to, "community.notify.joined", List.of(actorName, community.getName()),
                "community/" + community.getId());
    }

    /** Refuses ids that are no member account: people are picked, and a typed id must still name someone. */
    private void requireAccounts(Collection<String> userIds) {
        List<String> wanted = userIds.stream().filter(id -> id != null && !id.isBlank()).distinct().toList();
        Set<String> known = memberService.existingIds(wanted);
        for (String id : wanted) {
            if (!known.contains(id)) {
                throw new CohorteException("community.error.unknownMember", id);
            }
        }
    }

    public static final int MAX_HOURS = 24 * 30;
    /** The columns' sizes: a longer text is refused here rather than by the database. */
    public static final int MAX_THEME = 500;
    public static final int MAX_CHARTER = 20_000;

    /** The free texts of a community and their rules (read by {@code base.text.FreeText}). */
    static final class CommunityTexts {
        @Size(max = MAX_THEME, message = "{community.error.textTooLong}")
        String theme;
        @Size(max = MAX_CHARTER, message = "{community.error.textTooLong}")
        String charter;

        private CommunityTexts() {
        }
    }

    @Transactional
    public Community create(String name, String theme, String charter, boolean openToAll) {
        currentUser.requireAnyGroup(Roles.ADMIN, Roles.FACILITATOR);
        String clean = name == null ? "" : PlainText.clean(name).trim();
        if (clean.isEmpty() || clean.length() > 200) {
            throw new CohorteException("community.error.nameInvalid", 200);
        }
        if (communities.findByNameIgnoreCase(clean).isPresent()) {
            throw new CohorteException("community.error.nameTaken", clean);
        }
        return communities.save(new Community(clean, FreeText.check(CommunityTexts.class, "theme", theme),
                FreeText.check(CommunityTexts.class, "charter", charter), openToAll));
    }

    @Transactional
    public void addMember(UUID communityId, String userId, CommunityRole role) {
        currentUser.requireAnyGroup(Roles.ADMIN, Roles.FACILITATOR);
        if (!communities.existsById(communityId)) {
            throw new NotFoundException("community.error.notFound");
        }
        if (!members.existsById(new CommunityMember.Key(communityId, userId))) {
            // Quiet on purpose: the seeders' and set-up path. People added on a screen come through setRole/create.
            members.save(new CommunityMember(communityId, userId, role));
        }
    }

    /** Whether this user belongs to the community. */
    @Transactional(readOnly = true)
    public boolean isMember(UUID communityId, String userId) {
        return members.existsById(new CommunityMember.Key(communityId, userId));
    }

    /**
     * Refuses unless the signed-in user may read the community's content: its members, and everyone signed
     * in when it is open to all. Nobody else, admins included: content is the members'.
     */
    @Transactional(readOnly = true)
    public Community requireReader(UUID communityId) {
        return readable(communityId).orElseThrow(() -> new NotFoundException("community.error.notFound"));
    }

    /** The community if the signed-in user may read it; empty otherwise (as if it did not exist). */
    @Transactional(readOnly = true)
    public Optional<Community> readable(UUID communityId) {
        String userId = currentUser.userId();
        return communities.findById(communityId)
                .filter(community -> community.isOpenToAll() || isMember(communityId, userId));
    }

    /** Refuses unless the signed-in user is a member of the community (to contribute to it). */
    @Transactional(readOnly = true)
    public Community requireMember(UUID communityId) {
        Community community = requireReader(communityId);
        if (!isMember(communityId, currentUser.userId())) {
            throw new ForbiddenException("community.error.membersOnly");
        }
        return community;
    }

    /** The communities the signed-in member belongs to. */
    @Transactional(readOnly = true)
    public List<Community> myCommunities() {
        String userId = currentUser.userId();
        List<UUID> ids = members.findByIdUserId(userId).stream().map(CommunityMember::getCommunityId).toList();
        return communities.findAllById(ids);
    }

    /** A community as other features see it: its id and name, not its entity. */
    public record CommunityRef(UUID id, String name) {
    }

    /** {@link #myCommunities()} for other features' screens and the work API. */
    @Transactional(readOnly = true)
    public List<CommunityRef> myCommunityRefs() {
        return myCommunities().stream().map(c -> new CommunityRef(c.getId(), c.getName())).toList();
    }

    /**
     * Creates a community with its sponsor and facilitators (each becomes a member with that role). Admins
     * and facilitators only.
     */
    @Transactional
    public Community create(String name, String theme, String charter, String sponsorId,
                            Collection<String> facilitators, boolean openToAll) {
        List<String> people = new ArrayList<>(facilitators == null ? List.of() : facilitators);
        if (sponsorId != null && !sponsorId.isBlank()) {
            people.add(sponsorId);
        }
        requireAccounts(people);
        Community community = create(name, theme, charter, openToAll);
        if (sponsorId != null && !sponsorId.isBlank()) {
            community.setSponsorId(sponsorId);
            members.save(new CommunityMember(community.getId(), sponsorId, CommunityRole.SPONSOR));
        }
        for (String facilitator : facilitators == null ? List.<String>of() : facilitators) {
            CommunityMember.Key key = new CommunityMember.Key(community.getId(), facilitator);
            members.findById(key).ifPresentOrElse(m -> m.setRole(CommunityRole.FACILITATOR),
                    () -> members.save(new CommunityMember(community.getId(), facilitator, CommunityRole.FACILITATOR)));
        }
        announceJoined(community, people);
        return community;
    }

    /** Changes a member's role, or adds them with it: admins and the community's facilitators. */
    @Transactional
    public void setRole(UUID communityId, String userId, CommunityRole role) {
        Community community = requireManager(communityId);
        requireAccounts(List.of(userId));
        CommunityMember.Key key = new CommunityMember.Key(communityId, userId);
        members.findById(key).ifPresentOrElse(m -> m.setRole(role), () -> {
            members.save(new CommunityMember(communityId, userId, role));
            announceJoined(community, List.of(userId));
        });
    }

    /** Sets the promise: first answer due after {@code answerHours}, reminder after {@code reminderHours}. */
    @Transactional
    public void updatePromise(UUID communityId, int answerHours, int reminderHours) {
        Community community = requireManager(communityId);
        if (answerHours < 1 || answerHours > MAX_HOURS || reminderHours < 1 || reminderHours >= answerHours) {
            throw new CohorteException("community.error.promiseInvalid", MAX_HOURS);
        }
        community.setPromise(answerHours, reminderHours);
    }

    /** Refuses unless the signed-in user is an admin or one of the community's facilitators. */
    @Transactional(readOnly = true)
    public Community requireManager(UUID communityId) {
        CurrentUser.Identity me = currentUser.require();
        Community community = communities.findById(communityId)
                .orElseThrow(() -> new NotFoundException("community.error.notFound"));
        if (me.isAdmin() || hasRole(communityId, me.userId(), CommunityRole.FACILITATOR)) {
            return community;
        }
        if (readable(communityId).isEmpty()) {
            throw new NotFoundException("community.error.notFound");
        }
        throw new ForbiddenException("community.error.facilitatorsOnly");
    }

    /** Whether the community exists and the signed-in user may manage it (admins need not be members). */
    @Transactional(readOnly = true)
    public boolean canManageIfExists(UUID communityId) {
        return communities.existsById(communityId) && canManage(communityId);
    }

    private void requireReaderOrManager(UUID communityId) {
        if (readable(communityId).isEmpty()) {
            requireManager(communityId);
        }
    }

    /** Whether the signed-in user may manage the community (admin or facilitator of it). */
    @Transactional(readOnly = true)
    public boolean canManage(UUID communityId) {
        CurrentUser.Identity me = currentUser.require();
        return me.isAdmin() || hasRole(communityId, me.userId(), CommunityRole.FACILITATOR);
    }

    /** Whether this user has this role in the community (for services of this feature, which checked access). */
    @Transactional(readOnly = true)
    boolean hasRole(UUID communityId, String userId, CommunityRole role) {
        return members.findById(new CommunityMember.Key(communityId, userId)).map(m -> m.getRole() == role)
                .orElse(false);
    }

    /** The communities the signed-in user may see: theirs, the open ones, and for admins all of them. */
    @Transactional(readOnly = true)
    public List<Community> visibleCommunities() {
        CurrentUser.Identity me = currentUser.require();
        if (me.isAdmin()) {
            return communities.findAllByOrderByNameAsc();
        }
        Map<UUID, Community> visible = new java.util.LinkedHashMap<>();
        myCommunities().forEach(c -> visible.put(c.getId(), c));
        communities.findByOpenToAllTrue().forEach(c -> visible.putIfAbsent(c.getId(), c));
        return visible.values().stream().sorted(java.util.Comparator.comparing(Community::getName)).toList();
    }

    /** Ids of the communities whose content the signed-in user may read (search scope). */
    @Transactional(readOnly = true)
    public Set<UUID> readableCommunityIds() {
        String userId = currentUser.userId();
        Set<UUID> ids = new LinkedHashSet<>();
        members.findByIdUserId(userId).forEach(m -> ids.add(m.getCommunityId()));
        communities.findByOpenToAllTrue().forEach(c -> ids.add(c.getId()));
        return ids;
    }

    /** The directory: members with their role and organization, facilitators first. Readers only. */
    @Transactional(readOnly = true)
    public List<MemberEntry> directory(UUID communityId) {
        requireReaderOrManager(communityId);
        List<CommunityMember> all = members.findByIdCommunityId(communityId);
        List<String> ids = all.stream().map(CommunityMember::getUserId).toList();
        Map<String, String> names = memberService.displayNames(ids);
        Map<String, UUID> orgIds = memberService.organizationIds(ids);
        Map<UUID, String> orgNames = organizationService.refs().stream()
                .collect(Collectors.toMap(OrganizationRef::id, OrganizationRef::name));
        return all.stream()
                .map(m -> new MemberEntry(m.getUserId(), names.get(m.getUserId()), m.getRole(),
                        orgIds.get(m.getUserId()) == null ? null : orgNames.get(orgIds.get(m.getUserId()))))
                .sorted(java.util.Comparator.comparing((MemberEntry e) -> e.role().ordinal() == 1 ? 0 : 1)
                        .thenComparing(e -> e.displayName() == null ? "" : e.displayName()))
                .toList();
    }

    /** Participating organizations and how many members each has in the community. Readers only. */
    @Transactional(readOnly = true)
    public Map<String, Long> organizations(UUID communityId) {
        return directory(communityId).stream().collect(Collectors.groupingBy(
                e -> e.organization() == null ? "" : e.organization(), TreeMap::new, Collectors.counting()));
    }

    /** Puts an expert of the community on duty for the week containing {@code day}. Managers only. */
    @Transactional
    public void setDuty(UUID communityId, LocalDate day, String expertId) {
        requireManager(communityId);
        if (!hasRole(communityId, expertId, CommunityRole.EXPERT)
                && !hasRole(communityId, expertId, CommunityRole.FACILITATOR)) {
            throw new CohorteException("community.error.dutyNotExpert");
        }
        LocalDate week = weekOf(day);
        duties.findById(new DutyAssignment.Key(communityId, week)).ifPresentOrElse(d -> d.setExpertId(expertId),
                () -> duties.save(new DutyAssignment(communityId, week, expertId)));
    }

    /** The roster for {@code weeks} weeks from the week containing {@code from}. Readers only. */
    @Transactional(readOnly = true)
    public List<DutyWeek> roster(UUID communityId, LocalDate from, int weeks) {
        requireReaderOrManager(communityId);
        LocalDate first = weekOf(from);
        LocalDate last = first.plusWeeks(Math.max(1, weeks) - 1L);
        Map<LocalDate, String> byWeek = duties.findByIdCommunityIdAndIdWeekStartBetweenOrderByIdWeekStart(
                communityId, first, last).stream()
                .collect(Collectors.toMap(DutyAssignment::getWeekStart, DutyAssignment::getExpertId));
        Map<String, String> names = memberService.displayNames(byWeek.values());
        List<DutyWeek> roster = new ArrayList<>();
        for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
            String expert = byWeek.get(week);
            roster.add(new DutyWeek(week, expert, expert == null ? null : names.get(expert)));
        }
        return roster;
    }

    /** The expert on duty at this instant, if the roster names one. Readers and managers only. */
    @Transactional(readOnly = true)
    public Optional<String> onDuty(UUID communityId, Instant at) {
        requireReaderOrManager(communityId);
        return duties.findById(new DutyAssignment.Key(communityId, weekOf(LocalDate.ofInstant(at, EngineClock.ZONE))))
                .map(DutyAssignment::getExpertId);
    }

    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Whether the signed-in user facilitates this community, and so may invite people who have no account yet. */
    @Transactional(readOnly = true)
    public boolean canInvite(UUID communityId) {
        return currentUser.find().map(me -> hasRole(communityId, me.userId(), CommunityRole.FACILITATOR)).orElse(false);
    }

    /**
     * A facilitator of the community invites someone who has no account: an administrator approves or refuses
     * (identity's InvitationService); administrators who do not facilitate it cannot invite, they create accounts.
     */
    @Transactional
    public UUID invite(UUID communityId, String firstName, String lastName, String email, UUID organizationId) {
        Community community = communities.findById(communityId)
                .orElseThrow(() -> new NotFoundException("community.error.notFound"));
        if (!canInvite(communityId)) {
            throw new ForbiddenException("community.error.facilitatorsOnly");
        }
        return invitations.record(firstName, lastName, email, organizationId, communityId, null,
                "« " + community.getName() + " »");
    }

    /**
     * An invitation to this community was decided: approved, the newcomer joins (before the codevelopment feature
     * adds them to a group, hence the order); either way the facilitator who invited is told.
     */
    @EventListener
    @Order(1)
    @Transactional
    public void onInvitationDecided(InvitationDecidedEvent event) {
        Community community = communities.findById(event.communityId()).orElse(null);
        if (community == null) {
            return;
        }
        if (event.approved() && !members.existsById(new CommunityMember.Key(community.getId(), event.userId()))) {
            members.save(new CommunityMember(community.getId(), event.userId(), CommunityRole.MEMBER));
        }
        notifications.announce(List.of(event.invitedBy()), event.approved() ? "community.invitation.approved"
                        : "community.invitation.refused", List.of(event.displayName(), community.getName()),
                "community/" + community.getId());
    }

    /**
     * People a manager (admin or facilitator of the community) may add to it: the directory, less its members, by
     * name, organization or e-mail.
     */
    @Transactional(readOnly = true)
    public List<PersonOption> searchPeopleToAdd(UUID communityId, String filter, int offset, int limit) {
        requireManager(communityId);
        return memberService.searchDirectory(filter, null, memberIds(communityId), offset, limit);
    }

    /**
     * The community's members with a Camunda role ({@code role}, or any when null), less {@code exclude}: for a
     * member or manager of the community (a facilitator picking a codevelopment group among them).
     */
    @Transactional(readOnly = true)
    public List<PersonOption> searchMembers(UUID communityId, String role, Collection<String> exclude, String filter,
                                            int offset, int limit) {
        requireReaderOrManager(communityId);
        return memberService.searchAmong(memberIds(communityId), filter, role, exclude, offset, limit);
    }

    /** The community's experts and facilitators, who may be on duty. Readers and managers only. */
    @Transactional(readOnly = true)
    public List<String> dutyCandidates(UUID communityId) {
        requireReaderOrManager(communityId);
        return memberIds(communityId, CommunityRole.EXPERT, CommunityRole.FACILITATOR);
    }

    /**
     * Member ids having one of these roles (all members when none is given). For this feature's services, which
     * checked access or act for the process engine.
     */
    @Transactional(readOnly = true)
    List<String> memberIds(UUID communityId, CommunityRole... roles) {
        Set<CommunityRole> wanted = roles.length == 0 ? Set.of(CommunityRole.values()) : Set.of(roles);
        return members.findByIdCommunityId(communityId).stream().filter(m -> wanted.contains(m.getRole()))
                .map(CommunityMember::getUserId).sorted().toList();
    }

    /** The signed-in member's e-mail preference: one e-mail per event, or a daily digest. */
    @Transactional
    public void setEmailDigest(UUID communityId, boolean digest) {
        requireMember(communityId);
        members.findById(new CommunityMember.Key(communityId, currentUser.userId())).orElseThrow().setEmailDigest(digest);
    }

    @Transactional(readOnly = true)
    public boolean emailDigest(UUID communityId) {
        return members.findById(new CommunityMember.Key(communityId, currentUser.userId()))
                .map(CommunityMember::isEmailDigest).orElse(false);
    }

    /** Which of these members want a daily digest (in any of their communities) rather than one e-mail per event. */
    @Transactional(readOnly = true)
    Set<String> digestReaders(Collection<String> userIds) {
        return userIds.isEmpty() ? Set.of() : members.digestReaders(userIds);
    }

    /** The signed-in member's secret for the community's calendar feed, made on first request. */
    @Transactional
    public String feedToken(UUID communityId) {
        requireMember(communityId);
        CommunityMember member = members.findById(new CommunityMember.Key(communityId, currentUser.userId())).orElseThrow();
        if (member.getFeedToken() == null) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            member.setFeedToken(HexFormat.of().formatHex(bytes));
        }
        return member.getFeedToken();
    }

    /** The membership a calendar feed token belongs to (no signed-in user: the token is the credential). */
    @Transactional(readOnly = true)
    Optional<CommunityMember> membershipByFeedToken(String token) {
        if (token == null || token.length() != 48) {
            return Optional.empty();
        }
        return members.findByFeedToken(token);
    }

    /** The community whatever the user (for this feature's services, which checked access). */
    @Transactional(readOnly = true)
    Optional<Community> find(UUID communityId) {
        return communities.findById(communityId);
    }
}
