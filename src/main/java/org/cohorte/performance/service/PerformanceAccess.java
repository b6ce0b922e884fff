package org.cohorte.performance.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.springframework.stereotype.Component;

/**
 * Who may read and change an organization's performance records. The forum, the advisory group and admins
 * read every organization; a manager reads and changes their own organization's (the organization of their
 * profile); the forum writes nothing. Another organization's records are "not found" to a manager.
 */
@Component
public class PerformanceAccess {

    /** Groups that read every organization's performance. */
    static final String[] READ_ALL = {Roles.FORUM, Roles.ADVISORY, Roles.ADMIN};

    private final CurrentUser currentUser;
    private final MemberService memberService;
    private final OrganizationService organizationService;

    public PerformanceAccess(CurrentUser currentUser, MemberService memberService,
                             OrganizationService organizationService) {
        this.currentUser = currentUser;
        this.memberService = memberService;
        this.organizationService = organizationService;
    }

    public boolean readsAll() {
        CurrentUser.Identity me = currentUser.require();
        for (String group : READ_ALL) {
            if (me.isIn(group)) {
                return true;
            }
        }
        return false;
    }

    /** The organization of the signed-in user's profile, if any. */
    public Optional<UUID> myOrganization() {
        return memberService.myOrganizationId();
    }

    /** Organizations whose steering-room data the user may see, by name. */
    public List<OrganizationRef> readableOrganizations() {
        CurrentUser.Identity me = currentUser.require();
        List<OrganizationRef> all = organizationService.refs();
        if (readsAll()) {
            return all;
        }
        if (!me.isIn(Roles.MANAGER)) {
            return List.of();
        }
        Optional<UUID> mine = myOrganization();
        return all.stream().filter(o -> mine.isPresent() && o.id().equals(mine.get())).toList();
    }

    public boolean canRead(UUID organizationId) {
        CurrentUser.Identity me = currentUser.require();
        if (readsAll()) {
            return true;
        }
        return me.isIn(Roles.MANAGER) && myOrganization().map(organizationId::equals).orElse(false);
    }

    public boolean canWrite(UUID organizationId) {
        CurrentUser.Identity me = currentUser.require();
        if (me.isAdmin()) {
            return true;
        }
        return me.isIn(Roles.MANAGER) && myOrganization().map(organizationId::equals).orElse(false);
    }

    public void requireRead(UUID organizationId) {
        if (organizationId == null || !canRead(organizationId)) {
            throw new NotFoundException("performance.error.notFound");
        }
    }

    /** Readers who may not write get "forbidden"; others do not learn that the record exists. */
    public void requireWrite(UUID organizationId) {
        requireRead(organizationId);
        if (!canWrite(organizationId)) {
            throw new ForbiddenException("performance.error.readOnly");
        }
    }
}
