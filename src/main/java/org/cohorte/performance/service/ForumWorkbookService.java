package org.cohorte.performance.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.time.EngineClock;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.blocker.service.BlockerSummary;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.incubator.api.ExperimentPortfolio;
import org.cohorte.incubator.api.ExperimentSnapshot;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorRepository;
import org.cohorte.performance.domain.IndicatorStatus;
import org.cohorte.performance.domain.Measurement;
import org.cohorte.performance.domain.MeasurementRepository;
import org.cohorte.performance.domain.Period;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The forum workbook for a period and a set of organizations (all the user may read when none is given):
 * gathers what the user may see, then {@link ForumWorkbookWriter} lays it out.
 */
@Service
public class ForumWorkbookService {

    /** Periods shown side by side: the chosen quarter and the three before it. */
    static final int PERIODS = 4;
    private static final int PAGE_SIZE = 500;

    private final PerformanceAccess access;
    private final CurrentUser currentUser;
    private final IndicatorRepository indicators;
    private final MeasurementRepository measurements;
    private final BlockerService blockerService;
    private final MemberService memberService;
    private final ObjectProvider<ExperimentPortfolio> portfolio;
    private final CohorteI18NProvider i18n;
    @PersistenceContext
    private EntityManager entityManager;

    public ForumWorkbookService(PerformanceAccess access, CurrentUser currentUser,
                                IndicatorRepository indicators, MeasurementRepository measurements,
                                BlockerService blockerService, MemberService memberService,
                                ObjectProvider<ExperimentPortfolio> portfolio, CohorteI18NProvider i18n) {
        this.access = access;
        this.currentUser = currentUser;
        this.indicators = indicators;
        this.measurements = measurements;
        this.blockerService = blockerService;
        this.memberService = memberService;
        this.portfolio = portfolio;
        this.i18n = i18n;
    }

    /** Writes the workbook; refuses (before writing anything) a period or an organization the user may not read. */
    @Transactional(readOnly = true)
    public void export(String periodLabel, Collection<UUID> organizationIds, Locale locale, OutputStream out,
                       LongConsumer progress) {
        ForumWorkbookData data = collect(periodLabel, organizationIds, locale);
        try {
            new ForumWorkbookWriter(data, progress).write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional(readOnly = true)
    public ForumWorkbookData collect(String periodLabel, Collection<UUID> organizationIds, Locale locale) {
        CurrentUser.Identity me = currentUser.require();
        Period period = Period.parse(periodLabel);
        if (period == null) {
            throw new CohorteException("performance.error.period", periodLabel == null ? "" : periodLabel);
        }
        List<OrganizationRef> readable = access.readableOrganizations();
        if (readable.isEmpty()) {
            throw new NotFoundException("performance.error.notFound");
        }
        Map<UUID, OrganizationRef> byId = readable.stream().collect(Collectors.toMap(OrganizationRef::id, o -> o));
        Set<UUID> requested = new LinkedHashSet<>(organizationIds == null ? List.of() : organizationIds);
        for (UUID id : requested) {
            if (!byId.containsKey(id)) {
                throw new NotFoundException("performance.error.notFound");
            }
        }
        List<OrganizationRef> selected = requested.isEmpty() ? readable
                : readable.stream().filter(o -> requested.contains(o.id())).toList();
        List<UUID> ids = selected.stream().map(OrganizationRef::id).toList();
        Map<UUID, String> names = new HashMap<>();
        selected.forEach(o -> names.put(o.id(), o.label()));

        List<Period> periods = new ArrayList<>();
        Period p = period;
        for (int i = 0; i < PERIODS; i++) {
            periods.add(0, p);
            p = p.previous();
        }
        List<String> periodLabels = periods.stream().map(Period::label).toList();

        // Counts come from grouped queries and rows are produced page by page while the writer consumes them,
        // so that neither the probe nor the export holds every indicator in memory.
        Map<UUID, long[]> counts = new HashMap<>();
        ids.forEach(id -> counts.put(id, new long[4]));
        long indicatorCount = 0;
        for (Object[] row : indicators.countActiveByOrganization(ids)) {
            long total = (Long) row[1];
            counts.get((UUID) row[0])[3] = total;
            indicatorCount += total;
        }
        for (Object[] row : measurements.countStatuses(ids, period.label())) {
            long[] c = counts.get((UUID) row[0]);
            long n = (Long) row[2];
            c[((IndicatorStatus) row[1]).ordinal()] += n;
            c[3] -= n;
        }
        List<UUID> rowOrder = selected.stream().sorted(Comparator.comparing(OrganizationRef::label))
                .map(OrganizationRef::id).toList();
        Iterable<ForumWorkbookData.IndicatorRow> rows = () -> new IndicatorRows(rowOrder, names, periodLabels, period);
        List<BlockerSummary> open = blockerService.forOrganizations(ids).stream().filter(b -> b.status().isOpen()).toList();
        Map<UUID, Long> openByOrg = open.stream().collect(Collectors.groupingBy(BlockerSummary::organizationId, Collectors.counting()));
        var now = EngineClock.now();
        Map<String, String> assigneeNames = memberService.displayNames(open.stream().map(BlockerSummary::assignee)
                .filter(a -> a != null).collect(Collectors.toSet()));
        List<ForumWorkbookData.BlockerRow> blockerRows = open.stream().map(b -> new ForumWorkbookData.BlockerRow(
                names.getOrDefault(b.organizationId(), ""), b.sourceType().name(), b.title(), b.status().name(),
                b.declaredAt(), b.ageInDays(now), b.slaDueAt(BlockerService.SLA),
                now.isAfter(b.slaDueAt(BlockerService.SLA)), b.assignee() == null ? null : assigneeNames.get(b.assignee()),
                b.escalatedAt())).toList();

        List<ForumWorkbookData.OrganizationSummary> summary = selected.stream().map(o -> {
            long[] c = counts.get(o.id());
            return new ForumWorkbookData.OrganizationSummary(o.label(), c[0], c[1], c[2], c[3],
                    openByOrg.getOrDefault(o.id(), 0L));
        }).toList();

        ExperimentPortfolio experiments = portfolio.getIfAvailable();
        List<ExperimentSnapshot> snapshots = experiments == null ? List.of() : experiments.visibleSnapshots(ids);

        return new ForumWorkbookData(now, memberService.displayName(me.userId()) + " (" + me.userId() + ")",
                period.label(), periodLabels, requested.isEmpty() ? List.of() : selected.stream().map(OrganizationRef::label).toList(),
                summary, indicatorCount, rows, blockerRows, snapshots, names, key -> i18n.getTranslation(key, locale));
    }

    /** The indicator rows, one page of one organization at a time, in the workbook's order. */
    private final class IndicatorRows implements Iterator<ForumWorkbookData.IndicatorRow> {

        private final List<UUID> organizations;
        private final Map<UUID, String> names;
        private final List<String> periodLabels;
        private final Period period;
        private int organization;
        private int page;
        private Iterator<ForumWorkbookData.IndicatorRow> current = Collections.emptyIterator();

        IndicatorRows(List<UUID> organizations, Map<UUID, String> names, List<String> periodLabels, Period period) {
            this.organizations = organizations;
            this.names = names;
            this.periodLabels = periodLabels;
            this.period = period;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (organization >= organizations.size()) {
                    return false;
                }
                List<Object[]> batch = indicators.exportPage(organizations.get(organization), PageRequest.of(page, PAGE_SIZE));
                if (batch.isEmpty()) {
                    organization++;
                    page = 0;
                    continue;
                }
                page++;
                current = toRows(batch).iterator();
            }
            return true;
        }

        @Override
        public ForumWorkbookData.IndicatorRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private List<ForumWorkbookData.IndicatorRow> toRows(List<Object[]> batch) {
            List<UUID> batchIds = batch.stream().map(r -> ((Indicator) r[0]).getId()).toList();
            Map<UUID, Map<String, Measurement>> byIndicator = new HashMap<>();
            for (Measurement m : measurements.findByIndicatorIdInOrderByPeriodAsc(batchIds)) {
                byIndicator.computeIfAbsent(m.getIndicatorId(), k -> new HashMap<>()).put(m.getPeriod(), m);
            }
            List<ForumWorkbookData.IndicatorRow> rows = new ArrayList<>(batch.size());
            for (Object[] r : batch) {
                Indicator indicator = (Indicator) r[0];
                String objective = r[1] == null ? "" : (String) r[1];
                Map<String, Measurement> own = byIndicator.getOrDefault(indicator.getId(), Map.of());
                List<Double> values = new ArrayList<>();
                List<String> statuses = new ArrayList<>();
                List<String> comments = new ArrayList<>();
                for (String label : periodLabels) {
                    Measurement m = own.get(label);
                    values.add(m == null ? null : m.getValue());
                    statuses.add(m == null || m.getStatus() == null ? null : m.getStatus().name());
                    comments.add(m == null ? null : m.getComment());
                }
                Measurement current = own.get(period.label());
                IndicatorStatus status = current == null ? null : current.getStatus();
                Double progress = current == null || current.getValue() == null ? null : indicator.progressOf(current.getValue());
                rows.add(new ForumWorkbookData.IndicatorRow(names.get(indicator.getOrganizationId()), objective,
                        indicator.getName(), indicator.getUnit(), indicator.getDirection().name(),
                        indicator.getBaselineValue(), indicator.getTargetValue(), indicator.getTargetDate(), values,
                        statuses, comments, progress, status == null ? null : status.name()));
            }
            // Read-only: drop this page's entities so that the persistence context does not grow with the export.
            entityManager.clear();
            return rows;
        }
    }
}
