package org.cohorte.codevelopment.ui;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.codevelopment.domain.SessionStatus;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.SessionBoard;
import org.cohorte.codevelopment.service.SessionSteps;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.identity.service.Roles;
import org.cohorte.tasks.api.TaskFormProvider;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.TaskDetails;

/**
 * The live board of a session: the current step, the time left, the case and everything said so far,
 * updated without reloading (server push) whenever anyone acts. The participant's own current task is
 * embedded, so a live session is run from this one page; the facilitator has the controls. Like a shared
 * whiteboard, it carries the session's video call link and the facilitator's notes of each step, which every
 * reader of the board sees as they are saved.
 */
@Route("codevelopment/session")
@RolesAllowed({Roles.FACILITATOR, Roles.PARTICIPANT})
public class SessionBoardView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final CodevSessionService sessionService;
    private List<SessionSteps.Step> steps;
    private final InboxService inboxService;
    private final SessionBroadcaster broadcaster;
    private final Map<String, TaskFormProvider> providers;
    private final Div content = new Div();
    private final Div myTask = new Div();
    /** The facilitator's link and notes editors: kept across pushes (what they type is not lost), rebuilt on a new step. */
    private final Div tools = new Div();
    private final Div details = new Div();
    private String toolsFor;
    private TextArea notesText;
    private Span notesOutdated;
    private int notesStep;
    private long notesRevision;
    private String notesSaved;
    private String shownTaskId;
    private UUID sessionId;
    private String title = "";
    private Registration following;

    public SessionBoardView(CodevSessionService sessionService, InboxService inboxService, SessionBroadcaster broadcaster,
                            List<TaskFormProvider> providers) {
        this.sessionService = sessionService;
        this.inboxService = inboxService;
        this.broadcaster = broadcaster;
        this.providers = providers.stream().collect(Collectors.toMap(TaskFormProvider::formKey, Function.identity()));
        addClassName("codev-board");
        content.addClassName("codev-board-content");
        myTask.setId("codev-my-task");
        myTask.addClassName("codev-my-task");
        tools.setId("codev-tools");
        tools.addClassName("codev-tools");
        details.addClassName("codev-board-content");
        add(content, tools, details, myTask);
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        try {
            sessionId = UUID.fromString(parameter);
        } catch (IllegalArgumentException e) {
            sessionId = null;
        }
        shownTaskId = null;
        toolsFor = null;
        // The same view instance may be reused for another session: follow the one now shown, and only it.
        if (following != null) {
            following.remove();
            following = null;
        }
        if (sessionId != null) {
            following = broadcaster.follow(this, sessionId, this::refresh);
        }
        refresh();
    }

    void refresh() {
        content.removeAll();
        details.removeAll();
        SessionBoard board;
        try {
            if (sessionId == null) {
                throw new CohorteException("codevelopment.error.notFound");
            }
            board = sessionService.board(sessionId);
        } catch (CohorteException e) {
            title = getTranslation("codevelopment.notFound.title");
            content.add(new H2(title), new Paragraph(getTranslation(e.getMessageKey(), e.getArgs())));
            myTask.removeAll();
            tools.removeAll();
            toolsFor = null;
            return;
        }
        title = getTranslation("codevelopment.board.title", board.groupName());
        H2 heading = new H2(title);
        heading.setId("codev-board-title");
        content.add(heading, statusBar(board), stepper(board));
        if (board.videoUrl() != null) {
            Anchor video = new Anchor(board.videoUrl(), getTranslation("codevelopment.board.video"));
            video.setId("codev-video");
            video.addClassName("codev-video");
            // A new tab that cannot reach back into the board (window.opener), nor learn where it came from.
            video.setTarget(AnchorTarget.BLANK);
            video.getElement().setAttribute("rel", "noopener noreferrer");
            content.add(video);
        }
        if (board.myRole() == SessionBoard.Role.FACILITATOR && board.status() == SessionStatus.RUNNING) {
            content.add(controls(board));
        }
        if (board.status() == SessionStatus.CANCELLED) {
            Paragraph cancelled = new Paragraph(getTranslation("codevelopment.board.cancelled", board.cancelReason()));
            cancelled.setId("codev-cancelled");
            content.add(cancelled);
        }
        Div columns = new Div();
        columns.addClassName("codev-columns");
        columns.add(casePanel(board), talkPanel(board));
        details.add(columns);
        if (!board.notes().isEmpty() || board.status() == SessionStatus.RUNNING) {
            details.add(notesPanel(board));
        }
        details.add(participants(board));
        showTools(board);
        showMyTask();
    }

    private Component statusBar(SessionBoard board) {
        HorizontalLayout bar = new HorizontalLayout();
        bar.addClassName("codev-status");
        bar.setWrap(true);
        Span status = badge(getTranslation("codevelopment.status." + board.status()), "codev-status-badge");
        Span mode = badge(getTranslation("codevelopment.mode." + board.mode()), null);
        List<SessionSteps.Step> steps = steps();
        Span step = new Span(board.currentStep() >= 1 && board.currentStep() <= steps.size()
                ? getTranslation("codevelopment.board.step", board.currentStep(),
                getTranslation("codevelopment.step." + steps.get(board.currentStep() - 1).key()))
                : getTranslation("codevelopment.board.scheduled", Formats.dateTime(board.scheduledAt(), getLocale())));
        step.setId("codev-current-step");
        step.addClassName("codev-current-step");
        bar.add(status, mode, step);
        if (board.stepEndsAt() != null && board.status() == SessionStatus.RUNNING) {
            Span left = new Span(timeLeft(board));
            left.setId("codev-time-left");
            left.addClassName("codev-time-left");
            // The browser counts down by itself between two pushes.
            left.getElement().executeJs("const el=this;clearInterval(el._t);const end=$0;"
                    + "const f=()=>{let s=Math.max(0,Math.round((end-Date.now())/1000));"
                    + "el.textContent=(s>=3600?Math.floor(s/3600)+' h ':'')+Math.floor((s%3600)/60)+' min '+String(s%60).padStart(2,'0')+' s';"
                    + "el.classList.toggle('codev-overtime',s===0);};f();el._t=setInterval(f,1000);",
                    (double) board.stepEndsAt().toEpochMilli());
            bar.add(new Span(getTranslation("codevelopment.board.timeLeft")), left);
        }
        return bar;
    }

    private static String timeLeft(SessionBoard board) {
        Duration d = Duration.between(EngineClock.now(), board.stepEndsAt());
        long s = Math.max(0, d.getSeconds());
        return (s >= 3600 ? s / 3600 + " h " : "") + (s % 3600) / 60 + " min " + String.format("%02d", s % 60) + " s";
    }

    /** The steps as the model defines them; read once per view (the deployed model does not change under it). */
    private List<SessionSteps.Step> steps() {
        if (steps == null) {
            steps = sessionService.steps();
        }
        return steps;
    }

    private Component stepper(SessionBoard board) {
        Div stepper = new Div();
        stepper.addClassName("codev-stepper");
        List<SessionSteps.Step> steps = steps();
        for (int i = 1; i <= steps.size(); i++) {
            Span chip = new Span(i + ". " + getTranslation("codevelopment.step." + steps.get(i - 1).key())
                    + " · " + board.timeboxes().get(i - 1) + " min");
            chip.addClassName("codev-step");
            if (i == board.currentStep()) {
                chip.addClassName("codev-step-current");
            } else if (i < board.currentStep()) {
                chip.addClassName("codev-step-done");
            }
            stepper.add(chip);
        }
        return stepper;
    }

    private Component controls(SessionBoard board) {
        int step = board.currentStep();
        Button advance = new Button(getTranslation("codevelopment.board.advance"), e -> {
            if (Notifier.attempt(() -> sessionService.advance(sessionId, step))) {
                refresh();
            }
        });
        advance.setId("codev-advance");
        advance.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button extend = new Button(getTranslation("codevelopment.board.extend"), e -> {
            if (Notifier.attempt(() -> sessionService.extend(sessionId, step, 5))) {
                refresh();
            }
        });
        extend.setId("codev-extend");
        TextField reason = new TextField();
        reason.setPlaceholder(getTranslation("codevelopment.board.cancelReason"));
        reason.setId("codev-cancel-reason");
        reason.setMaxLength(1000);
        Button cancel = new Button(getTranslation("codevelopment.board.cancel"), e -> {
            if (Notifier.attempt(() -> sessionService.cancel(sessionId, reason.getValue()))) {
                refresh();
            }
        });
        cancel.setId("codev-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout controls = new HorizontalLayout(advance, extend, reason, cancel);
        controls.addClassName("codev-controls");
        controls.setWrap(true);
        return controls;
    }

    private Component casePanel(SessionBoard board) {
        Div panel = new Div();
        panel.addClassName("codev-panel");
        panel.setId("codev-case");
        panel.add(new H3(board.caseTitle() == null ? getTranslation("codevelopment.board.casePending") : board.caseTitle()));
        field(panel, "codevelopment.form.caseContext", board.caseContext());
        field(panel, "codevelopment.form.caseTried", board.caseTried());
        field(panel, "codevelopment.form.caseStakes", board.caseStakes());
        field(panel, "codevelopment.form.contract", board.contract());
        field(panel, "codevelopment.form.synthesis", board.synthesis());
        if (!board.actions().isEmpty()) {
            UnorderedList list = new UnorderedList();
            board.actions().forEach(a -> list.add(new ListItem(a.body() + " — " + a.dueDate().format(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM).withLocale(getLocale()))
                    + (a.outcome() == null ? "" : " : " + a.outcome()))));
            Div block = new Div(new Span(getTranslation("codevelopment.board.actions")), list);
            block.addClassName("codev-field");
            panel.add(block);
        }
        field(panel, "codevelopment.form.followUpReport", board.followUpReport());
        return panel;
    }

    private void field(Div panel, String key, String value) {
        if (value != null && !value.isBlank()) {
            Div block = new Div(new Span(getTranslation(key)), new Paragraph(value));
            block.addClassName("codev-field");
            panel.add(block);
        }
    }

    private Component talkPanel(SessionBoard board) {
        Div panel = new Div();
        panel.addClassName("codev-panel");
        panel.add(new H3(getTranslation("codevelopment.board.questions")));
        UnorderedList questions = new UnorderedList();
        questions.setId("codev-questions");
        board.questions().forEach(q -> {
            ListItem item = new ListItem(new Span(q.authorName() + " : " + q.body()));
            if (q.answer() != null) {
                Span answer = new Span(" → " + q.answer());
                answer.addClassName("codev-answer");
                item.add(answer);
            }
            questions.add(item);
        });
        panel.add(questions);
        panel.add(new H3(getTranslation("codevelopment.board.contributions")));
        UnorderedList contributions = new UnorderedList();
        contributions.setId("codev-contributions");
        board.contributions().forEach(c -> contributions.add(new ListItem(c.authorName() + " : " + c.body())));
        panel.add(contributions);
        if (!board.learnings().isEmpty()) {
            panel.add(new H3(getTranslation("codevelopment.board.learnings")));
            UnorderedList learnings = new UnorderedList();
            learnings.setId("codev-learnings");
            board.learnings().forEach(l -> learnings.add(new ListItem(l.authorName() + " (" + l.rating() + "/5) : " + l.body())));
            panel.add(learnings);
        }
        return panel;
    }

    /** Every step's notes, for every reader of the board. */
    private Component notesPanel(SessionBoard board) {
        Div panel = new Div();
        panel.addClassName("codev-panel");
        panel.addClassName("codev-notes");
        panel.setId("codev-notes");
        panel.add(new H3(getTranslation("codevelopment.board.notes")));
        List<SessionSteps.Step> steps = steps();
        boolean any = false;
        for (SessionBoard.StepNote n : board.notes()) {
            if (n.body() == null) {
                continue;
            }
            any = true;
            Span step = new Span(getTranslation("codevelopment.board.notesStep", n.step(),
                    getTranslation("codevelopment.step." + steps.get(n.step() - 1).key())));
            Span by = new Span(getTranslation("codevelopment.board.notesBy", n.authorName(),
                    Formats.dateTime(n.updatedAt(), getLocale())));
            by.addClassName("codev-note-by");
            Paragraph text = new Paragraph(n.body());
            text.addClassName("codev-note-text");
            Div block = new Div(step, by, text);
            block.addClassName("codev-field");
            block.setId("codev-note-" + n.step());
            panel.add(block);
        }
        if (!any) {
            panel.add(new Paragraph(getTranslation("codevelopment.board.notesEmpty")));
        }
        return panel;
    }

    /**
     * The facilitator's editors of the video link and of the current step's notes. Built once per step; a push only
     * brings the newest saved notes into the editor when nothing unsaved is typed in it (else it says they changed).
     */
    private void showTools(SessionBoard board) {
        boolean editable = board.myRole() == SessionBoard.Role.FACILITATOR
                && (board.status() == SessionStatus.PREPARATION || board.status() == SessionStatus.RUNNING
                || board.status() == SessionStatus.FOLLOW_UP);
        String key = editable ? board.status() + "/" + board.currentStep() : null;
        // The step moved on while unsaved notes are typed: the editor stays on its step until they are saved.
        boolean keepDraft = notesText != null && board.status() == SessionStatus.RUNNING && board.myRole() == SessionBoard.Role.FACILITATOR
                && !notesText.getValue().equals(notesSaved == null ? "" : notesSaved);
        if ((key == null || !key.equals(toolsFor)) && !keepDraft) {
            tools.removeAll();
            notesText = null;
            toolsFor = key;
            if (key != null) {
                buildTools(board);
            }
        }
        if (notesText != null) {
            SessionBoard.StepNote note = board.note(notesStep);
            if (note.revision() != notesRevision) {
                if (notesText.getValue().equals(notesSaved == null ? "" : notesSaved)) {
                    takeNotes(note);
                } else {
                    notesOutdated.setVisible(true);
                }
            }
        }
    }

    private void buildTools(SessionBoard board) {
        TextField video = new TextField(getTranslation("codevelopment.board.videoEdit"));
        video.setId("codev-video-url");
        video.setPlaceholder("https://");
        video.setMaxLength(500);
        video.setValue(board.videoUrl() == null ? "" : board.videoUrl());
        video.addClassName("codev-video-url");
        Button saveVideo = new Button(getTranslation("codevelopment.board.videoSave"), e -> {
            if (Notifier.attempt(() -> sessionService.changeVideoLink(sessionId, video.getValue()))) {
                Notifier.success("codevelopment.board.videoSaved");
            }
        });
        saveVideo.setId("codev-video-save");
        Div videoLine = new Div(video, saveVideo);
        videoLine.addClassName("codev-tool-line");
        tools.add(videoLine);
        if (board.status() != SessionStatus.RUNNING) {
            return;
        }
        notesStep = board.currentStep();
        notesText = new TextArea(getTranslation("codevelopment.board.notesEditor", notesStep));
        notesText.setId("codev-notes-text");
        notesText.setMaxLength(CodevSessionService.MAX_LONG);
        notesText.setWidthFull();
        notesText.setMinHeight("6rem");
        notesOutdated = new Span(getTranslation("codevelopment.board.notesOutdated"));
        notesOutdated.setId("codev-notes-outdated");
        notesOutdated.addClassName("codev-rule");
        notesOutdated.setVisible(false);
        takeNotes(board.note(notesStep));
        Button saveNotes = new Button(getTranslation("codevelopment.board.notesSave"), e -> saveNotes());
        saveNotes.setId("codev-notes-save");
        tools.add(notesText, notesOutdated, saveNotes);
    }

    private void takeNotes(SessionBoard.StepNote note) {
        notesText.setValue(note.body() == null ? "" : note.body());
        notesSaved = note.body();
        notesRevision = note.revision();
        notesOutdated.setVisible(false);
    }

    private void saveNotes() {
        String text = notesText.getValue();
        try {
            notesRevision = sessionService.saveStepNotes(sessionId, notesStep, text, notesRevision);
            notesSaved = text;
            notesOutdated.setVisible(false);
            Notifier.success("codevelopment.board.notesSaved");
        } catch (ConflictException e) {
            Notifier.error(e);
            // Told, and their text kept: the next save, made knowing it, replaces the newer notes shown on the board.
            Notifier.attempt(() -> {
                SessionBoard.StepNote current = sessionService.board(sessionId).note(notesStep);
                notesRevision = current.revision();
                notesSaved = current.body();
                notesOutdated.setVisible(true);
            });
        } catch (CohorteException e) {
            Notifier.error(e);
        }
    }

    private Component participants(SessionBoard board) {
        Div people = new Div();
        people.addClassName("codev-participants");
        people.add(badge(getTranslation("codevelopment.board.facilitator", board.facilitatorName()), null));
        board.participants().forEach(p -> {
            Span chip = badge(getTranslation("codevelopment.role." + p.role()) + " : " + p.name(), null);
            if (!p.present()) {
                chip.addClassName("codev-absent");
            }
            people.add(chip);
        });
        return people;
    }

    /** The user's current task in this session, as its form; kept as it is while it is the same task (nothing typed is lost). */
    private void showMyTask() {
        Optional<String> taskId = sessionService.myOpenTask(sessionId);
        if (taskId.isPresent() && taskId.get().equals(shownTaskId)) {
            return;
        }
        myTask.removeAll();
        shownTaskId = taskId.orElse(null);
        if (taskId.isEmpty()) {
            return;
        }
        TaskDetails task = inboxService.get(taskId.get());
        TaskFormProvider provider = task.formKey() == null ? null : providers.get(task.formKey());
        if (provider == null) {
            return;
        }
        H3 heading = new H3(getTranslation("codevelopment.board.yourTurn",
                getTranslation("task." + Steps.PROCESS_KEY + "." + task.taskDefinitionKey())));
        myTask.add(heading, provider.createForm(task, () -> {
            Notifier.success("tasks.completed");
            shownTaskId = null;
            refresh();
        }));
    }

    private static Span badge(String text, String id) {
        Span span = new Span(text);
        span.getElement().getThemeList().add("badge");
        if (id != null) {
            span.setId(id);
        }
        return span;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
