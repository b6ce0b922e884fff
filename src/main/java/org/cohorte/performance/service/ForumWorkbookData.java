package org.cohorte.performance.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.cohorte.incubator.api.ExperimentSnapshot;

/**
 * Everything the forum workbook shows, already authorized and translated keys aside: the writer only lays
 * it out. {@code indicators} may be a lazily produced, very long sequence; it is read once, in order.
 *
 * @param labels translates a bundle key (sheet names, headers, statuses) into the reader's language
 */
public record ForumWorkbookData(Instant generatedAt, String generatedBy, String period, List<String> periods,
                                List<String> organizationFilter, List<OrganizationSummary> summary,
                                long indicatorCount, Iterable<IndicatorRow> indicators, List<BlockerRow> blockers,
                                List<ExperimentSnapshot> experiments, Map<UUID, String> organizationNames,
                                Function<String, String> labels) {

    /** One organization's line of the summary sheet. */
    public record OrganizationSummary(String organization, long onTrack, long atRisk, long offTrack, long notRated,
                                      long openBlockers) {
    }

    /**
     * One indicator with its values for {@link ForumWorkbookData#periods()} (null where none), the last
     * period's progress (share of the way from baseline to target), status key and comment.
     */
    public record IndicatorRow(String organization, String objective, String indicator, String unit, String direction,
                               double baseline, double target, LocalDate targetDate, List<Double> values,
                               List<String> statuses, List<String> comments, Double progress, String status) {
    }

    public record BlockerRow(String organization, String source, String title, String status, Instant declaredAt,
                             long ageDays, Instant slaDueAt, boolean overdue, String assignee, Instant escalatedAt) {
    }
}
