package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Frequency;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.PerformanceAccess;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A manager of organization A cannot read or change B's indicators; the forum reads all and writes nothing. */
class PerformanceAuthorizationIT extends IntegrationTest {

    @Autowired
    PerformanceFixture fixture;
    @Autowired
    IndicatorService indicatorService;
    @Autowired
    ReviewService reviewService;
    @Autowired
    PerformanceAccess access;

    private IndicatorDefinition definition(PerformanceFixture.Org org) {
        return new IndicatorDefinition("Délai", "jours", 30, LocalDate.of(2026, 1, 1), 20, LocalDate.of(2027, 1, 1),
                Direction.LOWER, Frequency.QUARTERLY, org.owner(), org.validator());
    }

    @Test
    void a_manager_of_another_organization_can_neither_read_nor_change_its_indicators() {
        var a = fixture.organization("orga");
        var b = fixture.organization("orgb");
        Indicator indicatorOfB = fixture.indicator(b, "Délai B", 30, LocalDate.of(2026, 1, 1), 20,
                LocalDate.of(2027, 1, 1), Direction.LOWER);

        data.as(a.manager(), () -> {
            assertThatThrownBy(() -> indicatorService.indicators(b.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> indicatorService.indicator(indicatorOfB.getId())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> indicatorService.history(indicatorOfB.getId())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> indicatorService.defineIndicator(b.objectiveId(), definition(b)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> indicatorService.updateIndicator(indicatorOfB.getId(), definition(b)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> indicatorService.createObjective(b.id(), "Pirate", null))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> reviewService.startReview(b.id(), "2026-Q1")).isInstanceOf(NotFoundException.class);
            assertThat(access.readableOrganizations()).extracting(OrganizationRef::id).containsExactly(a.id());
        });
        assertThat(data.as(b.manager(), () -> indicatorService.indicator(indicatorOfB.getId())).getName()).isEqualTo("Délai B");
        assertThat(data.as(b.manager(), () -> indicatorService.indicators(b.id()))).extracting(Indicator::getName)
                .containsExactly("Délai B");
    }

    @Test
    void the_forum_reads_every_organization_and_writes_nothing() {
        var a = fixture.organization("forumA");
        var b = fixture.organization("forumB");
        Indicator indicatorOfA = fixture.indicator(a, "Taux A", 10, LocalDate.of(2026, 1, 1), 20,
                LocalDate.of(2027, 1, 1), Direction.HIGHER);
        fixture.indicator(b, "Taux B", 10, LocalDate.of(2026, 1, 1), 20, LocalDate.of(2027, 1, 1), Direction.HIGHER);
        String forum = data.user("forum", Roles.FORUM);

        data.as(forum, () -> {
            assertThat(indicatorService.indicators(a.id())).extracting(Indicator::getName).containsExactly("Taux A");
            assertThat(indicatorService.indicators(b.id())).extracting(Indicator::getName).containsExactly("Taux B");
            assertThat(access.readableOrganizations()).extracting(OrganizationRef::id).contains(a.id(), b.id());
            assertThatThrownBy(() -> indicatorService.defineIndicator(a.objectiveId(), definition(a)))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> indicatorService.updateIndicator(indicatorOfA.getId(), definition(a)))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> indicatorService.createObjective(a.id(), "x", null)).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> reviewService.startReview(a.id(), "2026-Q1")).isInstanceOf(ForbiddenException.class);
        });
        assertThat(data.as(a.manager(), () -> indicatorService.indicator(indicatorOfA.getId())).getTargetValue()).isEqualTo(20);
    }

    @Test
    void a_member_without_a_performance_role_sees_no_organization() {
        var a = fixture.organization("membre");
        String member = data.user("membre", Roles.PARTICIPANT);
        data.as(member, () -> {
            assertThat(access.readableOrganizations()).isEmpty();
            assertThatThrownBy(() -> indicatorService.indicators(a.id())).isInstanceOf(NotFoundException.class);
        });
    }

    @Test
    void an_indicator_must_be_coherent_before_it_is_saved() {
        var a = fixture.organization("coherent");
        data.as(a.manager(), () -> {
            assertThatThrownBy(() -> indicatorService.defineIndicator(a.objectiveId(), new IndicatorDefinition("Délai",
                    "jours", 30, LocalDate.of(2026, 1, 1), 40, LocalDate.of(2027, 1, 1), Direction.LOWER,
                    Frequency.QUARTERLY, a.owner(), a.validator())))
                    .isInstanceOf(CohorteException.class).hasMessageContaining("performance.error.targetAgainstDirection");
            assertThatThrownBy(() -> indicatorService.defineIndicator(a.objectiveId(), new IndicatorDefinition("Délai",
                    "jours", 30, LocalDate.of(2026, 1, 1), 20, LocalDate.of(2025, 1, 1), Direction.LOWER,
                    Frequency.QUARTERLY, a.owner(), a.validator())))
                    .isInstanceOf(CohorteException.class).hasMessageContaining("performance.error.targetBeforeBaseline");
            assertThatThrownBy(() -> indicatorService.defineIndicator(a.objectiveId(), new IndicatorDefinition(" ",
                    "jours", 30, LocalDate.of(2026, 1, 1), 20, LocalDate.of(2027, 1, 1), Direction.LOWER,
                    Frequency.QUARTERLY, a.owner(), a.validator())))
                    .isInstanceOf(CohorteException.class).hasMessageContaining("performance.error.required");
            assertThatThrownBy(() -> reviewService.startReview(a.id(), "2026-T5"))
                    .isInstanceOf(CohorteException.class).hasMessageContaining("performance.error.period");
        });
        assertThat(data.as(a.manager(), () -> indicatorService.indicators(a.id()))).isEmpty();
    }
}
