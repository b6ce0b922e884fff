package org.cohorte.codevelopment.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.CodevGroup;
import org.cohorte.codevelopment.domain.CodevGroupMember;
import org.cohorte.codevelopment.domain.CodevGroupMemberRepository;
import org.cohorte.codevelopment.domain.CodevGroupRepository;
import org.cohorte.codevelopment.domain.CodevSession;
import org.cohorte.codevelopment.domain.CodevSessionRepository;
import org.cohorte.codevelopment.domain.SessionStatus;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.cohorte.identity.service.InvitationDecidedEvent;
import org.cohorte.identity.service.InvitationService;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.PersonOption;
import org.cohorte.identity.service.Roles;
import org.cohorte.notification.service.NotificationService;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Codevelopment groups: who belongs, the charter, the rotation. Confidentiality: a group's cases are read
 * only by its facilitator and by its active members who accepted the charter; nobody else, admins included.
 */
@Service
public class CodevGroupService {

    public static final int MIN_MEMBERS = 4;
    public static final int MAX_MEMBERS = 8;
    /** A group's own case retention: at least a month (a follow-up fits), at most ten years. */
    public static final int MIN_RETENTION_DAYS = 30;
    public static final int MAX_RETENTION_DAYS = 3650;

    private final CodevGroupRepository groups;
    private final CodevGroupMemberRepository members;
    private final CodevSessionRepository sessions;
    private final CommunityService communityService;
    private final MemberService memberService;
    private final CurrentUser currentUser;
    private final IdentityService identityService;
    private final EngineAuthentication engineAuthentication;
    private final NotificationService notifications;
    private final InvitationService invitations;
    private final CaseRetention caseRetention;

    public CodevGroupService(CodevGroupRepository groups, CodevGroupMemberRepository members,
                             CodevSessionRepository sessions, CommunityService communityService,
                             MemberService memberService, CurrentUser currentUser, IdentityService identityService,
                             EngineAuthentication engineAuthentication, NotificationService notifications,
                             InvitationService invitations, CaseRetention caseRetention) {
        this.groups = groups;
        this.members = members;
        this.sessions = sessions;
        this.communityService = communityService;
        this.memberService = memberService;
        this.currentUser = currentUser;
        this.identityService = identityService;
        this.engineAuthentication = engineAuthentication;
        this.notifications = notifications;
        this.invitations = invitations;
        this.caseRetention = caseRetention;
    }

    /** Tells new members they joined (bell and e-mail in their language), naming the group and its facilitator. */
    private void announceJoined(CodevGroup group, Collection<String> joined) {
        notifications.announce(joined, "codevelopment.notification.joinedGroup",
                List.of(memberService.displayName(group.getFacilitatorId()), group.getName()),
                "codevelopment/group/" + group.getId());
    }

    /** A facilitator creates a group in one of their communities, with 4 to 8 of its members. */
    @Transactional
    public UUID create(UUID communityId, String name, String charter, boolean noHierarchy, List<String> memberIds) {
        CurrentUser.Identity me = currentUser.requireAnyGroup(Roles.FACILITATOR);
        communityService.requireMember(communityId);
        String cleanName = Texts.check("groupName", name);
        String cleanCharter = Texts.check("charter", charter);
        Set<String> ids = new LinkedHashSet<>(memberIds == null ? List.of() : memberIds);
        if (ids.contains(me.userId())) {
            throw new CohorteException("codevelopment.error.facilitatorNotMember");
        }
        if (ids.size() < MIN_MEMBERS || ids.size() > MAX_MEMBERS) {
            throw new CohorteException("codevelopment.error.groupSize", MIN_MEMBERS, MAX_MEMBERS);
        }
        for (String id : ids) {
            if (!communityService.isMember(communityId, id)) {
                throw new CohorteException("codevelopment.error.notCommunityMember", memberService.displayName(id));
            }
        }
        CodevGroup group = groups.save(new CodevGroup(communityId, cleanName, cleanCharter, noHierarchy, me.userId()));
        ids.forEach(id -> members.save(new CodevGroupMember(group.getId(), id)));
        announceJoined(group, ids);
        return group.getId();
    }

    /** The group's facilitator adds a member of the community (or takes back one who left). */
    @Transactional
    public void addMember(UUID groupId, String userId) {
        CodevGroup group = requireFacilitator(groupId);
        if (group.getFacilitatorId().equals(userId)) {
            throw new CohorteException("codevelopment.error.facilitatorNotMember");
        }
        if (!communityService.isMember(group.getCommunityId(), userId)) {
            throw new CohorteException("codevelopment.error.notCommunityMember", memberService.displayName(userId));
        }
        long active = members.findByIdGroupId(groupId).stream().filter(CodevGroupMember::isActive).count();
        Optional<CodevGroupMember> existing = members.findById(new CodevGroupMember.Key(groupId, userId));
        if (existing.filter(CodevGroupMember::isActive).isPresent()) {
            return;
        }
        if (active >= MAX_MEMBERS) {
            throw new CohorteException("codevelopment.error.groupSize", MIN_MEMBERS, MAX_MEMBERS);
        }
        existing.ifPresentOrElse(CodevGroupMember::rejoin, () -> members.save(new CodevGroupMember(groupId, userId)));
        announceJoined(group, List.of(userId));
    }

    /**
     * The group's facilitator invites someone who has no account yet: once an administrator approves, they join the
     * community and this group (see {@link #onInvitationDecided}).
     */
    @Transactional
    public UUID invite(UUID groupId, String firstName, String lastName, String email, UUID organizationId) {
        CodevGroup group = requireFacilitator(groupId);
        String community = communityService.myCommunityRefs().stream()
                .filter(c -> c.id().equals(group.getCommunityId())).map(CommunityService.CommunityRef::name)
                .findFirst().orElse("");
        return invitations.record(firstName, lastName, email, organizationId, group.getCommunityId(), group.getId(),
                "« " + community + " » / « " + group.getName() + " »");
    }

    /**
     * An approved invitation to a group: the newcomer (now in the community) joins it, if the one who invited
     * still facilitates it and there is room; otherwise the facilitator adds them later by hand.
     */
    @EventListener
    @Order(2)
    @Transactional
    public void onInvitationDecided(InvitationDecidedEvent event) {
        if (!event.approved() || event.codevGroupId() == null) {
            return;
        }
        CodevGroup group = groups.findById(event.codevGroupId()).orElse(null);
        if (group == null || !group.getFacilitatorId().equals(event.invitedBy())
                || !group.getCommunityId().equals(event.communityId())) {
            return;
        }
        long active = members.findByIdGroupId(group.getId()).stream().filter(CodevGroupMember::isActive).count();
        if (active >= MAX_MEMBERS) {
            return;
        }
        members.save(new CodevGroupMember(group.getId(), event.userId()));
        announceJoined(group, List.of(event.userId()));
    }

    /** A member leaves (or the facilitator removes them): from now on they read nothing of the group's cases. */
    @Transactional
    public void removeMember(UUID groupId, String userId) {
        CurrentUser.Identity me = currentUser.require();
        CodevGroup group = groups.findById(groupId).orElseThrow(CodevGroupService::notFound);
        CodevGroupMember member = members.findById(new CodevGroupMember.Key(groupId, userId))
                .filter(CodevGroupMember::isActive).orElseThrow(CodevGroupService::notFound);
        if (!me.userId().equals(userId) && !me.userId().equals(group.getFacilitatorId())) {
            throw notFound();
        }
        member.leave();
    }

    /**
     * Sets how long the group's closed cases are kept (days), or null for the global default. The group's
     * facilitator or an administrator only: the rule is the group's, and an administrator answers for the
     * organisation's retention policy (setting a number reads nothing of the cases). Anyone else: not found.
     */
    @Transactional
    public void setCaseRetention(UUID groupId, Integer days) {
        CurrentUser.Identity me = currentUser.require();
        CodevGroup group = groups.findById(groupId).orElseThrow(CodevGroupService::notFound);
        if (!me.isAdmin() && !group.getFacilitatorId().equals(me.userId())) {
            if (canRead(group, me.userId())) {
                throw new ForbiddenException("codevelopment.error.facilitatorOnly");
            }
            throw notFound();
        }
        if (days != null && (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS)) {
            throw new CohorteException("codevelopment.error.retentionRange", MIN_RETENTION_DAYS, MAX_RETENTION_DAYS);
        }
        group.setCaseRetentionDays(days);
    }

    /** The signed-in member accepts the group's charter; only then do they see its cases. */
    @Transactional
    public void acceptCharter(UUID groupId) {
        String me = currentUser.userId();
        CodevGroupMember member = members.findById(new CodevGroupMember.Key(groupId, me))
                .filter(CodevGroupMember::isActive).orElseThrow(CodevGroupService::notFound);
        if (!member.hasAcceptedCharter()) {
            member.acceptCharter();
        }
    }

    /** The groups the signed-in user facilitates or belongs to. */
    @Transactional(readOnly = true)
    public List<GroupSummary> myGroups() {
        String me = currentUser.userId();
        Map<UUID, CodevGroup> mine = new HashMap<>();
        groups.findByFacilitatorIdOrderByName(me).forEach(g -> mine.put(g.getId(), g));
        List<UUID> memberOf = members.findByIdUserIdAndLeftAtIsNull(me).stream().map(CodevGroupMember::getGroupId).toList();
        groups.findAllById(memberOf).forEach(g -> mine.put(g.getId(), g));
        Map<String, String> names = memberService.displayNames(mine.values().stream().map(CodevGroup::getFacilitatorId).distinct().toList());
        return mine.values().stream().sorted((a, b) -> a.getName().compareToIgnoreCase(b.getName()))
                .map(g -> new GroupSummary(g.getId(), g.getName(), g.getCommunityId(), g.getFacilitatorId(),
                        names.get(g.getFacilitatorId()),
                        (int) members.findByIdGroupId(g.getId()).stream().filter(CodevGroupMember::isActive).count(),
                        g.isNoHierarchy(), g.getFacilitatorId().equals(me)))
                .toList();
    }

    /** The group page: facilitator and active members only (a member who has not accepted the charter sees no cases). */
    @Transactional(readOnly = true)
    public GroupDetails get(UUID groupId) {
        String me = currentUser.userId();
        CodevGroup group = groups.findById(groupId).orElseThrow(CodevGroupService::notFound);
        List<CodevGroupMember> all = members.findByIdGroupId(groupId);
        Optional<CodevGroupMember> myMembership = all.stream()
                .filter(m -> m.isActive() && m.getUserId().equals(me)).findFirst();
        boolean facilitator = group.getFacilitatorId().equals(me);
        if (!facilitator && myMembership.isEmpty()) {
            throw notFound();
        }
        boolean accepted = myMembership.map(CodevGroupMember::hasAcceptedCharter).orElse(false);
        List<RotationPlanner.Turn> turns = turns(groupId);
        List<RotationPlanner.Standing> standings = rotationOfTurns(all, turns);
        Map<String, RotationPlanner.Standing> byUser = new HashMap<>();
        standings.forEach(s -> byUser.put(s.userId(), s));
        Map<String, Long> totals = new HashMap<>();
        turns.forEach(t -> totals.merge(t.clientId(), 1L, Long::sum));
        List<String> ids = new ArrayList<>(all.stream().map(CodevGroupMember::getUserId).toList());
        ids.add(group.getFacilitatorId());
        Map<String, String> names = memberService.displayNames(ids);
        List<MemberStanding> standing = all.stream().filter(CodevGroupMember::isActive)
                .map(m -> {
                    RotationPlanner.Standing s = byUser.get(m.getUserId());
                    return new MemberStanding(m.getUserId(), names.get(m.getUserId()), m.getJoinedAt(),
                            m.hasAcceptedCharter(), s == null ? 0 : s.timesInCycle(),
                            totals.getOrDefault(m.getUserId(), 0L).intValue(), s == null ? null : s.lastTime());
                })
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name())).toList();
        String suggested = suggested(all, standings);
        return new GroupDetails(group.getId(), group.getName(), group.getCommunityId(), group.getCharter(),
                group.isNoHierarchy(), group.getFacilitatorId(), names.get(group.getFacilitatorId()), standing,
                facilitator, myMembership.isPresent(), accepted, facilitator || accepted, suggested,
                group.getCaseRetentionDays(), caseRetention.defaultDays());
    }

    /** The active members in rotation order, the suggested next client first (facilitator and members). */
    @Transactional(readOnly = true)
    public List<RotationPlanner.Standing> rotation(UUID groupId) {
        requireReader(groupId);
        return rotationOfTurns(members.findByIdGroupId(groupId), turns(groupId));
    }

    /**
     * The next client the rotation suggests among these members (who accepted the charter): what {@link #get} says,
     * without the rest of the group page. No check of its own: for this package's services, which made theirs.
     */
    String suggestedClient(UUID groupId, List<CodevGroupMember> all) {
        return suggested(all, rotationOfTurns(all, turns(groupId)));
    }

    private static String suggested(List<CodevGroupMember> all, List<RotationPlanner.Standing> standings) {
        return standings.stream().map(RotationPlanner.Standing::userId)
                .filter(id -> all.stream().anyMatch(m -> m.getUserId().equals(id) && m.hasAcceptedCharter()))
                .findFirst().orElse(null);
    }

    /** Who was client when, in the group's sessions that were not cancelled. */
    private List<RotationPlanner.Turn> turns(UUID groupId) {
        return sessions.clientTurns(groupId, List.of(SessionStatus.CANCELLED)).stream()
                .map(row -> new RotationPlanner.Turn((String) row[0], (Instant) row[1])).toList();
    }

    /**
     * Participants the facilitator may pick from when creating a group: people with the participant role who
     * belong to the community. Names are not confidential inside Cohorte.
     */
    @Transactional(readOnly = true)
    public Map<String, String> candidates(UUID communityId) {
        CurrentUser.Identity me = currentUser.requireAnyGroup(Roles.FACILITATOR);
        communityService.requireMember(communityId);
        // The facilitator guards the group and is never one of its members.
        List<String> ids = engineAuthentication.asSystem(() -> identityService.createUserQuery()
                .memberOfGroup(Roles.PARTICIPANT).orderByUserId().asc().list()).stream().map(User::getId)
                .filter(id -> !id.equals(me.userId()))
                .filter(id -> communityService.isMember(communityId, id)).toList();
        return memberService.displayNames(ids);
    }

    /**
     * People the facilitator may put in a new group of this community: its members with the participant role, by
     * name, organization or e-mail, never the facilitator herself.
     */
    @Transactional(readOnly = true)
    public List<PersonOption> searchCandidates(UUID communityId, String filter, int offset, int limit) {
        CurrentUser.Identity me = currentUser.requireAnyGroup(Roles.FACILITATOR);
        communityService.requireMember(communityId);
        return communityService.searchMembers(communityId, Roles.PARTICIPANT, List.of(me.userId()), filter, offset, limit);
    }

    /** People the group's facilitator may add: participants of its community not in the group, nor herself. */
    @Transactional(readOnly = true)
    public List<PersonOption> searchNewMembers(UUID groupId, String filter, int offset, int limit) {
        CodevGroup group = requireFacilitator(groupId);
        List<String> exclude = new ArrayList<>(members.findByIdGroupId(groupId).stream()
                .filter(CodevGroupMember::isActive).map(CodevGroupMember::getUserId).toList());
        exclude.add(group.getFacilitatorId());
        return communityService.searchMembers(group.getCommunityId(), Roles.PARTICIPANT, exclude, filter, offset, limit);
    }

    static List<RotationPlanner.Standing> rotation(List<CodevGroupMember> all, List<CodevSession> history) {
        return rotationOfTurns(all, history.stream().filter(s -> s.getStatus() != SessionStatus.CANCELLED)
                .map(s -> new RotationPlanner.Turn(s.getClientId(), s.getScheduledAt())).toList());
    }

    private static List<RotationPlanner.Standing> rotationOfTurns(List<CodevGroupMember> all,
                                                                  List<RotationPlanner.Turn> turns) {
        return RotationPlanner.order(
                all.stream().map(m -> new RotationPlanner.Member(m.getUserId(), m.getJoinedAt(), m.getLeftAt())).toList(),
                turns, EngineClock.now());
    }

    /** The group, if the signed-in user may read its cases (facilitator, or active member who accepted the charter). */
    @Transactional(readOnly = true)
    public CodevGroup requireReader(UUID groupId) {
        CodevGroup group = groups.findById(groupId).orElseThrow(CodevGroupService::notFound);
        if (!canRead(group, currentUser.userId())) {
            throw notFound();
        }
        return group;
    }

    /** Whether the user reads the group's cases; a non-throwing question for other services. */
    @Transactional(readOnly = true)
    public boolean canRead(CodevGroup group, String userId) {
        return group.getFacilitatorId().equals(userId)
                || mayRead(group.getFacilitatorId(), members.findById(new CodevGroupMember.Key(group.getId(), userId))
                .orElse(null), userId);
    }

    /** The rule of {@link #canRead}, for a caller that has read the facilitator and the user's membership (or null). */
    public static boolean mayRead(String facilitatorId, CodevGroupMember membership, String userId) {
        return mayRead(facilitatorId, membership != null && membership.isActive() && membership.hasAcceptedCharter(),
                userId);
    }

    /** The same rule, for a caller that read the membership's columns rather than the entity. */
    static boolean mayRead(String facilitatorId, boolean activeMemberWithCharter, String userId) {
        return facilitatorId.equals(userId) || activeMemberWithCharter;
    }

    @Transactional(readOnly = true)
    public CodevGroup requireFacilitator(UUID groupId) {
        CodevGroup group = requireReader(groupId);
        if (!group.getFacilitatorId().equals(currentUser.userId())) {
            throw new ForbiddenException("codevelopment.error.facilitatorOnly");
        }
        return group;
    }

    static NotFoundException notFound() {
        return new NotFoundException("codevelopment.error.notFound");
    }
}
