package org.cohorte.tasks.ui;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import org.cohorte.base.push.PushBus;
import org.cohorte.base.push.PushMessage;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.tasks.service.InboxFilter;
import org.cohorte.tasks.service.InboxSearch;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.InboxSort;
import org.cohorte.tasks.service.InboxTask;
import org.cohorte.identity.service.CurrentUser;

/**
 * "Mes tâches": every signed-in user lands here. Rows are fetched a page at a time from the engine, so the
 * view stays quick however many tasks are open. It is live: a task for this person or one of their groups created,
 * claimed or completed on any node sends a bare "refresh" through the push bus and the view re-reads its page
 * through the inbox service; arriving here again (the menu clicked once more) re-reads it too.
 */
@Route("")
@RouteAlias("tasks")
@PermitAll
public class InboxView extends VerticalLayout implements HasDynamicTitle, AfterNavigationObserver {

    static final String SORT_CREATED = "created";
    static final String SORT_DUE = "due";
    static final String SORT_NAME = "name";
    static final String SORT_SUBJECT = "subject";
    static final int COUNT_CAP = 1000;

    private final InboxService inboxService;
    private final TaskLabels labels;
    private final Grid<InboxTask> grid = new Grid<>();
    private final Span count = new Span();
    private final Tabs filters = new Tabs();
    private final List<InboxFilter> filterOrder = List.of(InboxFilter.ALL, InboxFilter.MINE, InboxFilter.MY_GROUPS,
            InboxFilter.OVERDUE, InboxFilter.DUE_TODAY);
    private InboxFilter filter = InboxFilter.ALL;
    private final TextField subjectFilter = new TextField();
    private final ComboBox<String> processFilter = new ComboBox<>();
    private Grid.Column<InboxTask> processColumn;
    private Grid.Column<InboxTask> createdColumn;
    private Grid.Column<InboxTask> assigneeColumn;

    public InboxView(InboxService inboxService, TaskLabels labels, PushBus push, CurrentUser currentUser) {
        this.inboxService = inboxService;
        this.labels = labels;
        addClassName("inbox-view");
        setSizeFull();
        setPadding(true);

        for (InboxFilter f : filterOrder) {
            Tab tab = new Tab(getTranslation("tasks.filter." + f.name()));
            tab.setId("filter-" + f.name().toLowerCase());
            filters.add(tab);
        }
        filters.addSelectedChangeListener(e -> {
            filter = filterOrder.get(filters.getSelectedIndex());
            refresh();
        });
        filters.setWidthFull();

        count.addClassName("inbox-count");
        HorizontalLayout header = new HorizontalLayout(filters, count);
        header.setWidthFull();
        header.addClassName("inbox-header");
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.setFlexGrow(1, filters);

        configureGrid();
        add(header, searchBar(), grid);
        setFlexGrow(1, grid);
        // Subscribed while on screen only (the bus drops them on detach): one address for the person, one per group.
        CurrentUser.Identity me = currentUser.require();
        push.follow(this, PushMessage.TASKS_OF_USER, me.userId(), this::refresh);
        me.groups().forEach(group -> push.follow(this, PushMessage.TASKS_OF_GROUP, group, this::refresh));
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        // First arrival and every later one (the menu clicked again on this page): the list is read afresh.
        refresh();
    }

    private void configureGrid() {
        grid.setId("inbox-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSizeFull();
        grid.addColumn(t -> labels.task(this, t.processDefinitionKey(), t.taskDefinitionKey(), t.name()))
                .setHeader(getTranslation("tasks.column.name")).setKey(SORT_NAME).setSortable(true).setFlexGrow(3)
                // A small base width that flex-grow widens: the four columns a phone keeps then fit 360 px.
                .setWidth("4.5rem");
        grid.addColumn(new ComponentRenderer<>(this::subjectCell))
                .setHeader(getTranslation("tasks.column.subject")).setKey(SORT_SUBJECT).setSortable(true).setFlexGrow(3)
                .setWidth("4.5rem");
        processColumn = grid.addColumn(t -> labels.process(this, t.processDefinitionKey(), t.processName()))
                .setHeader(getTranslation("tasks.column.process")).setFlexGrow(2);
        createdColumn = grid.addColumn(t -> Formats.dateTime(t.created(), getLocale()))
                .setHeader(getTranslation("tasks.column.created")).setKey(SORT_CREATED).setSortable(true).setFlexGrow(1);
        grid.addColumn(new ComponentRenderer<>(this::dueBadge))
                .setHeader(getTranslation("tasks.column.due")).setKey(SORT_DUE).setSortable(true).setFlexGrow(1)
                .setWidth("4.5rem");
        assigneeColumn = grid.addColumn(t -> t.isAssigned() ? t.assigneeName() : getTranslation("tasks.unassigned"))
                .setHeader(getTranslation("tasks.column.assignee")).setFlexGrow(1);
        grid.addColumn(new ComponentRenderer<>(this::actions)).setHeader(getTranslation("tasks.column.actions")).setKey("actions")
                .setAutoWidth(true).setFlexGrow(0);
        grid.sort(List.of(new GridSortOrder<>(createdColumn, SortDirection.DESCENDING)));
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.setEmptyStateText(getTranslation("tasks.empty"));
    }

    /** Words of the subject and a process: what the grid narrows to, besides the quick filter tabs. */
    private Component searchBar() {
        subjectFilter.setId("subject-filter");
        subjectFilter.setPlaceholder(getTranslation("tasks.filter.subject"));
        subjectFilter.setAriaLabel(getTranslation("tasks.filter.subject"));
        subjectFilter.setClearButtonVisible(true);
        subjectFilter.setPrefixComponent(VaadinIcon.SEARCH.create());
        subjectFilter.setValueChangeMode(ValueChangeMode.LAZY);
        subjectFilter.addValueChangeListener(e -> refresh());
        Map<String, String> processes = inboxService.processes();
        processFilter.setId("process-filter");
        processFilter.setPlaceholder(getTranslation("tasks.filter.process"));
        processFilter.setAriaLabel(getTranslation("tasks.filter.process"));
        processFilter.setClearButtonVisible(true);
        processFilter.setItems(processes.keySet());
        processFilter.setItemLabelGenerator(key -> labels.process(this, key, processes.get(key)));
        processFilter.addValueChangeListener(e -> refresh());
        HorizontalLayout bar = new HorizontalLayout(subjectFilter, processFilter);
        bar.addClassName("inbox-search");
        bar.setWidthFull();
        return bar;
    }

    InboxSearch search() {
        return new InboxSearch(processFilter.getValue(), subjectFilter.getValue());
    }

    /** The subject, linked to its record's page when the user has one to open. */
    private Component subjectCell(InboxTask task) {
        if (task.subject() == null) {
            return new Span();
        }
        if (task.subject().route() == null) {
            Span text = new Span(task.subject().text());
            text.addClassName("task-subject");
            return text;
        }
        Anchor link = new Anchor(task.subject().route(), task.subject().text());
        link.addClassName("task-subject");
        return link;
    }

    private Span dueBadge(InboxTask task) {
        Span due = new Span(Formats.dateTime(task.due(), getLocale()));
        if (task.overdue()) {
            due.getElement().getThemeList().add("badge error");
            due.getElement().setAttribute("title", getTranslation("tasks.overdue"));
            due.addClassName("overdue");
        }
        return due;
    }

    private HorizontalLayout actions(InboxTask task) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(false);
        // Stacked on a phone (theme CSS), so the task's name keeps the width.
        actions.addClassName("inbox-actions");
        if (!task.isAssigned()) {
            Button claim = new Button(getTranslation("tasks.action.claim"), e -> {
                if (Notifier.attempt(() -> inboxService.claim(task.id()))) {
                    Notifier.success("tasks.claimed");
                    refresh();
                }
            });
            claim.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            claim.addClassName("claim-button");
            actions.add(claim);
        }
        Button open = new Button(getTranslation("tasks.action.open"), e -> open(task));
        open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        open.addClassName("open-button");
        actions.add(open);
        return actions;
    }

    private void open(InboxTask task) {
        getUI().ifPresent(ui -> ui.navigate(TaskView.class, task.id()));
    }

    void refresh() {
        // No exact count up front: the grid asks for pages until one comes back short, so a first page costs
        // the same with 50 tasks or 100 000. The header says how many, counting no further than COUNT_CAP.
        grid.setItems(query -> {
            InboxSort sort = InboxSort.CREATED;
            boolean ascending = false;
            if (!query.getSortOrders().isEmpty()) {
                var order = query.getSortOrders().get(0);
                sort = switch (order.getSorted()) {
                    case SORT_DUE -> InboxSort.DUE;
                    case SORT_NAME -> InboxSort.NAME;
                    case SORT_SUBJECT -> InboxSort.SUBJECT;
                    default -> InboxSort.CREATED;
                };
                ascending = order.getDirection() == SortDirection.ASCENDING;
            }
            return inboxService.page(filter, search(), sort, ascending, query.getOffset(), query.getLimit(), getLocale())
                    .stream();
        });
        long total = inboxService.countUpTo(filter, COUNT_CAP + 1);
        count.setText(total > COUNT_CAP ? getTranslation("tasks.countMore", COUNT_CAP) : getTranslation("tasks.count", total));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        // On a phone-sized screen keep what matters: the task, when it is due, and the actions.
        attachEvent.getUI().getPage().retrieveExtendedClientDetails(details -> compact(details.getWindowInnerWidth() < 700));
        attachEvent.getUI().getPage().addBrowserWindowResizeListener(e -> compact(e.getWidth() < 700));
    }

    private void compact(boolean narrow) {
        processColumn.setVisible(!narrow);
        createdColumn.setVisible(!narrow);
        assigneeColumn.setVisible(!narrow);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tasks.title");
    }
}
