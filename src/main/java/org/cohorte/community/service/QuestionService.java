package org.cohorte.community.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.cohorte.base.limits.RateLimits;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.community.domain.Community;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.domain.KnowledgeArticle;
import org.cohorte.community.domain.KnowledgeArticleRepository;
import org.cohorte.community.domain.PostKind;
import org.cohorte.community.domain.Question;
import org.cohorte.community.domain.QuestionFollower;
import org.cohorte.community.domain.QuestionFollowerRepository;
import org.cohorte.community.domain.QuestionPost;
import org.cohorte.community.domain.QuestionPostRepository;
import org.cohorte.community.domain.QuestionRepository;
import org.cohorte.community.domain.QuestionStatus;
import org.cohorte.community.domain.TriageDecision;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.cohorte.identity.service.MemberService;
import org.cohorte.tasks.service.InboxService;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Questions to a community, driven by {@code community_question}: a member asks, a facilitator triages
 * (on-duty expert, call to all, existing article, duplicate), someone answers within the promise, an expert
 * may validate, the asker accepts or reopens, a facilitator may fold the answer into the knowledge base.
 */
@Service
public class QuestionService {

    public static final String PROCESS_KEY = "community_question";
    public static final String TASK_TRIAGE = "user_task_triage";
    public static final String TASK_ANSWER = "user_task_answer";
    public static final String TASK_FOLLOW_UP = "user_task_answer_follow_up";
    public static final String TASK_ACCEPT = "user_task_accept_answer";
    public static final String TASK_FOLD = "user_task_fold_article";
    public static final String SOURCE_TYPE = "question";

    private final QuestionRepository questions;
    private final QuestionPostRepository posts;
    private final QuestionFollowerRepository followers;
    private final KnowledgeArticleRepository articles;
    private final CommunityService communityService;
    private final KnowledgeBaseService knowledgeBase;
    private final CommunityNotifier notifier;
    private final CurrentUser currentUser;
    private final MemberService memberService;
    private final InboxService inboxService;
    private final EngineAuthentication engineAuthentication;
    private final RuntimeService runtimeService;
    private final org.camunda.bpm.engine.IdentityService identityService;
    private final QuestionSummaries summaries;

    private final RateLimits rateLimits;

    public QuestionService(QuestionRepository questions, QuestionPostRepository posts,
                           QuestionFollowerRepository followers, KnowledgeArticleRepository articles,
                           CommunityService communityService, KnowledgeBaseService knowledgeBase,
                           CommunityNotifier notifier, CurrentUser currentUser, MemberService memberService,
                           InboxService inboxService, EngineAuthentication engineAuthentication,
                           RuntimeService runtimeService,
                           org.camunda.bpm.engine.IdentityService identityService, QuestionSummaries summaries, RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.identityService = identityService;
        this.questions = questions;
        this.posts = posts;
        this.followers = followers;
        this.articles = articles;
        this.communityService = communityService;
        this.knowledgeBase = knowledgeBase;
        this.notifier = notifier;
        this.currentUser = currentUser;
        this.memberService = memberService;
        this.inboxService = inboxService;
        this.engineAuthentication = engineAuthentication;
        this.runtimeService = runtimeService;
        this.summaries = summaries;
    }

    // ---- Asking, reading, following

    /** A member asks their community; the promise's clock starts now. Returns the question's id. */
    @Transactional
    public UUID ask(UUID communityId, String title, String body, List<String> tags) {
        Community community = communityService.requireMember(communityId);
        String me = currentUser.userId();
        rateLimits.acquire(me, RateLimits.QUESTION);
        Instant now = EngineClock.now();
        Question question = new Question(communityId, PostText.title(title),
                PostText.body(body, "question.error.bodyRequired"), PostText.tags(tags), me,
                now.plus(Duration.ofHours(community.getAnswerHours())));
        questions.save(question);
        followers.save(new QuestionFollower(question.getId(), me));
        List<String> facilitators = triagers(communityId);
        Map<String, Object> variables = new HashMap<>();
        variables.put("questionId", question.getId().toString());
        variables.put("communityId", communityId.toString());
        variables.put("askerId", me);
        variables.put("questionTitle", question.getTitle());
        variables.put("facilitators", String.join(",", facilitators));
        variables.put("reminderDuration", Duration.ofHours(community.getReminderHours()).toString());
        variables.put("answerDuration", Duration.ofHours(community.getAnswerHours()).toString());
        variables.put("dueDate", java.util.Date.from(question.getDueAt()));
        // The member's right to ask was checked above; starting the process needs no engine grant.
        engineAuthentication.asSystem(() -> runtimeService.startProcessInstanceByKey(PROCESS_KEY,
                question.getId().toString(), variables));
        notifier.notify(facilitators, me, "community.notify.asked",
                List.of(memberService.displayName(me), question.getTitle()), link(question));
        return question.getId();
    }

    /** One question for its page (counts a view). Readers of its community only. */
    @Transactional
    public QuestionSummary view(UUID questionId) {
        Question question = readable(questionId);
        question.viewed();
        return summaries(List.of(question)).get(0);
    }

    @Transactional(readOnly = true)
    public QuestionSummary get(UUID questionId) {
        return summaries(List.of(readable(questionId))).get(0);
    }

    /** Answers and follow-ups, oldest first. */
    @Transactional(readOnly = true)
    public List<PostSummary> posts(UUID questionId) {
        readable(questionId);
        List<QuestionPost> list = posts.findByQuestionIdOrderByCreatedAt(questionId);
        Set<String> people = new HashSet<>();
        list.forEach(p -> {
            people.add(p.getAuthor());
            if (p.getValidatedBy() != null) {
                people.add(p.getValidatedBy());
            }
        });
        Map<String, String> names = memberService.displayNames(people);
        return list.stream().map(p -> new PostSummary(p.getId(), p.getKind(), p.getAuthor(), names.get(p.getAuthor()),
                p.getBody(), p.getCreatedAt(), p.getValidatedBy(),
                p.getValidatedBy() == null ? null : names.get(p.getValidatedBy()))).toList();
    }

    /** The community's latest questions. Readers only. */
    @Transactional(readOnly = true)
    public List<QuestionSummary> listForCommunity(UUID communityId, int limit) {
        communityService.requireReader(communityId);
        return summaries(questions.findByCommunityIdOrderByAskedAtDesc(communityId, PageRequest.of(0, limit)));
    }

    /** Questions linked to an article (answered with it, or folded into it). */
    @Transactional(readOnly = true)
    public List<QuestionSummary> linkedToArticle(UUID articleId) {
        ArticleSummary article = knowledgeBase.get(articleId);
        List<Question> linked = new ArrayList<>(questions.findByArticleId(articleId));
        if (SOURCE_TYPE.equals(article.sourceType()) && article.sourceId() != null) {
            questions.findById(UUID.fromString(article.sourceId()))
                    .filter(q -> linked.stream().noneMatch(l -> l.getId().equals(q.getId()))).ifPresent(linked::add);
        }
        return summaries(linked.stream().filter(q -> q.getCommunityId().equals(article.communityId())).toList());
    }

    @Transactional
    public void follow(UUID questionId, boolean follow) {
        readable(questionId);
        QuestionFollower.Key key = new QuestionFollower.Key(questionId, currentUser.userId());
        if (follow && !followers.existsById(key)) {
            followers.save(new QuestionFollower(questionId, currentUser.userId()));
        } else if (!follow) {
            followers.deleteById(key);
        }
    }

    @Transactional(readOnly = true)
    public boolean isFollowing(UUID questionId) {
        return followers.existsById(new QuestionFollower.Key(questionId, currentUser.userId()));
    }

    /**
     * The facilitator's queue: questions with no first answer yet in the communities they facilitate (all
     * communities for admins), the nearest promise first.
     */
    @Transactional(readOnly = true)
    public List<QuestionSummary> queue() {
        CurrentUser.Identity me = currentUser.require();
        List<UUID> scope = communityService.visibleCommunities().stream().map(Community::getId)
                .filter(id -> me.isAdmin() || communityService.hasRole(id, me.userId(), CommunityRole.FACILITATOR))
                .toList();
        if (scope.isEmpty()) {
            return List.of();
        }
        return summaries(questions.awaitingFirstAnswer(scope, List.of(QuestionStatus.NEW, QuestionStatus.OPEN)));
    }

    // ---- Triage

    /** The facilitator's triage, from the triage task's form: records the decision and completes the task. */
    @Transactional
    public void triage(String taskId, TriageDecision decision, String expertId, UUID articleId, UUID duplicateOf) {
        var task = inboxService.requireWorkable(taskId, TASK_TRIAGE);
        Question question = questionOfTask(task.businessKey());
        requireTriager(question);
        if (decision == null) {
            throw new CohorteException("question.error.triageRequired");
        }
        UUID communityId = question.getCommunityId();
        Map<String, Object> variables = new HashMap<>();
        variables.put("triage", decision.name());
        switch (decision) {
            case ASSIGN -> {
                if (expertId == null || !(communityService.hasRole(communityId, expertId, CommunityRole.EXPERT)
                        || communityService.hasRole(communityId, expertId, CommunityRole.FACILITATOR))) {
                    throw new CohorteException("question.error.expertRequired");
                }
                question.triage(decision, expertId);
                variables.put("assigneeId", expertId);
                variables.put("answerers", expertId);
                notifier.notify(List.of(expertId), currentUser.userId(), "community.notify.assigned",
                        List.of(question.getTitle()), link(question));
            }
            case CALL_ALL -> {
                question.triage(decision, null);
                Set<String> everyone = new LinkedHashSet<>(communityService.memberIds(communityId));
                everyone.remove(question.getAskedBy());
                if (everyone.isEmpty()) {
                    everyone.add(currentUser.userId());
                }
                variables.put("assigneeId", null);
                variables.put("answerers", String.join(",", everyone));
                notifier.notify(everyone, currentUser.userId(), "community.notify.calledAll",
                        List.of(question.getTitle()), link(question));
            }
            case ARTICLE -> {
                KnowledgeArticle article = articleId == null ? null : articles.findById(articleId)
                        .filter(a -> a.getCommunityId().equals(communityId)).orElse(null);
                if (article == null) {
                    throw new CohorteException("question.error.articleRequired");
                }
                variables.put("articleId", articleId.toString());
                putFallbackAnswerers(variables, communityId);
            }
            case MERGE -> {
                Question original = duplicateOf == null ? null : questions.findById(duplicateOf)
                        .filter(q -> q.getCommunityId().equals(communityId) && !q.getId().equals(question.getId())
                                && q.getStatus() != QuestionStatus.MERGED).orElse(null);
                if (original == null) {
                    throw new CohorteException("question.error.duplicateRequired");
                }
                variables.put("duplicateOf", duplicateOf.toString());
                putFallbackAnswerers(variables, communityId);
            }
            default -> throw new IllegalStateException();
        }
        inboxService.complete(taskId, variables);
    }

    /**
     * Who triages: the community's facilitators; failing that its experts and sponsor; failing that the
     * administrators, so that no question is ever offered to nobody.
     */
    private List<String> triagers(UUID communityId) {
        List<String> people = communityService.memberIds(communityId, CommunityRole.FACILITATOR);
        if (people.isEmpty()) {
            people = communityService.memberIds(communityId, CommunityRole.EXPERT, CommunityRole.SPONSOR);
        }
        if (people.isEmpty()) {
            people = engineAuthentication.asSystem(() -> identityService.createUserQuery()
                    .memberOfGroup(org.cohorte.identity.service.Roles.ADMIN).list().stream()
                    .map(org.camunda.bpm.engine.identity.User::getId).toList());
        }
        return people;
    }

    /** If the asker reopens after an article answer, the community's experts and facilitators answer. */
    private void putFallbackAnswerers(Map<String, Object> variables, UUID communityId) {
        Set<String> answerers = new LinkedHashSet<>(communityService.memberIds(communityId, CommunityRole.EXPERT,
                CommunityRole.FACILITATOR));
        if (answerers.isEmpty()) {
            answerers.add(currentUser.userId());
        }
        variables.put("assigneeId", null);
        variables.put("answerers", String.join(",", answerers));
    }

    /** For the triage form: the community's experts (and facilitators), and who is on duty now. */
    @Transactional(readOnly = true)
    public List<String> answererCandidates(UUID questionId) {
        Question question = readable(questionId);
        return communityService.memberIds(question.getCommunityId(), CommunityRole.EXPERT, CommunityRole.FACILITATOR);
    }

    @Transactional(readOnly = true)
    public Optional<String> onDutyFor(UUID questionId) {
        Question question = readable(questionId);
        return communityService.onDuty(question.getCommunityId(), EngineClock.now());
    }

    // ---- Answering, validating, accepting

    /** Answers from the answer task's form (the assigned expert, or anyone called on). */
    @Transactional
    public void answerTask(String taskId, String body) {
        var task = inboxService.requireWorkable(taskId, null);
        if (!TASK_ANSWER.equals(task.taskDefinitionKey()) && !TASK_FOLLOW_UP.equals(task.taskDefinitionKey())) {
            throw new NotFoundException("tasks.error.notFound");
        }
        Question question = questionOfTask(task.businessKey());
        communityService.requireMember(question.getCommunityId());
        requireAnswerer(question);
        rateLimits.acquire(currentUser.userId(), RateLimits.POST);
        String clean = PostText.body(body, "question.error.answerRequired");
        posts.save(new QuestionPost(question.getId(), PostKind.ANSWER, currentUser.userId(), clean));
        question.firstAnswer();
        inboxService.complete(taskId, Map.of("answeredBy", currentUser.userId()));
        notifier.notify(interested(question), currentUser.userId(), "community.notify.answered",
                List.of(question.getTitle()), link(question));
    }

    /** The open answer task of a question that the signed-in user may take, if any (for the question page). */
    @Transactional(readOnly = true)
    public Optional<String> myAnswerTask(UUID questionId) {
        return myTask(questionId, TASK_ANSWER, TASK_FOLLOW_UP);
    }

    /** The asker's open accept-or-reopen task, if the signed-in user is the asker. */
    @Transactional(readOnly = true)
    public Optional<String> myAcceptTask(UUID questionId) {
        return myTask(questionId, TASK_ACCEPT);
    }

    /** The facilitator's open triage or fold task for this question, if they may take it. */
    @Transactional(readOnly = true)
    public Optional<String> myFacilitatorTask(UUID questionId) {
        return myTask(questionId, TASK_TRIAGE, TASK_FOLD);
    }

    private Optional<String> myTask(UUID questionId, String... keys) {
        readable(questionId);
        return inboxService.openTaskOf(PROCESS_KEY, questionId.toString(), keys);
    }

    /** An expert of the community validates an answer: "pratique validée". */
    @Transactional
    public void validate(UUID postId) {
        QuestionPost post = posts.findById(postId).orElseThrow(() -> new NotFoundException("question.error.notFound"));
        Question question = readable(post.getQuestionId());
        String me = currentUser.userId();
        if (!communityService.hasRole(question.getCommunityId(), me, CommunityRole.EXPERT)) {
            throw new ForbiddenException("question.error.expertsOnly");
        }
        if (post.getKind() != PostKind.ANSWER) {
            throw new CohorteException("question.error.notAnAnswer");
        }
        if (post.getValidatedBy() == null) {
            post.validate(me);
            Set<String> to = interested(question);
            to.add(post.getAuthor());
            notifier.notify(to, me, "community.notify.validated", List.of(question.getTitle()), link(question));
        }
    }

    @Transactional(readOnly = true)
    public boolean canValidate(UUID questionId) {
        Question question = readable(questionId);
        return communityService.hasRole(question.getCommunityId(), currentUser.userId(), CommunityRole.EXPERT);
    }

    /** The asker accepts the answer, or reopens the question with a follow-up (required then). */
    @Transactional
    public void accept(String taskId, boolean accepted, String followUp) {
        var task = inboxService.requireWorkable(taskId, TASK_ACCEPT);
        Question question = questionOfTask(task.businessKey());
        if (!question.getAskedBy().equals(currentUser.userId())) {
            throw new ForbiddenException();
        }
        if (accepted) {
            question.accept();
        } else {
            String clean = PostText.body(followUp, "question.error.followUpRequired");
            posts.save(new QuestionPost(question.getId(), PostKind.FOLLOW_UP, currentUser.userId(), clean));
            question.reopen();
        }
        inboxService.complete(taskId, Map.of("accepted", accepted));
        Set<String> to = interested(question);
        to.addAll(communityService.memberIds(question.getCommunityId(), CommunityRole.FACILITATOR));
        if (question.getAssignee() != null) {
            to.add(question.getAssignee());
        }
        notifier.notify(to, currentUser.userId(), accepted ? "community.notify.accepted" : "community.notify.reopened",
                List.of(question.getTitle()), link(question));
    }

    /**
     * The facilitator folds the accepted answer into a knowledge-base article linked to the question, or
     * closes the task without one. Returns the article's id, or null.
     */
    @Transactional
    public UUID fold(String taskId, boolean fold, String title, String body, List<String> tags) {
        var task = inboxService.requireWorkable(taskId, TASK_FOLD);
        Question question = questionOfTask(task.businessKey());
        requireTriager(question);
        UUID articleId = null;
        if (fold) {
            articleId = knowledgeBase.publish(question.getCommunityId(), title, body, tags, SOURCE_TYPE,
                    question.getId().toString());
            question.linkArticle(articleId);
            notifier.notify(interested(question), currentUser.userId(), "community.notify.article",
                    List.of(title.strip()), "article/" + articleId);
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("folded", fold);
        variables.put("articleId", articleId == null ? null : articleId.toString());
        inboxService.complete(taskId, variables);
        return articleId;
    }

    /** A draft article from the question and its answers, for the fold form. */
    @Transactional(readOnly = true)
    public String draftArticle(UUID questionId) {
        Question question = readable(questionId);
        StringBuilder draft = new StringBuilder();
        draft.append(plain(question.getBody())).append("\n\n");
        posts.findByQuestionIdOrderByCreatedAt(questionId).stream().filter(p -> p.getKind() == PostKind.ANSWER)
                .forEach(p -> draft.append(plain(p.getBody())).append("\n\n"));
        return draft.toString().strip();
    }

    /** The text of sanitised HTML, for a plain-text draft: line breaks kept, tags dropped, entities decoded. */
    private static String plain(String html) {
        return HtmlUtils.htmlUnescape(html.replaceAll("<br\\s*/?>", "\n").replaceAll("</p>", "\n")
                .replaceAll("<[^>]*>", "")).strip();
    }

    // ---- Steps the engine runs (delegates): no signed-in user, the process is the authority

    /** Triage chose an existing article: it becomes the first answer. */
    @Transactional
    public void answerWithArticle(UUID questionId, UUID articleId) {
        Question question = questions.findById(questionId).orElseThrow();
        KnowledgeArticle article = articles.findById(articleId).orElseThrow();
        question.answeredWithArticle(articleId);
        posts.save(new QuestionPost(questionId, PostKind.ANSWER, article.getUpdatedBy(),
                PostText.POLICY.sanitize("<p><a href=\"article/" + articleId + "\">" + HtmlUtils.htmlEscape(article.getTitle())
                        + "</a></p>")));
        notifier.notify(interested(question), null, "community.notify.answeredWithArticle",
                List.of(question.getTitle(), article.getTitle()), link(question));
    }

    /** Triage found a duplicate: the question is closed into the earlier one, whose followers gain the asker. */
    @Transactional
    public void mergeDuplicate(UUID questionId, UUID originalId) {
        Question question = questions.findById(questionId).orElseThrow();
        Question original = questions.findById(originalId).orElseThrow();
        question.mergeInto(originalId);
        QuestionFollower.Key key = new QuestionFollower.Key(originalId, question.getAskedBy());
        if (!followers.existsById(key)) {
            followers.save(new QuestionFollower(originalId, question.getAskedBy()));
        }
        notifier.notify(List.of(question.getAskedBy()), null, "community.notify.merged",
                List.of(question.getTitle(), original.getTitle()), link(original));
    }

    /** The reminder before the promise ends: to the assignee, or the facilitators while nobody is assigned. */
    @Transactional
    public void remind(UUID questionId) {
        Question question = questions.findById(questionId).orElseThrow();
        if (!question.isAwaitingFirstAnswer()) {
            return;
        }
        Collection<String> to = question.getAssignee() != null ? List.of(question.getAssignee())
                : communityService.memberIds(question.getCommunityId(), CommunityRole.FACILITATOR);
        notifier.notify(to, null, "community.notify.reminder", List.of(question.getTitle()), link(question));
    }

    /** The promise is broken: the breach is recorded and the facilitators are told. */
    @Transactional
    public void escalate(UUID questionId) {
        Question question = questions.findById(questionId).orElseThrow();
        if (!question.isAwaitingFirstAnswer()) {
            return;
        }
        question.escalate();
        Set<String> to = new LinkedHashSet<>(communityService.memberIds(question.getCommunityId(), CommunityRole.FACILITATOR));
        if (question.getAssignee() != null) {
            to.add(question.getAssignee());
        }
        notifier.notify(to, null, "community.notify.escalated", List.of(question.getTitle()), link(question));
    }

    // ---- Helpers

    private Question readable(UUID questionId) {
        return questions.findById(questionId)
                .filter(q -> communityService.readable(q.getCommunityId()).isPresent())
                .orElseThrow(() -> new NotFoundException("question.error.notFound"));
    }

    private Question questionOfTask(String businessKey) {
        if (businessKey == null) {
            throw new NotFoundException("question.error.notFound");
        }
        return readable(UUID.fromString(businessKey));
    }

    /**
     * Who triages a question and folds its answer: the people {@link #triagers} names from the community's
     * records (its facilitators, failing that its experts and sponsor), or an administrator.
     */
    private void requireTriager(Question question) {
        CurrentUser.Identity me = currentUser.require();
        if (!me.isAdmin() && !triagers(question.getCommunityId()).contains(me.userId())) {
            throw new ForbiddenException("community.error.facilitatorsOnly");
        }
    }

    /**
     * Who answers, from the question's triage as Cohorte recorded it: the assigned expert; on a call to all, any
     * member but the asker; otherwise (an article or a merge reopened by the asker) the community's experts and
     * facilitators. Never read from the task's candidates, which only mirror this.
     */
    private void requireAnswerer(Question question) {
        String me = currentUser.userId();
        UUID community = question.getCommunityId();
        boolean expertOrFacilitator = communityService.hasRole(community, me, CommunityRole.EXPERT)
                || communityService.hasRole(community, me, CommunityRole.FACILITATOR);
        boolean allowed = question.getTriage() == TriageDecision.ASSIGN ? me.equals(question.getAssignee())
                : question.getTriage() == TriageDecision.CALL_ALL ? !me.equals(question.getAskedBy()) || expertOrFacilitator
                : expertOrFacilitator;
        if (!allowed) {
            throw new ForbiddenException("question.error.notAnswerer");
        }
    }

    private void requireFacilitator(Question question) {
        CurrentUser.Identity me = currentUser.require();
        if (!me.isAdmin() && !communityService.hasRole(question.getCommunityId(), me.userId(), CommunityRole.FACILITATOR)) {
            throw new ForbiddenException("community.error.facilitatorsOnly");
        }
    }

    private Set<String> interested(Question question) {
        Set<String> to = new LinkedHashSet<>();
        to.add(question.getAskedBy());
        followers.findByIdQuestionId(question.getId()).forEach(f -> to.add(f.getUserId()));
        return to;
    }

    private static String link(Question question) {
        return "question/" + question.getId();
    }

    private List<QuestionSummary> summaries(List<Question> list) {
        return summaries.of(list);
    }
}
