package org.cohorte.performance.domain;

import java.time.LocalDate;

/** The fields a manager sets on an indicator, by form or by import. */
public record IndicatorDefinition(String name, String unit, double baselineValue, LocalDate baselineDate,
                                  double targetValue, LocalDate targetDate, Direction direction, Frequency frequency,
                                  String ownerId, String validatorId) {
}
