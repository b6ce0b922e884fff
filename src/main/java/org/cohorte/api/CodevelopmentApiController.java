package org.cohorte.api;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.ActionInput;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.GroupSummary;
import org.cohorte.codevelopment.service.LaunchRequest;
import org.cohorte.codevelopment.service.SessionBoard;
import org.cohorte.base.error.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Codevelopment sessions over HTTP: launch, the board, board entries (questions, contributions) and each
 * step's task action, through CodevSessionService (which checks group, charter and role as for the UI).
 */
@RestController
@RequestMapping("/api/codevelopment")
class CodevelopmentApiController {

    record LaunchBody(String clientId, SessionMode mode, Instant scheduledAt, List<Integer> timeboxMinutes,
                      String overrideReason, Integer followUpWeeks) {
    }

    record TextBody(String text) {
    }

    record AnswerBody(String answer, Long expectedVersion) {
    }

    record StepBody(Integer expectedStep, Integer minutes, String reason) {
    }

    /** The fields of every step form; each action reads its own. */
    record TaskBody(String title, String context, String tried, String stakes, List<String> present, String contract,
                    Boolean approved, String synthesis, List<ActionInput> actions, Boolean consent, String learning,
                    Integer rating, String report, Map<UUID, String> outcomes, List<String> tags, String body) {
    }

    private final CodevGroupService groups;
    private final CodevSessionService sessions;
    private final IdempotentCalls idempotent;
    private final TaskOutcomes tasks;

    CodevelopmentApiController(CodevGroupService groups, CodevSessionService sessions, IdempotentCalls idempotent,
                               TaskOutcomes tasks) {
        this.groups = groups;
        this.sessions = sessions;
        this.idempotent = idempotent;
        this.tasks = tasks;
    }

    @GetMapping("/groups")
    List<GroupSummary> myGroups() {
        return groups.myGroups();
    }

    /** The facilitator launches a session; without a client, the one the rotation suggests. */
    @PostMapping("/groups/{groupId}/sessions")
    ResponseEntity<Created> launch(@PathVariable UUID groupId, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                   @RequestBody LaunchBody body) {
        return Created.of(idempotent.create(key, "POST /codevelopment/groups/sessions", List.of(groupId, body), () -> {
            String client = body.clientId() != null ? body.clientId() : groups.get(groupId).suggestedClientId();
            return sessions.launch(groupId, new LaunchRequest(body.scheduledAt() == null ? EngineClock.now() : body.scheduledAt(),
                    body.mode() == null ? SessionMode.LIVE : body.mode(), body.timeboxMinutes(), client,
                    body.overrideReason(), body.followUpWeeks() == null ? 4 : body.followUpWeeks()));
        }));
    }

    @GetMapping("/sessions/{sessionId}")
    SessionBoard board(@PathVariable UUID sessionId) {
        return sessions.board(sessionId);
    }

    /** The caller's open task in this session: {@code {"taskId": ...}}, or 404 when they have none. */
    @GetMapping("/sessions/{sessionId}/my-task")
    Map<String, String> myTask(@PathVariable UUID sessionId) {
        String taskId = sessions.myOpenTask(sessionId).orElseThrow(() -> new NotFoundException("tasks.error.notFound"));
        return Map.of("taskId", taskId);
    }

    @PostMapping("/sessions/{sessionId}/questions")
    ResponseEntity<Created> ask(@PathVariable UUID sessionId, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                @RequestBody TextBody body) {
        return Created.of(idempotent.create(key, "POST /codevelopment/sessions/questions", List.of(sessionId, body), () -> sessions.addQuestion(sessionId, body.text())));
    }

    @PostMapping("/sessions/{sessionId}/contributions")
    ResponseEntity<Created> contribute(@PathVariable UUID sessionId, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                       @RequestBody TextBody body) {
        return Created.of(idempotent.create(key, "POST /codevelopment/sessions/contributions", List.of(sessionId, body), () -> sessions.addContribution(sessionId, body.text())));
    }

    @PostMapping("/questions/{entryId}/answer")
    Done answer(@PathVariable UUID entryId, @RequestBody AnswerBody body) {
        if (body.expectedVersion() == null) {
            throw new IllegalArgumentException("expectedVersion");
        }
        sessions.answerQuestion(entryId, body.answer(), body.expectedVersion());
        return Done.DONE;
    }

    @PostMapping("/sessions/{sessionId}/advance")
    Done advance(@PathVariable UUID sessionId, @RequestBody StepBody body) {
        sessions.advance(sessionId, required(body.expectedStep()));
        return Done.DONE;
    }

    @PostMapping("/sessions/{sessionId}/extend")
    Done extend(@PathVariable UUID sessionId, @RequestBody StepBody body) {
        sessions.extend(sessionId, required(body.expectedStep()), required(body.minutes()));
        return Done.DONE;
    }

    @PostMapping("/sessions/{sessionId}/cancel")
    Done cancel(@PathVariable UUID sessionId, @RequestBody StepBody body) {
        sessions.cancel(sessionId, body.reason());
        return Done.DONE;
    }

    /**
     * One step's task: {@code prepare-case}, {@code open}, {@code finish-presentation}, {@code finish-clarification},
     * {@code write-contract}, {@code validate-contract}, {@code finish-consultation}, {@code synthesize},
     * {@code learning}, {@code follow-up}, {@code publish-note}.
     */
    @PostMapping("/tasks/{taskId}/{action}")
    Done step(@PathVariable String taskId, @PathVariable String action, @RequestBody TaskBody b) {
        Runnable call = switch (action) {
            case "prepare-case" -> () -> sessions.prepareCase(taskId, b.title(), b.context(), b.tried(), b.stakes());
            case "open" -> () -> sessions.openSession(taskId, b.present());
            case "finish-presentation" -> () -> sessions.finishPresentation(taskId);
            case "finish-clarification" -> () -> sessions.finishClarification(taskId);
            case "write-contract" -> () -> sessions.writeContract(taskId, b.contract());
            case "validate-contract" -> () -> sessions.validateContract(taskId, required(b.approved()));
            case "finish-consultation" -> () -> sessions.finishConsultation(taskId);
            case "synthesize" -> () -> sessions.synthesize(taskId, b.synthesis(), b.actions(), required(b.consent()));
            case "learning" -> () -> sessions.integrateLearning(taskId, b.learning(), required(b.rating()));
            case "follow-up" -> () -> sessions.followUp(taskId, b.report(), b.outcomes() == null ? new HashMap<>() : b.outcomes());
            case "publish-note" -> () -> sessions.publishLearningNote(taskId, b.title(), b.body(), b.tags());
            default -> throw new NotFoundException("api.error.unknownAction", action);
        };
        tasks.act(taskId, call);
        return Done.DONE;
    }

    private static <T> T required(T value) {
        if (value == null) {
            throw new IllegalArgumentException("missing field");
        }
        return value;
    }
}
