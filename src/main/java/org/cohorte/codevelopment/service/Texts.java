package org.cohorte.codevelopment.service;

import static org.cohorte.codevelopment.service.CodevSessionService.MAX_LONG;
import static org.cohorte.codevelopment.service.CodevSessionService.MAX_SHORT;
import static org.cohorte.codevelopment.service.CodevSessionService.MAX_TEXT;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.cohorte.base.text.FreeText;

/**
 * The free texts of groups and sessions, and their rules as Bean Validation constraints (checked by
 * {@link FreeText}): {@code @NotNull} where a text is required, {@code @Size} the length its column holds.
 */
@SuppressWarnings("unused")
final class Texts {

    private static final String REQUIRED = "{codevelopment.error.textRequired}";
    private static final String TOO_LONG = "{codevelopment.error.textTooLong}";

    @NotNull(message = REQUIRED) @Size(max = 200, message = TOO_LONG)
    private String groupName;
    @NotNull(message = REQUIRED) @Size(max = MAX_LONG, message = TOO_LONG)
    private String charter;
    @Size(max = 1000, message = TOO_LONG)
    private String overrideReason;
    @NotNull(message = REQUIRED) @Size(max = MAX_SHORT, message = TOO_LONG)
    private String caseTitle;
    @NotNull(message = REQUIRED) @Size(max = MAX_LONG, message = TOO_LONG)
    private String caseContext;
    @Size(max = MAX_LONG, message = TOO_LONG)
    private String caseDetail;
    /** A board question, an answer, a contribution, a learning. */
    @NotNull(message = REQUIRED) @Size(max = MAX_TEXT, message = TOO_LONG)
    private String boardText;
    @NotNull(message = REQUIRED) @Size(max = 2000, message = TOO_LONG)
    private String contract;
    /** The synthesis and the follow-up report. */
    @NotNull(message = REQUIRED) @Size(max = MAX_LONG, message = TOO_LONG)
    private String report;
    @NotNull(message = REQUIRED) @Size(max = 1000, message = TOO_LONG)
    private String action;
    @Size(max = 2000, message = TOO_LONG)
    private String actionOutcome;
    @NotNull(message = REQUIRED) @Size(max = 1000, message = TOO_LONG)
    private String cancelReason;
    /** The facilitator's notes of one step (empty clears them). */
    @Size(max = MAX_LONG, message = TOO_LONG)
    private String stepNotes;

    private Texts() {
    }

    /** The cleaned text of {@code field}, or null when empty and optional; refused as the field's rules say. */
    static String check(String field, String value) {
        return FreeText.check(Texts.class, field, value);
    }
}
