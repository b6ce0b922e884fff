package org.cohorte.incubator.service;

import jakarta.validation.constraints.Size;

/** The rule of the incubator's free texts (read by {@code base.text.FreeText}): what its text columns hold. */
final class IncubatorTexts {

    @Size(max = IncubatorService.MAX_TEXT, message = "{incubator.error.tooLong}")
    String text;

    @Size(max = IncubatorService.MAX_SHORT, message = "{incubator.error.tooLong}")
    String metric;

    @Size(max = IncubatorService.MAX_UNIT, message = "{incubator.error.tooLong}")
    String unit;

    private IncubatorTexts() {
    }
}
