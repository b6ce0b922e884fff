package org.cohorte.community.ui;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouterLink;
import org.cohorte.base.ui.Notifier;
import org.cohorte.community.domain.QuestionStatus;
import org.cohorte.community.domain.TriageDecision;
import org.cohorte.community.service.ArticleSummary;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.community.service.QuestionSummary;
import org.cohorte.identity.service.MemberService;
import org.cohorte.tasks.api.TaskFormProvider;
import org.cohorte.tasks.service.TaskDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The forms of community_question's user tasks, shown under the task in "Mes tâches". */
@Configuration
class QuestionTaskForms {

    @Bean
    TaskFormProvider communityTriageForm(QuestionService questions, KnowledgeBaseService knowledge, MemberService members) {
        return TaskFormProvider.of("cohorte:community-triage", (task, done) -> triage(task, done, questions, knowledge, members));
    }

    @Bean
    TaskFormProvider communityAnswerForm(QuestionService questions) {
        return TaskFormProvider.of("cohorte:community-answer", (task, done) -> {
            VerticalLayout form = header(task, questions);
            TextArea body = new TextArea(form.getTranslation("question.yourAnswer"));
            body.setId("question-answer-body");
            body.setWidthFull();
            body.setMinHeight("8rem");
            Button send = submit(form, "question.sendAnswer", () -> questions.answerTask(task.id(), body.getValue()), done);
            form.add(body, send);
            return form;
        });
    }

    @Bean
    TaskFormProvider communityAcceptForm(QuestionService questions) {
        return TaskFormProvider.of("cohorte:community-accept", (task, done) -> {
            VerticalLayout form = header(task, questions);
            TextArea followUp = new TextArea(form.getTranslation("question.followUp"));
            followUp.setWidthFull();
            Button accept = submit(form, "question.accept", () -> questions.accept(task.id(), true, null), done);
            Button reopen = submit(form, "question.reopen", () -> questions.accept(task.id(), false, followUp.getValue()), done);
            reopen.setId("reopen-button");
            reopen.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
            form.add(new HorizontalLayout(accept, reopen), followUp);
            return form;
        });
    }

    @Bean
    TaskFormProvider communityFoldForm(QuestionService questions) {
        return TaskFormProvider.of("cohorte:community-fold", (task, done) -> {
            VerticalLayout form = header(task, questions);
            UUID questionId = UUID.fromString(task.businessKey());
            QuestionSummary q = questions.get(questionId);
            TextField title = new TextField(form.getTranslation("knowledge.field.title"), q.title(), "");
            title.setWidthFull();
            TextArea body = new TextArea(form.getTranslation("knowledge.field.body"));
            body.setWidthFull();
            body.setMinHeight("12rem");
            body.setValue(questions.draftArticle(questionId));
            TextField tags = new TextField(form.getTranslation("question.field.tags"), String.join(", ", q.tags()), "");
            tags.setWidthFull();
            Button fold = submit(form, "question.fold", () -> questions.fold(task.id(), true, title.getValue(),
                    body.getValue(), CommunityUi.parseTags(tags.getValue())), done);
            Button skip = submit(form, "question.noFold", () -> questions.fold(task.id(), false, null, null, null), done);
            skip.setId("skip-button");
            skip.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
            form.add(title, body, tags, new HorizontalLayout(fold, skip));
            return form;
        });
    }

    private static Component triage(TaskDetails task, Runnable done, QuestionService questions,
                                    KnowledgeBaseService knowledge, MemberService members) {
        VerticalLayout form = header(task, questions);
        UUID questionId = UUID.fromString(task.businessKey());
        QuestionSummary q = questions.get(questionId);
        RadioButtonGroup<TriageDecision> decision = new RadioButtonGroup<>(form.getTranslation("question.triage.decision"));
        decision.setId("triage-decision");
        decision.setItems(TriageDecision.values());
        decision.setItemLabelGenerator(d -> form.getTranslation("question.triage." + d.name()));
        decision.setValue(TriageDecision.ASSIGN);

        List<String> experts = questions.answererCandidates(questionId);
        Map<String, String> names = members.displayNames(experts);
        ComboBox<String> expert = new ComboBox<>(form.getTranslation("question.triage.expert"));
        expert.setId("triage-expert");
        expert.setItems(experts);
        expert.setItemLabelGenerator(names::get);
        questions.onDutyFor(questionId).ifPresent(onDuty -> {
            expert.setValue(onDuty);
            expert.setHelperText(form.getTranslation("question.triage.onDuty", names.getOrDefault(onDuty, onDuty)));
        });

        ComboBox<ArticleSummary> article = new ComboBox<>(form.getTranslation("question.triage.article"));
        article.setItems(knowledge.listForCommunity(q.communityId()));
        article.setItemLabelGenerator(ArticleSummary::title);
        article.setWidthFull();

        ComboBox<QuestionSummary> duplicate = new ComboBox<>(form.getTranslation("question.triage.duplicate"));
        duplicate.setItems(questions.listForCommunity(q.communityId(), 200).stream()
                .filter(other -> !other.id().equals(questionId) && other.status() != QuestionStatus.MERGED).toList());
        duplicate.setItemLabelGenerator(QuestionSummary::title);
        duplicate.setWidthFull();

        Runnable visibility = () -> {
            expert.setVisible(decision.getValue() == TriageDecision.ASSIGN);
            article.setVisible(decision.getValue() == TriageDecision.ARTICLE);
            duplicate.setVisible(decision.getValue() == TriageDecision.MERGE);
        };
        decision.addValueChangeListener(e -> visibility.run());
        visibility.run();
        Button send = submit(form, "question.triage.submit", () -> questions.triage(task.id(), decision.getValue(),
                expert.getValue(), article.getValue() == null ? null : article.getValue().id(),
                duplicate.getValue() == null ? null : duplicate.getValue().id()), done);
        form.add(decision, expert, article, duplicate, send);
        return form;
    }

    private static VerticalLayout header(TaskDetails task, QuestionService questions) {
        VerticalLayout form = new VerticalLayout();
        form.setPadding(false);
        QuestionSummary q = questions.get(UUID.fromString(task.businessKey()));
        RouterLink link = new RouterLink(q.title(), QuestionView.class, q.id().toString());
        link.addClassName("community-card-title");
        form.add(link, new Span(q.askedByName() + " · " + q.communityName()), CommunityUi.promise(form, q),
                CommunityUi.html(q.body()));
        return form;
    }

    private static Button submit(Component owner, String key, Runnable action, Runnable done) {
        Button button = new Button(owner.getTranslation(key), e -> {
            if (Notifier.attempt(action)) {
                done.run();
            } else {
                e.getSource().setEnabled(true);
            }
        });
        button.setId("complete-button");
        button.setDisableOnClick(true);
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return button;
    }


}
