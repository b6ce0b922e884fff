package org.cohorte.community.ui;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import org.cohorte.base.ui.Notifier;
import org.cohorte.community.domain.Community;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.api.MultiPeoplePicker;
import org.cohorte.identity.api.PeoplePicker;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.Roles;

/** The communities the user belongs to or may read; admins and facilitators create new ones. */
@Route("communities")
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.PARTICIPANT, Roles.EXPERT, Roles.MANAGER, Roles.COMMITTEE,
        Roles.ADVISORY, Roles.FORUM})
public class CommunitiesView extends VerticalLayout implements HasDynamicTitle {

    private final CommunityService communityService;
    private final CurrentUser currentUser;
    private final MemberService memberService;
    private final Div list = new Div();

    public CommunitiesView(CommunityService communityService, CurrentUser currentUser, MemberService memberService) {
        this.communityService = communityService;
        this.memberService = memberService;
        this.currentUser = currentUser;
        addClassName("community-view");
        setMaxWidth("70rem");
        add(new H2(getTranslation("community.list.title")));
        if (currentUser.isIn(Roles.ADMIN) || currentUser.isIn(Roles.FACILITATOR)) {
            Button create = new Button(getTranslation("community.list.create"), VaadinIcon.PLUS.create(), e -> create());
            create.setId("community-create");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(create);
        }
        list.addClassName("community-cards");
        list.setWidthFull();
        add(list);
        refresh();
    }

    private void refresh() {
        list.removeAll();
        List<Community> communities = communityService.visibleCommunities();
        if (communities.isEmpty()) {
            list.add(new Paragraph(getTranslation("community.list.empty")));
        }
        for (Community community : communities) {
            Div card = new Div();
            card.addClassName("community-card");
            RouterLink link = new RouterLink(community.getName(), CommunityView.class, community.getId().toString());
            link.addClassName("community-card-title");
            card.add(link);
            if (community.getTheme() != null && !community.getTheme().isBlank()) {
                card.add(new Paragraph(community.getTheme()));
            }
            if (community.isOpenToAll()) {
                card.add(new Paragraph(getTranslation("community.openToAll")));
            }
            list.add(card);
        }
    }

    private void create() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("community.list.create"));
        TextField name = new TextField(getTranslation("community.field.name"));
        name.setId("community-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(200);
        TextField theme = new TextField(getTranslation("community.field.theme"));
        theme.setMaxLength(500);
        TextArea charter = new TextArea(getTranslation("community.field.charter"));
        charter.setMaxLength(20000);
        // People are searched on the server in the directory (admins and facilitators may list it), never typed as ids.
        PeoplePicker sponsor = new PeoplePicker(getTranslation("community.field.sponsor"),
                (filter, offset, limit) -> memberService.searchDirectory(filter, null, List.of(), offset, limit));
        sponsor.setId("community-sponsor");
        MultiPeoplePicker facilitators = new MultiPeoplePicker(getTranslation("community.field.facilitators"),
                (filter, offset, limit) -> memberService.searchDirectory(filter, Roles.FACILITATOR, List.of(), offset, limit));
        facilitators.setId("community-facilitators");
        if (currentUser.isIn(Roles.FACILITATOR)) {
            String me = currentUser.userId();
            memberService.searchDirectory(me, Roles.FACILITATOR, List.of(), 0, MemberService.MAX_PEOPLE_PAGE).stream()
                    .filter(p -> p.userId().equals(me)).findFirst().ifPresent(facilitators::select);
        }
        Checkbox open = new Checkbox(getTranslation("community.openToAll"));
        Button save = new Button(getTranslation("common.save"), e -> {
            final Community[] created = new Community[1];
            if (Notifier.attempt(() -> created[0] = communityService.create(name.getValue(), theme.getValue(),
                    charter.getValue(), sponsor.userId().orElse(null), facilitators.userIds(),
                    open.getValue()))) {
                dialog.close();
                getUI().ifPresent(ui -> ui.navigate(CommunityView.class, created[0].getId().toString()));
            }
        });
        save.setId("community-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(name, theme, charter, sponsor, facilitators, open);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        dialog.add(form);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("community.list.title");
    }
}
