package org.cohorte.community.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.community.domain.Community;
import org.cohorte.community.domain.CommunityMember;
import org.cohorte.community.domain.CommunityMemberRepository;
import org.cohorte.community.domain.CommunityRepository;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.Roles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Communities of practice and who belongs to them. Admins and facilitators create them and add members. */
@Service
public class CommunityService {

    private final CommunityRepository communities;
    private final CommunityMemberRepository members;
    private final CurrentUser currentUser;

    public CommunityService(CommunityRepository communities, CommunityMemberRepository members, CurrentUser currentUser) {
        this.communities = communities;
        this.members = members;
        this.currentUser = currentUser;
    }

    @Transactional
    public Community create(String name, String theme, String charter, boolean openToAll) {
        currentUser.requireAnyGroup(Roles.ADMIN, Roles.FACILITATOR);
        String clean = name == null ? "" : name.trim();
        if (clean.isEmpty() || clean.length() > 200) {
            throw new CohorteException("community.error.nameInvalid", 200);
        }
        if (communities.findByNameIgnoreCase(clean).isPresent()) {
            throw new CohorteException("community.error.nameTaken", clean);
        }
        return communities.save(new Community(clean, theme, charter, openToAll));
    }

    @Transactional
    public void addMember(UUID communityId, String userId, CommunityRole role) {
        currentUser.requireAnyGroup(Roles.ADMIN, Roles.FACILITATOR);
        if (!communities.existsById(communityId)) {
            throw new NotFoundException("community.error.notFound");
        }
        if (!members.existsById(new CommunityMember.Key(communityId, userId))) {
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
}
