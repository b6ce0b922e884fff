package org.cohorte.codevelopment.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.DatePickers;
import org.cohorte.base.ui.Notifier;
import org.cohorte.codevelopment.domain.ParticipantRole;
import org.cohorte.codevelopment.service.ActionInput;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.SessionBoard;
import org.cohorte.tasks.api.TaskFormProvider;
import org.cohorte.tasks.service.TaskDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The forms of the session's user tasks, shown on the task page and embedded in the live board. Each
 * writes through {@link CodevSessionService}, which completes the task in the same transaction; on a
 * refusal the form stays as it was, with what the user typed. Forms that show what others add (the client's
 * questions to answer, the board notes beside the synthesis) follow the session by push, wherever they are shown;
 * finishing with items still open (unanswered questions, an unsent draft, actions without an outcome) asks first.
 */
@Configuration
public class CodevTaskForms {

    private final CodevSessionService sessions;
    private final SessionBroadcaster broadcaster;

    public CodevTaskForms(CodevSessionService sessions, SessionBroadcaster broadcaster) {
        this.sessions = sessions;
        this.broadcaster = broadcaster;
    }

    private static UUID sessionOf(TaskDetails task) {
        return UUID.fromString(task.businessKey());
    }

    @Bean
    TaskFormProvider codevCaseForm() {
        return TaskFormProvider.of("cohorte:codevelopment-case", (task, done) -> new Form(done) {
            {
                TextField title = text("codevelopment.form.caseTitle", 300);
                TextArea context = area("codevelopment.form.caseContext", 10000);
                TextArea tried = area("codevelopment.form.caseTried", 10000);
                TextArea stakes = area("codevelopment.form.caseStakes", 10000);
                submit("codevelopment.form.submitCase", () -> sessions.prepareCase(task.id(), title.getValue(),
                        context.getValue(), tried.getValue(), stakes.getValue()));
            }
        });
    }

    @Bean
    TaskFormProvider codevOpenForm() {
        return TaskFormProvider.of("cohorte:codevelopment-open", (task, done) -> new Form(done) {
            {
                SessionBoard board = sessions.board(sessionOf(task));
                CheckboxGroup<SessionBoard.Participant> present = new CheckboxGroup<>(getTranslation("codevelopment.form.present"));
                present.setId("codev-present");
                List<SessionBoard.Participant> consultants = board.participants().stream()
                        .filter(p -> p.role() == ParticipantRole.CONSULTANT).toList();
                present.setItems(consultants);
                present.setItemLabelGenerator(SessionBoard.Participant::name);
                present.select(consultants);
                add(new Paragraph(getTranslation("codevelopment.form.openHelp")), present);
                submit("codevelopment.form.submitOpen", () -> sessions.openSession(task.id(),
                        present.getSelectedItems().stream().map(SessionBoard.Participant::userId).toList()));
            }
        });
    }

    @Bean
    TaskFormProvider codevPresentForm() {
        return TaskFormProvider.of("cohorte:codevelopment-present", (task, done) -> new Form(done) {
            {
                add(new Paragraph(getTranslation("codevelopment.form.presentHelp")));
                submit("codevelopment.form.submitPresent", () -> sessions.finishPresentation(task.id()));
            }
        });
    }

    @Bean
    TaskFormProvider codevQuestionsForm() {
        return TaskFormProvider.of("cohorte:codevelopment-questions", (task, done) -> new Form(done) {
            {
                Paragraph rule = new Paragraph(getTranslation("codevelopment.form.questionsRule"));
                rule.addClassName("codev-rule");
                add(rule);
                TextArea question = area("codevelopment.form.question", 5000);
                Button ask = new Button(getTranslation("codevelopment.form.ask"), e -> {
                    if (Notifier.attempt(() -> sessions.addQuestion(sessionOf(task), question.getValue()))) {
                        question.clear();
                        Notifier.success("codevelopment.form.questionAdded");
                    }
                });
                ask.setId("codev-ask");
                add(ask);
                submit("codevelopment.form.noMoreQuestions", () -> sessions.finishClarification(task.id()),
                        () -> question.getValue().isBlank() ? null : getTranslation("codevelopment.form.openDraft", 1));
            }
        });
    }

    /** One question in the client's answer form: its field, the answer last saved and the version it was saved at. */
    private static final class AnswerRow {
        final TextField field;
        String saved;
        long version;
        boolean resync = true;

        AnswerRow(TextField field) {
            this.field = field;
        }

        /** The client typed something not saved yet: a push must not replace it. */
        boolean dirty() {
            return !field.getValue().equals(saved == null ? "" : saved);
        }
    }

    @Bean
    TaskFormProvider codevAnswersForm() {
        return TaskFormProvider.of("cohorte:codevelopment-answers", (task, done) -> new Form(done) {
            {
                UUID session = sessionOf(task);
                Div list = new Div();
                list.setId("codev-answers");
                list.addClassName("codev-answers");
                Paragraph none = new Paragraph(getTranslation("codevelopment.form.noQuestionsYet"));
                none.setId("codev-no-questions");
                Map<UUID, AnswerRow> rows = new LinkedHashMap<>();
                // Adds the questions asked since, and takes the saved answers where nothing unsaved is typed over them.
                Runnable fill = () -> {
                    for (SessionBoard.Entry q : sessions.board(session).questions()) {
                        AnswerRow row = rows.get(q.id());
                        if (row == null) {
                            row = new AnswerRow(new TextField());
                            row.field.setAriaLabel(q.authorName() + " : " + q.body());
                            row.field.setMaxLength(CodevSessionService.MAX_TEXT);
                            row.field.setWidthFull();
                            row.field.setId("codev-answer-" + rows.size());
                            AnswerRow saving = row;
                            Button save = new Button(getTranslation("codevelopment.form.answer"), e -> {
                                if (Notifier.attempt(() -> sessions.answerQuestion(q.id(), saving.field.getValue(),
                                        saving.version))) {
                                    // Answered: counts as such at once; the push that follows brings its new version.
                                    saving.saved = saving.field.getValue();
                                    saving.resync = true;
                                }
                            });
                            Paragraph asked = new Paragraph(q.authorName() + " : " + q.body());
                            asked.addClassName("codev-question");
                            Div line = new Div(row.field, save);
                            line.addClassName("codev-answer-line");
                            Div block = new Div(asked, line);
                            block.addClassName("codev-answer-row");
                            list.add(block);
                            rows.put(q.id(), row);
                        }
                        if (row.resync || !row.dirty()) {
                            row.field.setValue(q.answer() == null ? "" : q.answer());
                            row.saved = q.answer();
                            row.version = q.version();
                            row.resync = false;
                        }
                    }
                    none.setVisible(rows.isEmpty());
                };
                fill.run();
                broadcaster.follow(this, session, fill::run);
                add(none, list);
                submit("codevelopment.form.answeredAll", () -> sessions.finishClarification(task.id()), () -> {
                    // What is saved now, not what this screen last heard of: a question may have come in just before.
                    fill.run();
                    long open = rows.values().stream().filter(r -> r.saved == null || r.saved.isBlank()).count();
                    return open == 0 ? null : getTranslation("codevelopment.form.openQuestions", open);
                });
            }
        });
    }

    @Bean
    TaskFormProvider codevContractForm() {
        return TaskFormProvider.of("cohorte:codevelopment-contract", (task, done) -> new Form(done) {
            {
                add(new Paragraph(getTranslation("codevelopment.form.contractHelp")));
                TextArea contract = area("codevelopment.form.contract", 2000);
                String previous = sessions.board(sessionOf(task)).contract();
                contract.setValue(previous == null ? "" : previous);
                submit("codevelopment.form.submitContract", () -> sessions.writeContract(task.id(), contract.getValue()));
            }
        });
    }

    @Bean
    TaskFormProvider codevContractValidationForm() {
        return TaskFormProvider.of("cohorte:codevelopment-contract-validation", (task, done) -> new Form(done) {
            {
                Paragraph contract = new Paragraph(sessions.board(sessionOf(task)).contract());
                contract.addClassName("codev-contract");
                add(contract);
                Button rework = new Button(getTranslation("codevelopment.form.contractRework"), e -> {
                    if (Notifier.attempt(() -> sessions.validateContract(task.id(), false))) {
                        done.run();
                    }
                });
                rework.setId("codev-contract-rework");
                add(rework);
                submit("codevelopment.form.contractApprove", () -> sessions.validateContract(task.id(), true));
            }
        });
    }

    @Bean
    TaskFormProvider codevConsultForm() {
        return TaskFormProvider.of("cohorte:codevelopment-consult", (task, done) -> new Form(done) {
            {
                add(new Paragraph(getTranslation("codevelopment.form.consultHelp")));
                TextArea contribution = area("codevelopment.form.contribution", 5000);
                Button add = new Button(getTranslation("codevelopment.form.contribute"), e -> {
                    if (Notifier.attempt(() -> sessions.addContribution(sessionOf(task), contribution.getValue()))) {
                        contribution.clear();
                        Notifier.success("codevelopment.form.contributionAdded");
                    }
                });
                add.setId("codev-contribute");
                add(add);
                submit("codevelopment.form.consultDone", () -> sessions.finishConsultation(task.id()),
                        () -> contribution.getValue().isBlank() ? null : getTranslation("codevelopment.form.openDraft", 1));
            }
        });
    }

    @Bean
    TaskFormProvider codevSynthesisForm() {
        return TaskFormProvider.of("cohorte:codevelopment-synthesis", (task, done) -> new Form(done) {
            {
                TextArea synthesis = area("codevelopment.form.synthesis", 10000);
                UUID session = sessionOf(task);
                List<String> stepLabels = sessions.steps().stream()
                        .map(st -> getTranslation("codevelopment.step." + st.key())).toList();
                Div notes = new Div();
                notes.setId("codev-synthesis-notes");
                notes.addClassName("codev-synthesis-notes");
                List<String> copied = new ArrayList<>();
                // The facilitator's board notes, as they are now (they may still be written while the client synthesises).
                Runnable showNotes = () -> {
                    notes.removeAll();
                    copied.clear();
                    notes.add(new Span(getTranslation("codevelopment.form.notesForSynthesis")));
                    for (SessionBoard.StepNote n : sessions.board(session).notes()) {
                        if (n.body() != null) {
                            String label = getTranslation("codevelopment.board.notesStep", n.step(), stepLabels.get(n.step() - 1));
                            Paragraph p = new Paragraph(label + "\n" + n.body());
                            p.addClassName("codev-note-text");
                            notes.add(p);
                            copied.add(label + "\n" + n.body());
                        }
                    }
                    if (copied.isEmpty()) {
                        notes.add(new Paragraph(getTranslation("codevelopment.board.notesEmpty")));
                    }
                };
                showNotes.run();
                broadcaster.follow(this, session, showNotes::run);
                Button copy = new Button(getTranslation("codevelopment.form.copyNotes"), e -> {
                    String text = String.join("\n\n", copied);
                    synthesis.setValue(synthesis.getValue().isBlank() ? text : synthesis.getValue() + "\n\n" + text);
                });
                copy.setId("codev-copy-notes");
                copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                add(notes, copy);
                List<TextField> bodies = new ArrayList<>();
                List<DatePicker> dues = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    TextField body = new TextField(getTranslation("codevelopment.form.action", i));
                    body.setId("codev-action-" + i);
                    body.setMaxLength(1000);
                    DatePicker due = DatePickers.create(getTranslation("codevelopment.form.actionDue"));
                    due.setId("codev-action-due-" + i);
                    bodies.add(body);
                    dues.add(due);
                    HorizontalLayout row = new HorizontalLayout(body, due);
                    row.setWidthFull();
                    row.setFlexGrow(1, body);
                    // Sizes in the theme: the date goes under the action when both do not fit (phone, narrow board).
                    row.addClassName("codev-action-row");
                    add(row);
                }
                Checkbox consent = new Checkbox(getTranslation("codevelopment.form.consent"));
                consent.setId("codev-consent");
                add(consent);
                submit("codevelopment.form.submitSynthesis", () -> {
                    List<ActionInput> plan = new ArrayList<>();
                    for (int i = 0; i < bodies.size(); i++) {
                        if (!bodies.get(i).getValue().isBlank()) {
                            plan.add(new ActionInput(bodies.get(i).getValue(), dues.get(i).getValue()));
                        }
                    }
                    sessions.synthesize(task.id(), synthesis.getValue(), plan, consent.getValue());
                });
            }
        });
    }

    @Bean
    TaskFormProvider codevLearningForm() {
        return TaskFormProvider.of("cohorte:codevelopment-learning", (task, done) -> new Form(done) {
            {
                TextArea learning = area("codevelopment.form.learning", 5000);
                RadioButtonGroup<Integer> rating = new RadioButtonGroup<>(getTranslation("codevelopment.form.rating"));
                rating.setId("codev-rating");
                rating.setItems(1, 2, 3, 4, 5);
                add(rating);
                submit("codevelopment.form.submitLearning", () -> sessions.integrateLearning(task.id(), learning.getValue(),
                        rating.getValue() == null ? 0 : rating.getValue()));
            }
        });
    }

    @Bean
    TaskFormProvider codevFollowUpForm() {
        return TaskFormProvider.of("cohorte:codevelopment-follow-up", (task, done) -> new Form(done) {
            {
                SessionBoard board = sessions.board(sessionOf(task));
                Map<UUID, TextField> outcomes = new HashMap<>();
                for (SessionBoard.Action action : board.actions()) {
                    TextField outcome = new TextField(action.body());
                    outcome.setWidthFull();
                    outcome.setMaxLength(2000);
                    outcomes.put(action.id(), outcome);
                    add(outcome);
                }
                TextArea report = area("codevelopment.form.followUpReport", 10000);
                submit("codevelopment.form.submitFollowUp", () -> {
                    Map<UUID, String> values = new HashMap<>();
                    outcomes.forEach((id, field) -> values.put(id, field.getValue()));
                    sessions.followUp(task.id(), report.getValue(), values);
                }, () -> {
                    long open = outcomes.values().stream().filter(f -> f.getValue().isBlank()).count();
                    return open == 0 ? null : getTranslation("codevelopment.form.openOutcomes", open);
                });
            }
        });
    }

    @Bean
    TaskFormProvider codevLearningNoteForm() {
        return TaskFormProvider.of("cohorte:codevelopment-learning-note", (task, done) -> new Form(done) {
            {
                add(new Paragraph(getTranslation("codevelopment.form.noteHelp")));
                TextField title = text("codevelopment.form.noteTitle", 300);
                TextArea body = area("codevelopment.form.noteBody", 100000);
                TextField tags = text("codevelopment.form.noteTags", 500);
                submit("codevelopment.form.submitNote", () -> sessions.publishLearningNote(task.id(), title.getValue(),
                        body.getValue(), Arrays.stream(tags.getValue().split(",")).map(String::strip).toList()));
            }
        });
    }

    /** A small form: fields in a column and a primary button that runs the action, then reports completion. */
    abstract static class Form extends Composite<VerticalLayout> {
        private final Runnable done;
        private int fields;

        Form(Runnable done) {
            this.done = done;
            getContent().setPadding(false);
            getContent().addClassName("codev-form");
        }

        void add(Component... components) {
            getContent().add(components);
        }

        TextField text(String key, int max) {
            TextField field = new TextField(getTranslation(key));
            field.setId("codev-field-" + (++fields));
            field.setMaxLength(max);
            field.setWidthFull();
            add(field);
            return field;
        }

        TextArea area(String key, int max) {
            TextArea field = new TextArea(getTranslation(key));
            field.setId("codev-field-" + (++fields));
            field.setMaxLength(max);
            field.setWidthFull();
            field.setMinHeight("6rem");
            add(field);
            return field;
        }

        void submit(String key, Runnable action) {
            submit(key, action, null);
        }

        /**
         * As {@link #submit(String, Runnable)}; when {@code openItems} names items still open (null: none), a dialog
         * says so first: confirm finishes, cancel leaves the form as it was.
         */
        void submit(String key, Runnable action, Supplier<String> openItems) {
            Button submit = new Button(getTranslation(key));
            submit.addClickListener(e -> {
                String open = openItems == null ? null : openItems.get();
                if (open == null) {
                    finish(action, submit);
                    return;
                }
                submit.setEnabled(true);
                confirm(open, () -> finish(action, submit));
            });
            submit.setId("complete-button");
            submit.setDisableOnClick(true);
            submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(submit);
        }

        private void finish(Runnable action, Button submit) {
            if (Notifier.attempt(action)) {
                done.run();
            } else {
                submit.setEnabled(true);
            }
        }

        private void confirm(String text, Runnable onConfirm) {
            Dialog dialog = new Dialog();
            dialog.setId("codev-open-items");
            dialog.setHeaderTitle(getTranslation("codevelopment.form.openItemsTitle"));
            Paragraph message = new Paragraph(text);
            message.setId("codev-open-items-text");
            dialog.add(message);
            Button cancel = new Button(getTranslation("codevelopment.form.openItemsCancel"), e -> dialog.close());
            cancel.setId("codev-open-items-cancel");
            Button ok = new Button(getTranslation("codevelopment.form.openItemsConfirm"), e -> {
                dialog.close();
                onConfirm.run();
            });
            ok.setId("codev-open-items-confirm");
            ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.getFooter().add(cancel, ok);
            dialog.open();
        }
    }

}
