package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** indicator-status.dmn, table-driven: both directions, before and after the target date, a flat path. */
class IndicatorStatusDecisionTest extends IntegrationTest {

    @Autowired
    DecisionService decisionService;

    @ParameterizedTest(name = "{0}: baseline {1}, target {2}, measured {3}, elapsed {4} -> {5}")
    @CsvSource({
            // Higher is better, half-way through: 50 is on the path, 40 a bit behind, 20 far behind.
            "HIGHER, 0, 100, 50, 0.5, ON_TRACK",
            "HIGHER, 0, 100, 46, 0.5, ON_TRACK",
            "HIGHER, 0, 100, 40, 0.5, AT_RISK",
            "HIGHER, 0, 100, 20, 0.5, OFF_TRACK",
            "HIGHER, 0, 100, -5, 0.5, OFF_TRACK",
            "HIGHER, 0, 100, 100, 0.5, ON_TRACK",
            // Higher is better, at or past the target date: only the target counts.
            "HIGHER, 0, 100, 99, 1.0, OFF_TRACK",
            "HIGHER, 0, 100, 90, 1.3, OFF_TRACK",
            "HIGHER, 0, 100, 100, 1.3, ON_TRACK",
            "HIGHER, 0, 100, 120, 1.3, ON_TRACK",
            // Lower is better (waiting time from 100 to 60 days).
            "LOWER, 100, 60, 80, 0.5, ON_TRACK",
            "LOWER, 100, 60, 86, 0.5, AT_RISK",
            "LOWER, 100, 60, 95, 0.5, OFF_TRACK",
            "LOWER, 100, 60, 110, 0.5, OFF_TRACK",
            "LOWER, 100, 60, 55, 0.5, ON_TRACK",
            "LOWER, 100, 60, 65, 1.0, OFF_TRACK",
            "LOWER, 100, 60, 60, 1.2, ON_TRACK",
            // Early in the path: no progress expected yet, going backwards is still off track.
            "HIGHER, 10, 20, 10, 0.0, ON_TRACK",
            "HIGHER, 10, 20, 9, 0.0, OFF_TRACK",
            // Zero-width path (keep a level): held is on track, slipping is at risk, then off track at the date.
            "HIGHER, 95, 95, 95, 0.5, ON_TRACK",
            "HIGHER, 95, 95, 97, 0.5, ON_TRACK",
            "HIGHER, 95, 95, 94, 0.5, AT_RISK",
            "HIGHER, 95, 95, 94, 1.0, OFF_TRACK",
            "LOWER, 3, 3, 2, 0.5, ON_TRACK",
            "LOWER, 3, 3, 4, 0.5, AT_RISK",
            "LOWER, 3, 3, 4, 1.5, OFF_TRACK"
    })
    void the_status_follows_the_straight_path_from_baseline_to_target(String direction, double baseline, double target,
                                                                       double measured, double elapsed, String expected) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("direction", direction);
        variables.put("baselineValue", baseline);
        variables.put("targetValue", target);
        variables.put("measuredValue", measured);
        variables.put("elapsed", elapsed);
        var result = decisionService.evaluateDecisionTableByKey("indicator_status", variables);
        assertThat(result.getSingleResult().<String>getSingleEntry()).isEqualTo(expected);
    }
}
