package org.cohorte.incubator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.cohorte.incubator.service.ExperimentRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both incubator DMN tables, rule by rule and at every boundary, on a bare DMN engine. */
class ExperimentDecisionTablesTest {

    private static DmnDecision routing;
    private static DmnDecision decision;

    @BeforeAll
    static void parse() throws IOException {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(event -> matched.set(
                event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList())));
        DmnEngine engine = configuration.buildEngine();
        try (InputStream in = Files.newInputStream(Path.of("processes/experiment-review-routing.dmn"))) {
            routing = engine.parseDecision("experiment_review_routing", in);
        }
        try (InputStream in = Files.newInputStream(Path.of("processes/experiment-decision.dmn"))) {
            decision = engine.parseDecision("experiment_decision", in);
        }
        engineHolder = engine;
    }

    private static DmnEngine engineHolder;
    private static final AtomicReference<List<String>> matched = new AtomicReference<>();

    @ParameterizedTest(name = "budget {0} $, {1} weeks → second level {2} (rule {3})")
    @CsvSource({
            "0,        1,  false, rule_small",
            "50000,    12, false, rule_small",
            "50000.01, 12, true,  rule_large_budget",
            "80000,    1,  true,  rule_large_budget",
            "80000,    52, true,  rule_large_budget",
            "50000,    13, true,  rule_long_run",
            "0,        52, true,  rule_long_run",
            "49999,    11, false, rule_small",
    })
    void the_routing_table_sends_large_or_long_proposals_to_a_second_level(double budget, int weeks, boolean expected,
                                                                         String rule) {
        DmnDecisionTableResult result = engineHolder.evaluateDecisionTable(routing,
                Variables.createVariables().putValue("budget", budget).putValue("durationWeeks", weeks));
        assertThat(result).hasSize(1);
        assertThat((Boolean) result.getSingleEntry()).isEqualTo(expected);
        assertThat(matched.get()).containsExactly(rule);
    }

    @ParameterizedTest(name = "attainment {0} %, iteration {1} → {2} (rule {3})")
    @CsvSource({
            "100,    1, SCALE, rule_scale",
            "250,    4, SCALE, rule_scale",
            "99.99,  1, PERSEVERE, rule_persevere",
            "80,     5, PERSEVERE, rule_persevere",
            "79.99,  1, PIVOT, rule_pivot_halfway",
            "50,     2, PIVOT, rule_pivot_halfway",
            "50,     3, STOP, rule_stop_halfway",
            "79.99,  3, STOP, rule_stop_halfway",
            "49.99,  1, PIVOT, rule_pivot_far",
            "0,      1, PIVOT, rule_pivot_far",
            "49.99,  2, STOP, rule_stop_far",
            "0,      9, STOP, rule_stop_far",
    })
    void the_decision_table_suggests_from_the_attainment_and_the_iteration(double attainment, int iteration,
                                                                         String expected, String rule) {
        DmnDecisionTableResult result = engineHolder.evaluateDecisionTable(decision,
                Variables.createVariables().putValue("attainment", attainment).putValue("iteration", iteration));
        assertThat(result).hasSize(1);
        assertThat((String) result.getSingleEntry()).isEqualTo(expected);
        assertThat(matched.get()).containsExactly(rule);
    }

    @ParameterizedTest(name = "observed {0}, threshold {1}, higher is better {2} → {3} %")
    @CsvSource({
            "120, 100, true,  100",
            "100, 100, true,  100",
            "80,  100, true,  80",
            "-5,  100, true,  0",
            "5,   0,   true,  100",
            "-1,  0,   true,  0",
            "12,  15,  false, 100",
            "15,  15,  false, 100",
            "30,  15,  false, 50",
            "20,  0,   false, 0",
    })
    void attainment_follows_the_criterion_direction(double observed, double threshold, boolean higher, double expected) {
        assertThat(ExperimentRules.attainment(observed, threshold, higher)).isEqualTo(expected);
    }
}
