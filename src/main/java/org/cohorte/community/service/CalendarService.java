package org.cohorte.community.service;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.community.domain.Community;
import org.cohorte.community.domain.CommunityActivity;
import org.cohorte.community.domain.CommunityActivityRepository;
import org.cohorte.community.domain.CommunityMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each community's calendar: monthly calls and workshops its facilitators plan, and activities other
 * features schedule (codevelopment sessions) through {@link CommunityActivityScheduledEvent}. Members
 * subscribe to it as an iCalendar feed whose address carries their own secret token.
 */
@Service
public class CalendarService {

    public static final String FEED_PATH = "/community-calendar/";
    private static final Logger LOG = LoggerFactory.getLogger(CalendarService.class);
    private static final Duration FEED_HISTORY = Duration.ofDays(90);

    private final CommunityActivityRepository activities;
    private final CommunityService communityService;
    private final CommunityNotifier notifier;

    public CalendarService(CommunityActivityRepository activities, CommunityService communityService,
                           CommunityNotifier notifier) {
        this.activities = activities;
        this.communityService = communityService;
        this.notifier = notifier;
    }

    /** Another feature scheduled (or moved, or cancelled) something for a community: kept in its calendar. */
    @EventListener
    @Transactional
    public void onActivityScheduled(CommunityActivityScheduledEvent event) {
        Optional<Community> community = communityService.find(event.communityId());
        if (community.isEmpty() || event.start() == null || event.end() == null || event.title() == null) {
            LOG.warn("Ignored activity for unknown community or without dates: {}", event);
            return;
        }
        CommunityActivity activity = event.sourceId() == null ? null
                : activities.findBySourceTypeAndSourceId(event.sourceType(), event.sourceId()).orElse(null);
        boolean created = activity == null;
        if (created) {
            activity = new CommunityActivity(event.communityId(), event.sourceType(), event.sourceId());
        }
        activity.schedule(truncate(event.title()), event.kind() == null ? "OTHER" : event.kind(), event.start(),
                event.end().isAfter(event.start()) ? event.end() : event.start().plus(Duration.ofHours(1)),
                event.cancelled());
        activities.save(activity);
        if (created && !event.cancelled()) {
            notifier.notify(communityService.memberIds(event.communityId()), null, "community.notify.activityScheduled",
                    subject(activity.getTitle(), community.get().getName(), event.start()),
                    "community/" + event.communityId());
        }
    }

    /**
     * What an activity's notification names: its title, its community and when it starts (ISO date and time in
     * Cohorte's zone: a notification's arguments are stored once for all its readers, whatever their language).
     */
    private static List<String> subject(String title, String community, Instant start) {
        return List.of(title, community,
                start.atZone(EngineClock.ZONE).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    }

    /** A facilitator plans an activity (monthly call, workshop). */
    @Transactional
    public UUID schedule(UUID communityId, String title, String kind, Instant start, Instant end) {
        String communityName = communityService.requireManager(communityId).getName();
        String clean = title == null ? "" : PlainText.clean(title).strip();
        if (clean.isEmpty() || clean.length() > 300 || start == null || end == null || !end.isAfter(start)) {
            throw new CohorteException("community.error.activityInvalid");
        }
        CommunityActivity activity = new CommunityActivity(communityId, null, null);
        activity.schedule(clean, kind == null ? "OTHER" : kind, start, end, false);
        activities.save(activity);
        notifier.notify(communityService.memberIds(communityId), null, "community.notify.activityScheduled",
                subject(clean, communityName, start), "community/" + communityId);
        return activity.getId();
    }

    /** Activities not yet over, soonest first. Readers only. */
    @Transactional(readOnly = true)
    public List<ActivitySummary> upcoming(UUID communityId) {
        communityService.requireReader(communityId);
        return activities.findByCommunityIdAndCancelledFalseAndEndsAtAfterOrderByStartsAt(communityId, EngineClock.now())
                .stream().map(CalendarService::summary).toList();
    }

    /** The path of the signed-in member's personal feed for this community (members only). */
    @Transactional
    public String feedPath(UUID communityId) {
        return FEED_PATH + communityService.feedToken(communityId) + ".ics";
    }

    /**
     * The iCalendar feed a token opens: the member's community, its activities from 90 days ago on (cancelled
     * ones marked so, for calendars to remove them). Empty for an unknown token.
     */
    @Transactional(readOnly = true)
    public Optional<String> feed(String token) {
        Optional<CommunityMember> member = communityService.membershipByFeedToken(token);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        UUID communityId = member.get().getCommunityId();
        Community community = communityService.find(communityId).orElseThrow();
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Cohorte//Communautés de pratique//FR"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", community.getName()));
        // Texts in the language the member chose in their profile (French when they never did).
        String reader = member.get().getUserId();
        String link = notifier.link("community/" + communityId);
        URI uri = URI.create(link);
        for (CommunityActivity activity : activities.findByCommunityIdAndEndsAtAfterOrderByStartsAt(communityId,
                EngineClock.now().minus(FEED_HISTORY))) {
            VEvent event = new VEvent(activity.getStartsAt(), activity.getEndsAt(), activity.getTitle());
            event.add(new Uid(activity.getId() + "@cohorte"));
            event.add(new Categories(activity.getKind().toLowerCase(Locale.ROOT)));
            event.add(new Description(notifier.translate(reader, "community.calendar.eventDescription",
                    notifier.translate(reader, "community.activity." + kindKey(activity.getKind())),
                    community.getName(), link)));
            event.add(new Url(uri));
            if (activity.isCancelled()) {
                event.add(ImmutableStatus.VEVENT_CANCELLED);
            }
            calendar.add(event);
        }
        return Optional.of(calendar.toString());
    }

    /** The kinds the bundles name; any other is an "activity". */
    public static String kindKey(String kind) {
        return switch (kind == null ? "" : kind) {
            case "MONTHLY_CALL", "WORKSHOP", "CODEVELOPMENT_SESSION" -> kind;
            default -> "OTHER";
        };
    }

    private static ActivitySummary summary(CommunityActivity a) {
        return new ActivitySummary(a.getId(), a.getCommunityId(), a.getTitle(), a.getKind(), a.getStartsAt(),
                a.getEndsAt(), a.isCancelled());
    }

    private static String truncate(String title) {
        String clean = title.strip();
        return clean.length() > 300 ? clean.substring(0, 299) + "…" : clean;
    }
}
