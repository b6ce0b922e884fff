package org.cohorte.codevelopment.ui;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import org.cohorte.base.ui.Notifier;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.GroupSummary;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.api.MultiPeoplePicker;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.Roles;

/** "Codéveloppement": the groups I facilitate or belong to; a facilitator creates one here. */
@Route("codevelopment")
@RolesAllowed({Roles.FACILITATOR, Roles.PARTICIPANT})
public class CodevGroupsView extends VerticalLayout implements HasDynamicTitle {

    private final CodevGroupService groupService;
    private final CommunityService communityService;
    private final Grid<GroupSummary> grid = new Grid<>();

    public CodevGroupsView(CodevGroupService groupService, CommunityService communityService, CurrentUser currentUser) {
        this.groupService = groupService;
        this.communityService = communityService;
        addClassName("codev-groups");
        add(new H2(getTranslation("codevelopment.groups.title")));
        if (currentUser.isIn(Roles.FACILITATOR)) {
            add(createForm());
        }
        grid.setId("codev-groups-grid");
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 0, 2);
        grid.addColumn(GroupSummary::name).setHeader(getTranslation("codevelopment.groups.name")).setKey("name").setFlexGrow(2);
        grid.addColumn(GroupSummary::facilitatorName).setHeader(getTranslation("codevelopment.groups.facilitator")).setKey("facilitator");
        grid.addColumn(GroupSummary::memberCount).setHeader(getTranslation("codevelopment.groups.members")).setKey("members");
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(CodevGroupView.class, e.getItem().id().toString())));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("codevelopment.groups.empty"));
        add(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(groupService.myGroups());
    }

    private Details createForm() {
        ComboBox<CommunityService.CommunityRef> community = new ComboBox<>(getTranslation("codevelopment.groups.community"));
        community.setId("codev-group-community");
        community.setItems(communityService.myCommunityRefs());
        community.setItemLabelGenerator(CommunityService.CommunityRef::name);
        TextField name = new TextField(getTranslation("codevelopment.groups.name"));
        name.setId("codev-group-name");
        name.setMaxLength(200);
        // Searched on the server among the chosen community's participants; never the facilitator herself.
        MultiPeoplePicker members = new MultiPeoplePicker(getTranslation("codevelopment.groups.pickMembers"),
                (filter, offset, limit) -> community.getValue() == null ? List.of()
                        : groupService.searchCandidates(community.getValue().id(), filter, offset, limit));
        members.setId("codev-group-members");
        members.setHelperText(getTranslation("codevelopment.groups.pickMembersHelp"));
        community.addValueChangeListener(e -> {
            members.clear();
            members.getDataProvider().refreshAll();
        });
        TextArea charter = new TextArea(getTranslation("codevelopment.groups.charter"));
        charter.setId("codev-group-charter");
        charter.setValue(getTranslation("codevelopment.groups.charterDefault"));
        charter.setMaxLength(10000);
        Checkbox noHierarchy = new Checkbox(getTranslation("codevelopment.groups.noHierarchy"));
        noHierarchy.setId("codev-group-no-hierarchy");
        noHierarchy.setValue(true);
        Button create = new Button(getTranslation("codevelopment.groups.create"), e -> {
            if (community.getValue() == null) {
                Notifier.error("codevelopment.error.communityRequired");
                return;
            }
            if (Notifier.attempt(() -> groupService.create(community.getValue().id(), name.getValue(),
                    charter.getValue(), noHierarchy.getValue(), members.userIds()))) {
                Notifier.success("codevelopment.groups.created");
                name.clear();
                members.clear();
                refresh();
            }
        });
        create.setId("codev-group-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(community, name, members, noHierarchy, charter);
        form.setColspan(charter, 2);
        VerticalLayout content = new VerticalLayout(form, create);
        content.setPadding(false);
        Details details = new Details(getTranslation("codevelopment.groups.new"), content);
        details.setId("codev-group-new");
        return details;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("codevelopment.groups.title");
    }
}
