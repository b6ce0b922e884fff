package org.cohorte.identity;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.tabs.TabSheet;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.ui.CommunityView;
import org.cohorte.identity.domain.MemberProfileRepository;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.PersonOption;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People are picked by name, organization or e-mail, searched on the server by a service that checks the caller
 * may list them; the facilitator is never offered as a member of her own group.
 */
class PeoplePickerIT extends ViewTest {

    @Autowired
    MemberService memberService;
    @Autowired
    CommunityService communityService;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    OrganizationService organizationService;
    @Autowired
    MemberProfileRepository profiles;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    CodevFixture codev;

    private String person(String displayName, UUID organization) {
        String id = data.user("p", Roles.PARTICIPANT);
        transaction.executeWithoutResult(s -> {
            var profile = profiles.findById(id).orElseThrow();
            profile.setDisplayName(displayName);
            profile.setOrganizationId(organization);
            profiles.save(profile);
        });
        return id;
    }

    private UUID organization(String name) {
        String admin = data.user("adm", Roles.ADMIN);
        return data.as(admin, () -> organizationService.create(name, null, OrganizationType.MINISTRY).getId());
    }

    private static List<String> ids(List<PersonOption> options) {
        return options.stream().map(PersonOption::userId).toList();
    }

    @Test
    void the_directory_is_searched_by_name_organization_or_email_by_admins_and_facilitators_only() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID org = organization("Ministère des Pêcheries " + tag);
        String josee = person("Josée Tremblay-" + tag, org);
        String other = person("Autre Personne " + tag, null);
        String facilitator = data.user("anim", Roles.FACILITATOR);
        String participant = data.user("part", Roles.PARTICIPANT);

        data.as(facilitator, () -> {
            assertThat(ids(memberService.searchDirectory("josée tremblay-" + tag, null, List.of(), 0, 50)))
                    .as("by name, case ignored").containsExactly(josee);
            assertThat(ids(memberService.searchDirectory("pêcheries " + tag, null, List.of(), 0, 50)))
                    .as("by organization").containsExactly(josee);
            assertThat(ids(memberService.searchDirectory(other + "@test", null, List.of(), 0, 50)))
                    .as("by e-mail").containsExactly(other);
            assertThat(ids(memberService.searchDirectory(tag, null, List.of(josee), 0, 50)))
                    .as("less the excluded").containsExactly(other);
            assertThat(ids(memberService.searchDirectory("%", null, List.of(), 0, 500))).as("% is a character, not a wildcard")
                    .isEmpty();
            assertThat(memberService.searchDirectory(tag, null, List.of(), 0, 50))
                    .filteredOn(p -> p.userId().equals(josee)).singleElement()
                    .satisfies(p -> assertThat(p.label()).contains("Josée Tremblay-" + tag)
                            .contains("Ministère des Pêcheries").contains(josee + "@test.local"));
        });
        data.as(participant, () -> assertThatThrownBy(() -> memberService.searchDirectory(tag, null, List.of(), 0, 50))
                .isInstanceOf(ForbiddenException.class));
    }

    @Test
    void group_candidates_are_the_communitys_participants_never_the_facilitator_nor_for_an_outsider() {
        CodevFixture.Group g = codev.group(4);
        String outsiderFacilitator = data.user("autre-anim", Roles.FACILITATOR, Roles.PARTICIPANT);
        String stranger = data.user("etranger", Roles.PARTICIPANT);

        List<String> offered = data.as(g.facilitator(), () -> ids(groupService.searchCandidates(g.communityId(), "", 0, 50)));
        assertThat(offered).containsAll(g.members()).doesNotContain(g.facilitator()).doesNotContain(stranger);
        List<String> toAdd = data.as(g.facilitator(), () -> ids(groupService.searchNewMembers(g.id(), "", 0, 50)));
        assertThat(toAdd).as("members and the facilitator left out").doesNotContain(g.facilitator())
                .doesNotContainAnyElementsOf(g.members());

        // A facilitator of another community cannot list this one's people, nor a member add to the group.
        data.as(outsiderFacilitator, () -> assertThatThrownBy(() -> groupService.searchCandidates(g.communityId(), "", 0, 50))
                .isInstanceOfAny(ForbiddenException.class, NotFoundException.class));
        data.as(outsiderFacilitator, () -> assertThatThrownBy(() -> communityService.searchPeopleToAdd(g.communityId(), "", 0, 50))
                .isInstanceOfAny(ForbiddenException.class, NotFoundException.class));
        data.as(g.member(0), () -> assertThatThrownBy(() -> groupService.searchNewMembers(g.id(), "", 0, 50))
                .isInstanceOfAny(ForbiddenException.class, NotFoundException.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_facilitator_adds_a_community_member_found_by_organization_in_the_directory_tab() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID org = organization("Société des Traversiers " + tag);
        String newcomer = person("Mélanie Côté " + tag, org);
        CodevFixture.Group g = codev.group(4);

        signIn(g.facilitator());
        UI.getCurrent().navigate(CommunityView.class, g.communityId().toString());
        TabSheet tabs = _get(TabSheet.class, spec -> spec.withId("community-tabs"));
        tabs.setSelectedIndex(3); // questions, knowledge, calendar, directory
        ComboBox<PersonOption> picker = _get(ComboBox.class, spec -> spec.withId("community-add-user"));

        ComboBoxKt.setUserInput(picker, "traversiers " + tag);
        assertThat(ids(ComboBoxKt.getSuggestionItems(picker))).containsExactly(newcomer);
        ComboBoxKt.setUserInput(picker, newcomer + "@test.local");
        assertThat(ComboBoxKt.getSuggestions(picker)).singleElement().asString().contains("Mélanie Côté");
        ComboBoxKt.setUserInput(picker, g.member(0));
        assertThat(ids(ComboBoxKt.getSuggestionItems(picker))).as("already members are not offered").isEmpty();

        ComboBoxKt.setUserInput(picker, "côté " + tag);
        picker.setValue(ComboBoxKt.getSuggestionItems(picker).get(0));
        _click(_get(Button.class, spec -> spec.withId("community-add-member")));
        assertThat(communityService.isMember(g.communityId(), newcomer)).isTrue();
        assertThat(data.as(newcomer, () -> communityService.directory(g.communityId())))
                .anySatisfy(m -> assertThat(m.displayName()).isEqualTo("Mélanie Côté " + tag));
    }
}
