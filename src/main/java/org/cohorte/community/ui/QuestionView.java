package org.cohorte.community.ui;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.community.domain.PostKind;
import org.cohorte.community.service.PostSummary;
import org.cohorte.community.service.QuestionService;
import org.cohorte.community.service.QuestionSummary;
import org.cohorte.identity.service.Roles;

/**
 * A question: its state and the promise, its answers (validated ones marked "pratique validée"), and what the
 * viewer may do now: answer when called on, validate as an expert, accept or reopen as the asker, follow.
 */
@Route("question")
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.PARTICIPANT, Roles.EXPERT, Roles.MANAGER, Roles.COMMITTEE,
        Roles.ADVISORY, Roles.FORUM})
public class QuestionView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final QuestionService questionService;
    private String title = "";
    private UUID questionId;

    public QuestionView(QuestionService questionService) {
        this.questionService = questionService;
        addClassName("community-view");
        setMaxWidth("60rem");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        try {
            questionId = UUID.fromString(parameter);
        } catch (IllegalArgumentException e) {
            questionId = null;
        }
        show(true);
    }

    private void show(boolean countView) {
        removeAll();
        QuestionSummary q;
        try {
            if (questionId == null) {
                throw new CohorteException("question.error.notFound");
            }
            q = countView ? questionService.view(questionId) : questionService.get(questionId);
        } catch (CohorteException e) {
            title = getTranslation("question.notFound.title");
            add(new H2(title), new Paragraph(getTranslation(e.getMessageKey(), e.getArgs())),
                    new RouterLink(getTranslation("community.list.title"), CommunitiesView.class));
            return;
        }
        title = q.title();
        add(new RouterLink("← " + q.communityName(), CommunityView.class, q.communityId().toString()));
        H2 heading = new H2(q.title());
        heading.setId("question-heading");
        add(heading);
        Div meta = new Div(CommunityUi.statusBadge(this, q.status()), CommunityUi.promise(this, q),
                new Span(getTranslation("question.askedBy", q.askedByName(), Formats.dateTime(q.askedAt(), getLocale()))));
        meta.addClassName("community-meta");
        meta.setId("question-meta");
        add(meta);
        if (q.assigneeName() != null) {
            add(new Span(getTranslation("question.assignedTo", q.assigneeName())));
        }
        if (q.breached()) {
            Span breach = new Span(getTranslation("question.breached"));
            breach.getElement().getThemeList().add("badge error");
            add(breach);
        }
        add(CommunityUi.tags(q.tags()), CommunityUi.html(q.body()));
        if (q.mergedInto() != null) {
            add(new RouterLink(getTranslation("question.mergedInto"), QuestionView.class, q.mergedInto().toString()));
        }
        if (q.articleId() != null) {
            add(new RouterLink(getTranslation("question.article"), ArticleView.class, q.articleId().toString()));
        }
        Checkbox follow = new Checkbox(getTranslation("question.follow"), questionService.isFollowing(questionId));
        follow.setId("question-follow");
        follow.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                Notifier.attempt(() -> questionService.follow(questionId, e.getValue()));
            }
        });
        add(follow);

        questionService.myFacilitatorTask(questionId).ifPresent(taskId -> {
            Button triage = new Button(getTranslation("question.openTask"), VaadinIcon.TASKS.create(),
                    e -> getUI().ifPresent(ui -> ui.navigate("tasks/" + taskId)));
            triage.setId("question-open-task");
            triage.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(triage);
        });

        List<PostSummary> posts = questionService.posts(questionId);
        add(new H3(getTranslation("question.answers", posts.stream().filter(p -> p.kind() == PostKind.ANSWER).count())));
        boolean canValidate = questionService.canValidate(questionId);
        Div thread = new Div();
        thread.setId("question-thread");
        thread.setWidthFull();
        for (PostSummary post : posts) {
            Div card = new Div();
            card.addClassNames("community-card", post.kind() == PostKind.FOLLOW_UP ? "community-follow-up" : "community-answer");
            Div head = new Div(new Span(getTranslation(post.kind() == PostKind.ANSWER ? "question.answerBy" : "question.followUpBy",
                    post.authorName(), Formats.dateTime(post.createdAt(), getLocale()))));
            head.addClassName("community-meta");
            if (post.validatedBy() != null) {
                Span validated = new Span(getTranslation("question.validated", post.validatedByName()));
                validated.getElement().getThemeList().add("badge success");
                validated.addClassName("community-validated");
                head.add(validated);
            } else if (canValidate && post.kind() == PostKind.ANSWER) {
                Button validate = new Button(getTranslation("question.validate"), VaadinIcon.CHECK.create(), e -> {
                    if (Notifier.attempt(() -> questionService.validate(post.id()))) {
                        show(false);
                    }
                });
                validate.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
                validate.addClassName("community-validate");
                head.add(validate);
            }
            card.add(head, CommunityUi.html(post.body()));
            thread.add(card);
        }
        add(thread);

        Optional<String> answerTask = questionService.myAnswerTask(questionId);
        answerTask.ifPresent(taskId -> add(answerBox(taskId)));
        questionService.myAcceptTask(questionId).ifPresent(taskId -> add(acceptBox(taskId)));
    }

    private VerticalLayout answerBox(String taskId) {
        TextArea body = new TextArea(getTranslation("question.yourAnswer"));
        body.setId("question-answer-body");
        body.setWidthFull();
        body.setMinHeight("8rem");
        Button send = new Button(getTranslation("question.sendAnswer"), e -> {
            if (Notifier.attempt(() -> questionService.answerTask(taskId, body.getValue()))) {
                Notifier.success("question.answerSent");
                show(false);
            }
        });
        send.setId("question-answer-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout box = new VerticalLayout(body, send);
        box.setPadding(false);
        return box;
    }

    private VerticalLayout acceptBox(String taskId) {
        TextArea followUp = new TextArea(getTranslation("question.followUp"));
        followUp.setId("question-follow-up");
        followUp.setWidthFull();
        Button accept = new Button(getTranslation("question.accept"), VaadinIcon.CHECK.create(), e -> {
            if (Notifier.attempt(() -> questionService.accept(taskId, true, null))) {
                show(false);
            }
        });
        accept.setId("question-accept");
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        Button reopen = new Button(getTranslation("question.reopen"), VaadinIcon.REFRESH.create(), e -> {
            if (Notifier.attempt(() -> questionService.accept(taskId, false, followUp.getValue()))) {
                show(false);
            }
        });
        reopen.setId("question-reopen");
        HorizontalLayout buttons = new HorizontalLayout(accept, reopen);
        buttons.setWrap(true);
        VerticalLayout box = new VerticalLayout(new H3(getTranslation("question.yourDecision")), buttons, followUp);
        box.setPadding(false);
        return box;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
