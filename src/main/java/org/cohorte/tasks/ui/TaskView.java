package org.cohorte.tasks.ui;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.tasks.api.TaskFormProvider;
import org.cohorte.tasks.api.TaskSubject;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.TaskDetails;

/**
 * One task: where it comes from, who holds it, when it is due, and its form. The form is chosen by the
 * task's formKey among the features' {@link TaskFormProvider}s; a task with no dedicated form gets the
 * generic one.
 */
@Route("tasks")
@PermitAll
public class TaskView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final InboxService inboxService;
    private final TaskLabels labels;
    private final Map<String, TaskFormProvider> providers;
    private String title = "";

    public TaskView(InboxService inboxService, TaskLabels labels, List<TaskFormProvider> providers) {
        this.inboxService = inboxService;
        this.labels = labels;
        this.providers = providers.stream().collect(Collectors.toMap(TaskFormProvider::formKey, Function.identity()));
        addClassName("task-view");
        setMaxWidth("60rem");
    }

    @Override
    public void setParameter(BeforeEvent event, String taskId) {
        show(taskId);
    }

    private void show(String taskId) {
        removeAll();
        TaskDetails task;
        try {
            task = inboxService.get(taskId);
        } catch (CohorteException e) {
            title = getTranslation("tasks.notFound.title");
            add(new H2(title), new Paragraph(getTranslation(e.getMessageKey(), e.getArgs())), backButton());
            return;
        }
        title = labels.task(this, task.processDefinitionKey(), task.taskDefinitionKey(), task.name());
        add(backButton(), new H2(title), header(task));
        Component context = context(task);
        if (context != null) {
            add(context);
        }
        if (task.description() != null && !task.description().isBlank()) {
            add(new Paragraph(task.description()));
        }
        add(claimBar(task));
        if (task.workable()) {
            Runnable done = () -> {
                Notifier.success("tasks.completed");
                getUI().ifPresent(ui -> ui.navigate(InboxView.class));
            };
            TaskFormProvider provider = task.formKey() == null ? null : providers.get(task.formKey());
            Component form = provider != null ? provider.createForm(task, done)
                    : new GenericTaskForm(task, labels, inboxService, done);
            add(form);
        }
    }

    private Component header(TaskDetails task) {
        Div meta = new Div();
        meta.addClassName("task-meta");
        meta.add(metaItem("tasks.column.process", labels.process(this, task.processDefinitionKey(), task.processName())));
        meta.add(metaItem("tasks.column.created", Formats.dateTime(task.created(), getLocale())));
        if (task.due() != null) {
            Span due = metaItem("tasks.column.due", Formats.dateTime(task.due(), getLocale()));
            if (task.overdue()) {
                due.getElement().getThemeList().add("badge error");
            }
            meta.add(due);
        }
        meta.add(metaItem("tasks.column.assignee",
                task.assignee() == null ? getTranslation("tasks.unassigned") : task.assigneeName()));
        return meta;
    }

    /**
     * What the task is about, linked to its page, and the context its feature gives to do it (for a codevelopment
     * step: the group, the session, the case as the client wrote it and the live board). Nothing when the process
     * names no subject or the user may not read its record.
     */
    private Component context(TaskDetails task) {
        TaskSubject subject;
        try {
            subject = inboxService.subjectOf(task, getLocale());
        } catch (CohorteException e) {
            return null;
        }
        if (subject == null) {
            return null;
        }
        Div block = new Div();
        block.setId("task-context");
        block.addClassName("task-context");
        Paragraph about = new Paragraph(getTranslation("tasks.context.subject") + " : ");
        about.addClassName("task-context-line");
        if (subject.route() != null) {
            Anchor link = new Anchor(subject.route(), subject.text());
            link.setId("task-subject-link");
            about.add(link);
        } else {
            about.add(new Span(subject.text()));
        }
        block.add(about);
        for (TaskSubject.Line line : subject.context()) {
            Span label = new Span(line.label() + " : ");
            label.addClassName("task-context-label");
            Paragraph item = new Paragraph(label, new Span(line.value()));
            item.addClassName("task-context-line");
            block.add(item);
        }
        return block;
    }

    private Span metaItem(String labelKey, String value) {
        Span item = new Span(getTranslation(labelKey) + " : " + value);
        item.addClassName("task-meta-item");
        return item;
    }

    private Component claimBar(TaskDetails task) {
        HorizontalLayout bar = new HorizontalLayout();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        if (task.claimable()) {
            Button claim = new Button(getTranslation("tasks.action.claim"), e -> {
                if (Notifier.attempt(() -> inboxService.claim(task.id()))) {
                    Notifier.success("tasks.claimed");
                    show(task.id());
                }
            });
            claim.setId("claim-button");
            bar.add(new Span(getTranslation("tasks.claimHint")), claim);
        } else if (task.releasable()) {
            Button release = new Button(getTranslation("tasks.action.unclaim"), e -> {
                if (Notifier.attempt(() -> inboxService.unclaim(task.id()))) {
                    Notifier.success("tasks.unclaimed");
                    show(task.id());
                }
            });
            release.setId("unclaim-button");
            release.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            bar.add(release);
        } else if (!task.assignedToMe()) {
            bar.add(new Span(getTranslation("tasks.heldBy", task.assigneeName())));
        }
        return bar;
    }

    private Button backButton() {
        Button back = new Button(getTranslation("tasks.backToInbox"), VaadinIcon.ARROW_LEFT.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(InboxView.class)));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        back.setId("back-to-inbox");
        return back;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
