package org.cohorte.blocker.service;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.blocker.domain.Blocker;
import org.cohorte.blocker.domain.BlockerRepository;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.domain.BlockerStatus;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One blocker model for incubator check-ins and performance reviews. The declaring feature checks that the
 * user may speak for its experiment or indicator, then calls {@link #declare}; the committee, the advisory
 * group and the forum see the open ones.
 */
@Service
public class BlockerService {

    public static final int MAX_TITLE = 300;
    public static final int MAX_DESCRIPTION = 10_000;
    /** A declared blocker should be lifted within this time; past it, it goes to the forum. */
    public static final java.time.Duration SLA = java.time.Duration.ofDays(14);
    /** Who sees every blocker, whatever its source. */
    static final String[] OVERSIGHT = {Roles.ADVISORY, Roles.COMMITTEE, Roles.FORUM, Roles.ADMIN};

    private final BlockerRepository blockers;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    public BlockerService(BlockerRepository blockers, CurrentUser currentUser, ApplicationEventPublisher events) {
        this.blockers = blockers;
        this.currentUser = currentUser;
        this.events = events;
    }

    /** Records a blocker declared by the signed-in user for a source their feature has authorized. */
    @Transactional
    public UUID declare(BlockerSource source, String sourceId, UUID organizationId, String title, String description) {
        String user = currentUser.userId();
        String cleanTitle = title == null ? "" : PlainText.clean(title).strip();
        String cleanDescription = description == null ? "" : PlainText.clean(description).strip();
        if (cleanTitle.isEmpty() || cleanDescription.isEmpty()) {
            throw new CohorteException("blocker.error.required");
        }
        if (cleanTitle.length() > MAX_TITLE || cleanDescription.length() > MAX_DESCRIPTION) {
            throw new CohorteException("blocker.error.tooLong", MAX_TITLE, MAX_DESCRIPTION);
        }
        Blocker blocker = blockers.save(new Blocker(source, sourceId, organizationId, cleanTitle, cleanDescription, user));
        events.publishEvent(new BlockerDeclaredEvent(blocker.getId(), source, sourceId, organizationId));
        return blocker.getId();
    }

    /** The blockers of one source, for the feature that owns it (it has checked the user may see the source). */
    @Transactional(readOnly = true)
    public List<BlockerSummary> forSource(BlockerSource source, String sourceId) {
        currentUser.require();
        return blockers.findBySourceTypeAndSourceIdOrderByDeclaredAtDesc(source, sourceId).stream()
                .map(BlockerSummary::of).toList();
    }

    /** Every open blocker, oldest first: for the advisory group, the committee, the forum and admins. */
    @Transactional(readOnly = true)
    public List<BlockerSummary> openBlockers() {
        currentUser.requireAnyGroup(OVERSIGHT);
        return blockers.findByStatusInOrderByDeclaredAtAsc(
                EnumSet.of(BlockerStatus.OPEN, BlockerStatus.ASSIGNED, BlockerStatus.ESCALATED)).stream()
                .map(BlockerSummary::of).toList();
    }

    /**
     * The blockers of these organizations, oldest first, for a feature that has checked the user may read
     * those organizations (the steering room, the forum workbook).
     */
    @Transactional(readOnly = true)
    public List<BlockerSummary> forOrganizations(java.util.Collection<UUID> organizationIds) {
        currentUser.require();
        if (organizationIds.isEmpty()) {
            return List.of();
        }
        return blockers.findByOrganizationIdInOrderByDeclaredAtAsc(organizationIds).stream()
                .map(BlockerSummary::of).toList();
    }

    @Transactional(readOnly = true)
    public Blocker get(UUID id) {
        currentUser.requireAnyGroup(OVERSIGHT);
        return blockers.findById(id).orElseThrow(() -> new NotFoundException("blocker.error.notFound"));
    }
}
