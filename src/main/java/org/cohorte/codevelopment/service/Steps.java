package org.cohorte.codevelopment.service;

import java.util.Set;

/** The six steps of a session and their default timeboxes (DESIGN.md, process 1). */
public final class Steps {

    public static final String PROCESS_KEY = "codevelopment_session";
    public static final String TASK_PREPARE_CASE = "user_task_prepare_case";
    public static final String TASK_OPEN_SESSION = "user_task_open_session";
    public static final String TASK_PRESENT_CASE = "user_task_present_case";
    public static final String TASK_ASK_QUESTIONS = "user_task_ask_questions";
    public static final String TASK_ANSWER_QUESTIONS = "user_task_answer_questions";
    public static final String TASK_WRITE_CONTRACT = "user_task_write_contract";
    public static final String TASK_VALIDATE_CONTRACT = "user_task_validate_contract";
    public static final String TASK_CONSULT = "user_task_consult";
    public static final String TASK_SYNTHESIZE = "user_task_synthesize";
    public static final String TASK_INTEGRATE_LEARNING = "user_task_integrate_learning";
    public static final String TASK_FOLLOW_UP = "user_task_follow_up";
    public static final String TASK_PUBLISH_LEARNING_NOTE = "user_task_publish_learning_note";

    /** The client's tasks, the facilitator's and the consultants' (learning: everyone; the note: client or facilitator). */
    static final Set<String> CLIENT_TASKS = Set.of(TASK_PREPARE_CASE, TASK_PRESENT_CASE, TASK_ANSWER_QUESTIONS,
            TASK_WRITE_CONTRACT, TASK_SYNTHESIZE, TASK_FOLLOW_UP);
    static final Set<String> FACILITATOR_TASKS = Set.of(TASK_OPEN_SESSION, TASK_VALIDATE_CONTRACT);
    static final Set<String> CONSULTANT_TASKS = Set.of(TASK_ASK_QUESTIONS, TASK_CONSULT);

    public static final String MESSAGE_ADVANCE = "codev_advance_step";
    public static final String MESSAGE_EXTEND = "codev_extend_step";
    public static final String MESSAGE_CANCEL = "codev_cancel_session";

    /** The follow-up timer, moved when the group's next session comes earlier. */
    public static final String TIMER_FOLLOW_UP = "timer_follow_up";

    // The steps themselves (numbers, label keys, default timeboxes, reminder timers) are read from the model:
    // see SessionSteps. SessionModelAgreementTest checks every id above against the model.

    private Steps() {
    }
}
