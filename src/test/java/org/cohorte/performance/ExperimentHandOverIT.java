package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.service.ExperimentScaledEvent;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.Period;
import java.util.List;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.SteeringRoomService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** A scaled experiment becomes a draft indicator, once; the manager activates it; no portfolio, no experiments. */
class ExperimentHandOverIT extends IntegrationTest {

    @Autowired
    PerformanceFixture fixture;
    @Autowired
    IndicatorService indicatorService;
    @Autowired
    SteeringRoomService steeringRoom;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void a_scaled_experiment_becomes_a_draft_indicator_that_the_manager_activates() {
        var org = fixture.organization("echelle");
        String committee = data.user("comite", Roles.COMMITTEE);
        UUID experiment = UUID.randomUUID();
        ExperimentScaledEvent event = new ExperimentScaledEvent(experiment, org.id(), "Clavardage citoyen",
                "Demandes réglées au premier contact", "%", 64.0, 60.0, true, org.owner());
        for (int i = 0; i < 2; i++) {
            data.as(committee, () -> transaction.executeWithoutResult(s -> events.publishEvent(event)));
        }

        var indicators = data.as(org.manager(), () -> indicatorService.indicators(org.id()));
        assertThat(indicators).hasSize(1);
        Indicator draft = indicators.get(0);
        assertThat(draft.isDraft()).isTrue();
        assertThat(draft.getSourceExperimentId()).isEqualTo(experiment);
        assertThat(draft.getName()).isEqualTo("Clavardage citoyen — Demandes réglées au premier contact");
        assertThat(draft.getBaselineValue()).isEqualTo(64.0);
        // The experiment beat its threshold (64 % against 60 %): the draft holds what it reached, never a target
        // against its direction, which the import would refuse when the template comes back.
        assertThat(draft.getTargetValue()).isEqualTo(64.0);
        assertThat(draft.getDirection()).isEqualTo(Direction.HIGHER);
        assertThat(draft.getOwnerId()).isEqualTo(org.owner());
        assertThat(data.as(org.manager(), () -> indicatorService.objectives(org.id())).get(0).getTitle())
                .isEqualTo(IndicatorService.SCALED_OBJECTIVE_TITLE);

        Period period = Period.parse("2026-Q2");
        var before = data.as(org.manager(), () -> steeringRoom.overview(period, List.of(org.id())));
        assertThat(before.organizations().get(0).objectives()).isEmpty();
        // The incubator's portfolio answers for this organization, which has no experiment.
        assertThat(before.experimentsAvailable()).isTrue();
        assertThat(before.experimentsByStage().values()).allMatch(count -> count == 0);

        data.as(org.manager(), () -> indicatorService.activate(draft.getId()));
        var after = data.as(org.manager(), () -> steeringRoom.overview(period, List.of(org.id())));
        assertThat(after.organizations().get(0).objectives().get(0).indicators()).hasSize(1);
    }

    @Test
    void a_lower_is_better_experiment_scaled_short_of_its_threshold_keeps_the_threshold_as_target() {
        var org = fixture.organization("echelle-baisse");
        String committee = data.user("comite", Roles.COMMITTEE);
        ExperimentScaledEvent event = new ExperimentScaledEvent(UUID.randomUUID(), org.id(), "Kanban RH", "Délai",
                "jours", 12.0, 10.0, false, org.owner());
        data.as(committee, () -> transaction.executeWithoutResult(s -> events.publishEvent(event)));

        Indicator draft = data.as(org.manager(), () -> indicatorService.indicators(org.id())).get(0);
        assertThat(draft.getDirection()).isEqualTo(Direction.LOWER);
        assertThat(draft.getBaselineValue()).isEqualTo(12.0);
        assertThat(draft.getTargetValue()).isEqualTo(10.0);
        assertThat(draft.getTargetDate()).isAfter(draft.getBaselineDate());
    }
}
