package org.cohorte.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cohorte.community.domain.TriageDecision;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.PostSummary;
import org.cohorte.community.service.QuestionService;
import org.cohorte.community.service.QuestionSummary;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Community questions over HTTP: ask, read, and the triage / answer / accept steps, through QuestionService. */
@RestController
@RequestMapping("/api/community")
class CommunityApiController {

    record CommunityRef(UUID id, String name) {
    }

    record AskRequest(UUID communityId, String title, String body, List<String> tags) {
    }

    record QuestionPage(QuestionSummary question, List<PostSummary> posts) {
    }

    record TriageRequest(TriageDecision decision, String expertId, UUID articleId, UUID duplicateOf) {
    }

    record AnswerRequest(String body) {
    }

    record AcceptRequest(Boolean accepted, String followUp) {
    }

    private final CommunityService communities;
    private final QuestionService questions;
    private final IdempotentCalls idempotent;
    private final TaskOutcomes tasks;

    CommunityApiController(CommunityService communities, QuestionService questions, IdempotentCalls idempotent,
                           TaskOutcomes tasks) {
        this.communities = communities;
        this.questions = questions;
        this.idempotent = idempotent;
        this.tasks = tasks;
    }

    @GetMapping("/communities")
    List<CommunityRef> myCommunities() {
        return communities.myCommunityRefs().stream().map(c -> new CommunityRef(c.id(), c.name())).toList();
    }

    @PostMapping("/questions")
    ResponseEntity<Created> ask(@RequestHeader(name = "Idempotency-Key", required = false) String key,
                                @RequestBody AskRequest request) {
        if (request.communityId() == null) {
            throw new IllegalArgumentException("communityId");
        }
        return Created.of(idempotent.create(key, "POST /community/questions", request,
                () -> questions.ask(request.communityId(), request.title(), request.body(), request.tags())));
    }

    @GetMapping("/questions/{questionId}")
    QuestionPage question(@PathVariable UUID questionId) {
        return new QuestionPage(questions.get(questionId), questions.posts(questionId));
    }

    /** The caller's open tasks on this question, by kind (absent when none). */
    @GetMapping("/questions/{questionId}/my-tasks")
    Map<String, String> myTasks(@PathVariable UUID questionId) {
        Map<String, String> mine = new LinkedHashMap<>();
        questions.myFacilitatorTask(questionId).ifPresent(id -> mine.put("facilitator", id));
        questions.myAnswerTask(questionId).ifPresent(id -> mine.put("answer", id));
        questions.myAcceptTask(questionId).ifPresent(id -> mine.put("accept", id));
        return mine;
    }

    @PostMapping("/tasks/{taskId}/triage")
    Done triage(@PathVariable String taskId, @RequestBody TriageRequest request) {
        tasks.act(taskId, () -> questions.triage(taskId, request.decision(), request.expertId(), request.articleId(),
                request.duplicateOf()));
        return Done.DONE;
    }

    @PostMapping("/tasks/{taskId}/answer")
    Done answer(@PathVariable String taskId, @RequestBody AnswerRequest request) {
        tasks.act(taskId, () -> questions.answerTask(taskId, request.body()));
        return Done.DONE;
    }

    @PostMapping("/tasks/{taskId}/accept")
    Done accept(@PathVariable String taskId, @RequestBody AcceptRequest request) {
        if (request.accepted() == null) {
            throw new IllegalArgumentException("accepted");
        }
        tasks.act(taskId, () -> questions.accept(taskId, request.accepted(), request.followUp()));
        return Done.DONE;
    }

    @PostMapping("/posts/{postId}/validate")
    Done validate(@PathVariable UUID postId) {
        questions.validate(postId);
        return Done.DONE;
    }
}
