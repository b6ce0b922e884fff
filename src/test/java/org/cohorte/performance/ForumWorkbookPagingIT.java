package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Frequency;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.domain.IndicatorRepository;
import org.cohorte.performance.service.ForumWorkbookData;
import org.cohorte.performance.service.ForumWorkbookService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The workbook's rows come page by page: every indicator once, in order, across page boundaries and organizations. */
class ForumWorkbookPagingIT extends IntegrationTest {

    @Autowired
    PerformanceFixture fixture;
    @Autowired
    ForumWorkbookService workbookService;
    @Autowired
    IndicatorRepository indicators;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void rows_cover_every_indicator_once_in_order_across_pages() {
        var a = fixture.organization("pages-a");
        var b = fixture.organization("pages-b");
        int perOrganization = 1_203; // more than two pages of 500
        transaction.executeWithoutResult(s -> {
            for (var org : List.of(a, b)) {
                List<Indicator> batch = new ArrayList<>();
                for (int i = 0; i < perOrganization; i++) {
                    batch.add(new Indicator(org.objectiveId(), org.id(), new IndicatorDefinition(
                            String.format("Indicateur %05d", i), "%", 10, LocalDate.of(2026, 1, 1), 20,
                            LocalDate.of(2027, 12, 31), Direction.HIGHER, Frequency.QUARTERLY, org.owner(), org.validator())));
                }
                indicators.saveAll(batch);
            }
        });
        String forum = data.user("forum", org.cohorte.identity.service.Roles.FORUM);

        ForumWorkbookData collected = data.as(forum, () -> workbookService.collect("2027-Q1", List.of(a.id(), b.id()), Locale.FRENCH));
        assertThat(collected.indicatorCount()).isEqualTo(2L * perOrganization);
        assertThat(collected.summary()).allSatisfy(line -> assertThat(line.notRated()).isEqualTo(perOrganization));

        List<String> seen = new ArrayList<>();
        List<String> organizations = new ArrayList<>();
        for (ForumWorkbookData.IndicatorRow row : collected.indicators()) {
            seen.add(row.indicator());
            organizations.add(row.organization());
        }
        assertThat(seen).hasSize(2 * perOrganization);
        List<String> expected = new ArrayList<>();
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < perOrganization; i++) {
                expected.add(String.format("Indicateur %05d", i));
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        // Organizations come one after the other, never interleaved.
        assertThat(organizations.subList(0, perOrganization)).containsOnly(organizations.get(0));
        assertThat(organizations.subList(perOrganization, 2 * perOrganization)).containsOnly(organizations.get(perOrganization));
        assertThat(organizations.get(0)).isNotEqualTo(organizations.get(perOrganization));
    }
}
