package org.cohorte.community.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import org.cohorte.base.time.EngineClock;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.community.domain.Community;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.ArticleSummary;
import org.cohorte.community.service.CalendarService;
import org.cohorte.community.service.CommunityHealthWorkbookExporter;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.DutyWeek;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.MemberEntry;
import org.cohorte.community.service.QuestionSearch;
import org.cohorte.community.service.QuestionService;
import org.cohorte.community.service.QuestionSummary;
import org.cohorte.community.service.SearchResults;
import org.cohorte.identity.api.InvitePersonDialog;
import org.cohorte.identity.api.PeoplePicker;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;

/**
 * One community: its questions (search before asking), knowledge base, calendar, directory, duty roster,
 * and for its facilitators the promise settings and the health workbook. Non-members see "not found".
 */
@Route("community")
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.PARTICIPANT, Roles.EXPERT, Roles.MANAGER, Roles.COMMITTEE,
        Roles.ADVISORY, Roles.FORUM})
public class CommunityView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final CommunityService communityService;
    private final QuestionService questionService;
    private final QuestionSearch questionSearch;
    private final KnowledgeBaseService knowledgeBase;
    private final CalendarService calendarService;
    private final CommunityHealthWorkbookExporter exporter;
    private final MemberService memberService;
    private final CurrentUser currentUser;
    private final OrganizationService organizationService;
    private Community community;
    private boolean member;
    private boolean manager;
    private String title = "";

    public CommunityView(CommunityService communityService, QuestionService questionService, QuestionSearch questionSearch,
                         KnowledgeBaseService knowledgeBase, CalendarService calendarService,
                         CommunityHealthWorkbookExporter exporter, MemberService memberService, CurrentUser currentUser,
                         OrganizationService organizationService) {
        this.organizationService = organizationService;
        this.communityService = communityService;
        this.questionService = questionService;
        this.questionSearch = questionSearch;
        this.knowledgeBase = knowledgeBase;
        this.calendarService = calendarService;
        this.exporter = exporter;
        this.memberService = memberService;
        this.currentUser = currentUser;
        addClassName("community-view");
        setMaxWidth("70rem");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        removeAll();
        UUID id;
        try {
            id = UUID.fromString(parameter);
        } catch (IllegalArgumentException e) {
            id = null;
        }
        community = id == null ? null : communityService.readable(id).orElse(null);
        if (community == null && id != null && communityService.canManageIfExists(id)) {
            community = communityService.requireManager(id);
        }
        if (community == null) {
            title = getTranslation("community.notFound.title");
            add(new H2(title), new Paragraph(getTranslation("community.error.notFound")),
                    new RouterLink(getTranslation("community.list.title"), CommunitiesView.class));
            return;
        }
        member = communityService.isMember(community.getId(), currentUser.userId());
        manager = communityService.canManage(community.getId());
        title = community.getName();
        show();
    }

    private void show() {
        H2 heading = new H2(community.getName());
        heading.setId("community-title");
        add(heading);
        if (community.getTheme() != null && !community.getTheme().isBlank()) {
            add(new Paragraph(community.getTheme()));
        }
        if (community.getCharter() != null && !community.getCharter().isBlank()) {
            Details charter = new Details(getTranslation("community.field.charter"), CommunityUi.plain(community.getCharter()));
            add(charter);
        }
        if (member) {
            add(digestBox());
        }
        boolean reader = communityService.readable(community.getId()).isPresent();
        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.setId("community-tabs");
        // Each tab reads its data when first shown, not all six when the page opens.
        Map<Tab, Supplier<Component>> builders = new HashMap<>();
        if (reader) {
            lazyTab(tabs, builders, "community.tab.questions", this::questionsTab);
            lazyTab(tabs, builders, "community.tab.knowledge", this::knowledgeTab);
            lazyTab(tabs, builders, "community.tab.calendar", () -> new CommunityCalendarTab(calendarService, community.getId(), member, manager));
        }
        lazyTab(tabs, builders, "community.tab.directory", this::directoryTab);
        lazyTab(tabs, builders, "community.tab.roster", this::rosterTab);
        if (manager) {
            lazyTab(tabs, builders, "community.tab.settings", () -> new CommunitySettingsTab(communityService, exporter, community));
        }
        buildIfFirstShown(tabs, builders);
        tabs.addSelectedChangeListener(e -> buildIfFirstShown(tabs, builders));
        add(tabs);
    }

    private void lazyTab(TabSheet tabs, Map<Tab, Supplier<Component>> builders, String key, Supplier<Component> builder) {
        Div holder = new Div();
        holder.setWidthFull();
        builders.put(tabs.add(getTranslation(key), holder), builder);
    }

    private static void buildIfFirstShown(TabSheet tabs, Map<Tab, Supplier<Component>> builders) {
        Tab selected = tabs.getSelectedTab();
        Supplier<Component> builder = selected == null ? null : builders.remove(selected);
        if (builder != null && tabs.getComponent(selected) instanceof Div holder) {
            holder.add(builder.get());
        }
    }

    // ---- Questions: search before asking, ask, latest questions

    private Component questionsTab() {
        VerticalLayout tab = new VerticalLayout();
        tab.setPadding(false);
        TextField search = new TextField();
        search.setId("community-search");
        search.setPlaceholder(getTranslation("community.search.placeholder"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setWidthFull();
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        Div results = new Div();
        results.setId("community-search-results");
        results.setWidthFull();
        search.addValueChangeListener(e -> showResults(results, e.getValue()));
        search.setMinWidth("14rem");
        HorizontalLayout bar = new HorizontalLayout(search);
        bar.setWidthFull();
        bar.setWrap(true);
        bar.setFlexGrow(1, search);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (member) {
            Button ask = new Button(getTranslation("question.ask"), VaadinIcon.QUESTION_CIRCLE.create(),
                    e -> askDialog(search.getValue()));
            ask.setId("question-ask");
            ask.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            bar.add(ask);
        }
        tab.add(bar, results, new H3(getTranslation("community.questions.latest")));
        Div list = new Div();
        list.setWidthFull();
        list.setId("community-questions");
        List<QuestionSummary> latest = questionService.listForCommunity(community.getId(), 50);
        if (latest.isEmpty()) {
            list.add(new Paragraph(getTranslation("community.questions.empty")));
        }
        latest.forEach(q -> list.add(questionCard(q)));
        tab.add(list);
        return tab;
    }

    private void showResults(Div results, String query) {
        results.removeAll();
        if (query == null || query.isBlank()) {
            return;
        }
        SearchResults found = questionSearch.search(query);
        if (found.isEmpty()) {
            results.add(new Paragraph(getTranslation("community.search.none")));
            return;
        }
        found.questions().forEach(q -> results.add(questionCard(q)));
        found.articles().forEach(a -> results.add(articleCard(a)));
    }

    Div questionCard(QuestionSummary q) {
        Div card = new Div();
        card.addClassName("community-card");
        RouterLink link = new RouterLink(q.title(), QuestionView.class, q.id().toString());
        link.addClassName("community-card-title");
        Div meta = new Div(CommunityUi.statusBadge(this, q.status()), CommunityUi.promise(this, q),
                new Span(q.askedByName() + " · " + Formats.dateTime(q.askedAt(), getLocale())));
        meta.addClassName("community-meta");
        card.add(link, meta);
        if (!community.getId().equals(q.communityId())) {
            card.add(new Span(q.communityName()));
        }
        return card;
    }

    Div articleCard(ArticleSummary a) {
        Div card = new Div();
        card.addClassNames("community-card", "community-article-card");
        RouterLink link = new RouterLink(a.title(), ArticleView.class, a.id().toString());
        link.addClassName("community-card-title");
        Span kind = new Span(getTranslation("knowledge.article"));
        kind.getElement().getThemeList().add("badge small");
        Div meta = new Div(kind, new Span(getTranslation("knowledge.views", a.viewCount())));
        meta.addClassName("community-meta");
        card.add(link, meta, CommunityUi.tags(a.tags()));
        return card;
    }

    private void askDialog(String draftTitle) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("question.ask"));
        dialog.setWidth("min(40rem, 95vw)");
        TextField titleField = new TextField(getTranslation("question.field.title"));
        titleField.setId("question-title");
        titleField.setWidthFull();
        titleField.setRequiredIndicatorVisible(true);
        titleField.setValue(draftTitle == null ? "" : draftTitle);
        titleField.setValueChangeMode(ValueChangeMode.LAZY);
        Div similar = new Div();
        similar.setId("question-similar");
        similar.addClassName("community-similar");
        titleField.addValueChangeListener(e -> {
            similar.removeAll();
            SearchResults found = questionSearch.search(e.getValue());
            if (!found.isEmpty()) {
                similar.add(new Span(getTranslation("question.similar")));
                found.questions().stream().limit(5).forEach(q -> similar.add(questionCard(q)));
                found.articles().stream().limit(5).forEach(a -> similar.add(articleCard(a)));
            }
        });
        TextArea body = new TextArea(getTranslation("question.field.body"));
        body.setId("question-body");
        body.setWidthFull();
        body.setMinHeight("8rem");
        body.setRequiredIndicatorVisible(true);
        body.setHelperText(getTranslation("question.field.bodyHelp"));
        TextField tags = new TextField(getTranslation("question.field.tags"));
        tags.setId("question-tags");
        tags.setWidthFull();
        tags.setHelperText(getTranslation("question.field.tagsHelp"));
        Button post = new Button(getTranslation("question.post"), e -> {
            final UUID[] id = new UUID[1];
            if (Notifier.attempt(() -> id[0] = questionService.ask(community.getId(), titleField.getValue(),
                    body.getValue(), CommunityUi.parseTags(tags.getValue())))) {
                dialog.close();
                Notifier.success("question.posted");
                getUI().ifPresent(ui -> ui.navigate(QuestionView.class, id[0].toString()));
            }
        });
        post.setId("question-post");
        post.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (!titleField.getValue().isBlank()) {
            SearchResults found = questionSearch.search(titleField.getValue());
            if (!found.isEmpty()) {
                similar.add(new Span(getTranslation("question.similar")));
                found.questions().stream().limit(5).forEach(q -> similar.add(questionCard(q)));
                found.articles().stream().limit(5).forEach(a -> similar.add(articleCard(a)));
            }
        }
        dialog.add(new VerticalLayout(titleField, similar, body, tags));
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), post);
        dialog.open();
    }

    // ---- Knowledge base

    private Component knowledgeTab() {
        VerticalLayout tab = new VerticalLayout();
        tab.setPadding(false);
        if (member) {
            Button write = new Button(getTranslation("knowledge.new"), VaadinIcon.EDIT.create(), e -> articleDialog());
            write.setId("article-new");
            tab.add(write);
        }
        List<ArticleSummary> articles = knowledgeBase.listForCommunity(community.getId());
        if (articles.isEmpty()) {
            tab.add(new Paragraph(getTranslation("knowledge.empty")));
        }
        Div list = new Div();
        list.setWidthFull();
        articles.forEach(a -> list.add(articleCard(a)));
        tab.add(list);
        return tab;
    }

    private void articleDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("knowledge.new"));
        dialog.setWidth("min(40rem, 95vw)");
        TextField titleField = new TextField(getTranslation("knowledge.field.title"));
        titleField.setWidthFull();
        TextArea body = new TextArea(getTranslation("knowledge.field.body"));
        body.setWidthFull();
        body.setMinHeight("10rem");
        TextField tags = new TextField(getTranslation("question.field.tags"));
        tags.setWidthFull();
        Button save = new Button(getTranslation("common.save"), e -> {
            final UUID[] id = new UUID[1];
            if (Notifier.attempt(() -> id[0] = knowledgeBase.publish(community.getId(), titleField.getValue(),
                    body.getValue(), CommunityUi.parseTags(tags.getValue()), null, null))) {
                dialog.close();
                getUI().ifPresent(ui -> ui.navigate(ArticleView.class, id[0].toString()));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(titleField, body, tags));
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    // ---- Directory

    private Component directoryTab() {
        VerticalLayout tab = new VerticalLayout();
        tab.setPadding(false);
        List<MemberEntry> entries = communityService.directory(community.getId());
        Grid<MemberEntry> grid = new Grid<>();
        grid.setId("community-directory");
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 0, 1);
        grid.addColumn(MemberEntry::displayName).setHeader(getTranslation("community.directory.name")).setFlexGrow(2);
        grid.addColumn(m -> getTranslation("community.role." + m.role().name()))
                .setHeader(getTranslation("community.directory.role"));
        grid.addColumn(m -> m.organization() == null ? "" : m.organization())
                .setHeader(getTranslation("community.directory.organization")).setFlexGrow(2);
        grid.setItems(entries);
        grid.setAllRowsVisible(true);
        Div orgs = new Div();
        orgs.addClassName("community-tags");
        communityService.organizations(community.getId()).forEach((org, count) -> {
            if (!org.isEmpty()) {
                Span badge = new Span(org + " · " + count);
                badge.getElement().getThemeList().add("badge");
                orgs.add(badge);
            }
        });
        tab.add(new H3(getTranslation("community.directory.organizations")), orgs, grid);
        if (manager) {
            // The directory, less the members, searched on the server for the community's managers.
            PeoplePicker userId = new PeoplePicker(getTranslation("community.directory.person"),
                    (filter, offset, limit) -> communityService.searchPeopleToAdd(community.getId(), filter, offset, limit));
            userId.setId("community-add-user");
            Select<CommunityRole> role = new Select<>();
            role.setLabel(getTranslation("community.directory.role"));
            role.setItems(CommunityRole.values());
            role.setItemLabelGenerator(r -> getTranslation("community.role." + r.name()));
            role.setValue(CommunityRole.MEMBER);
            Button add = new Button(getTranslation("community.directory.add"), VaadinIcon.PLUS.create(), e -> {
                if (userId.userId().isPresent() && Notifier.attempt(() -> communityService.setRole(community.getId(),
                        userId.userId().get(), role.getValue()))) {
                    refresh();
                }
            });
            add.setId("community-add-member");
            HorizontalLayout form = new HorizontalLayout(userId, role, add);
            if (communityService.canInvite(community.getId())) {
                // Someone with no account yet: an invitation an administrator approves.
                Button invite = new Button(getTranslation("identity.invite.title"), VaadinIcon.ENVELOPE.create(),
                        e -> new InvitePersonDialog(organizationService, (first, last, email, org) ->
                                invited(() -> communityService.invite(community.getId(), first, last, email, org))).open());
                invite.setId("community-invite");
                form.add(invite);
            }
            form.setWrap(true);
            form.setAlignItems(FlexComponent.Alignment.BASELINE);
            tab.add(form);
        }
        return tab;
    }

    // ---- Duty roster

    private Component rosterTab() {
        VerticalLayout tab = new VerticalLayout();
        tab.setPadding(false);
        List<String> experts = communityService.dutyCandidates(community.getId());
        var names = memberService.displayNames(experts);
        for (DutyWeek week : communityService.roster(community.getId(), EngineClock.today(), 8)) {
            HorizontalLayout row = new HorizontalLayout();
            row.addClassName("community-roster-row");
            row.setAlignItems(FlexComponent.Alignment.BASELINE);
            Span label = new Span(getTranslation("community.roster.week", week.weekStart().toString()));
            label.addClassName("community-roster-week");
            if (manager) {
                ComboBox<String> expert = new ComboBox<>();
                expert.setItems(experts);
                expert.setItemLabelGenerator(names::get);
                expert.setValue(week.expertId());
                expert.setPlaceholder(getTranslation("community.roster.nobody"));
                expert.addValueChangeListener(e -> {
                    if (e.isFromClient() && e.getValue() != null) {
                        Notifier.attempt(() -> communityService.setDuty(community.getId(), week.weekStart(), e.getValue()));
                    }
                });
                row.add(label, expert);
            } else {
                row.add(label, new Span(week.expertName() == null ? getTranslation("community.roster.nobody") : week.expertName()));
            }
            tab.add(row);
        }
        return tab;
    }

    private Checkbox digestBox() {
        Checkbox digest = new Checkbox(getTranslation("community.settings.digest"));
        digest.setValue(communityService.emailDigest(community.getId()));
        digest.addValueChangeListener(e -> Notifier.attempt(() -> communityService.setEmailDigest(community.getId(), e.getValue())));
        digest.setId("community-digest");
        return digest;
    }

    private void refresh() {
        getUI().ifPresent(ui -> ui.getPage().reload());
    }

    /** Sends an invitation: the refusal or the confirmation shown, true when it went. */
    private static boolean invited(Runnable send) {
        if (Notifier.attempt(send)) {
            Notifier.success("identity.invite.sent");
            return true;
        }
        return false;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
