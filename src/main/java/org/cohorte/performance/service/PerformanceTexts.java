package org.cohorte.performance.service;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The free texts of objectives, indicators and reviews, and their rules (read by {@code base.text.FreeText}):
 * {@code @NotNull} where a text is required, {@code @Size} the length its column holds.
 */
final class PerformanceTexts {

    private static final String REQUIRED = "{performance.error.required}";
    private static final String TOO_LONG = "{performance.error.tooLong}";

    @NotNull(message = REQUIRED)
    @Size(max = IndicatorService.MAX_NAME, message = TOO_LONG)
    String name;

    @NotNull(message = REQUIRED)
    @Size(max = IndicatorService.MAX_UNIT, message = TOO_LONG)
    String unit;

    @Size(max = IndicatorService.MAX_TEXT, message = TOO_LONG)
    String comment;

    @NotNull(message = REQUIRED)
    @Size(max = IndicatorService.MAX_TEXT, message = TOO_LONG)
    String actionPlan;

    @NotNull(message = REQUIRED)
    @Size(max = 2000, message = TOO_LONG)
    String sendBackReason;

    @Size(max = 1000, message = TOO_LONG)
    String evidenceUrl;

    private PerformanceTexts() {
    }
}
