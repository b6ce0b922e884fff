package org.cohorte.tasks;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.performance.PerformanceFixture;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.tasks.service.InboxTask;
import org.cohorte.tasks.ui.InboxView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In the inbox, an indicator owner types an indicator's name and finds that indicator's task. */
class ReviewTaskSubjectsViewIT extends ViewTest {

    @Autowired
    PerformanceFixture performance;
    @Autowired
    ReviewService reviewService;

    @SuppressWarnings("unchecked")
    private static Grid<InboxTask> grid() {
        return _get(Grid.class, spec -> spec.withId("inbox-grid"));
    }

    @Test
    void typing_an_indicators_name_leaves_its_task_alone_in_the_inbox() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-04-02T14:00:00Z")));
        PerformanceFixture.Org org = performance.organization("RVV");
        String token = UUID.randomUUID().toString().substring(0, 8);
        performance.indicator(org, "Courriels traités " + token, 0, LocalDate.of(2027, 1, 1), 1000,
                LocalDate.of(2027, 12, 31), Direction.HIGHER);
        performance.indicator(org, "Délais de traitement " + token, 0, LocalDate.of(2027, 1, 1), 1000,
                LocalDate.of(2027, 12, 31), Direction.HIGHER);
        data.as(org.manager(), () -> reviewService.startReview(org.id(), "2027-Q1"));

        signIn(org.owner());
        UI.getCurrent().navigate(InboxView.class);
        assertThat(_size(grid())).isEqualTo(2);
        _get(TextField.class, spec -> spec.withId("subject-filter")).setValue("délais de traitement");
        assertThat(_size(grid())).isEqualTo(1);
        assertThat(_get(grid(), 0).subject().text()).isEqualTo("Délais de traitement " + token + " — période 2027-Q1");
    }
}
