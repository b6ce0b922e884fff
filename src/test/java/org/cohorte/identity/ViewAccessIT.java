package org.cohorte.identity;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.ui.LoginView;
import org.cohorte.identity.ui.MembersView;
import org.cohorte.identity.ui.OrganizationsView;
import org.cohorte.shell.AccessDeniedView;
import org.cohorte.tasks.ui.InboxView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;

class ViewAccessIT extends ViewTest {

    private static Component currentView() {
        List<?> chain = UI.getCurrent().getInternals().getActiveRouterTargetsChain();
        return (Component) chain.get(0);
    }

    @Test
    void an_anonymous_visitor_is_sent_to_the_login_page() {
        signIn(null);
        UI.getCurrent().navigate(InboxView.class);
        assertThat(currentView()).isInstanceOf(LoginView.class);
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Connexion · Cohorte");
        assertThat(_find(LoginForm.class)).hasSize(1);
    }

    @Test
    void a_participant_cannot_open_the_admin_members_view() {
        String member = data.user("marc", Roles.PARTICIPANT);
        signIn(member);
        UI.getCurrent().navigate(MembersView.class);
        assertThat(currentView()).isInstanceOf(AccessDeniedView.class);
        assertThat(_get(H2.class).getText()).isEqualTo("Accès refusé");
        assertThat(_find(Grid.class)).isEmpty();
        UI.getCurrent().navigate(OrganizationsView.class);
        assertThat(currentView()).isInstanceOf(AccessDeniedView.class);
        assertThat(_find(Grid.class)).isEmpty();
    }

    @Test
    void a_participant_sees_no_admin_entries_in_the_menu() {
        String member = data.user("marc", Roles.PARTICIPANT);
        signIn(member);
        UI.getCurrent().navigate(InboxView.class);
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel)
                .contains("Mes tâches", "Mon profil").doesNotContain("Membres", "Organisations");
    }

    @Test
    void an_admin_opens_the_members_view_and_sees_the_accounts() {
        String admin = data.user("root", Roles.ADMIN);
        signIn(admin);
        UI.getCurrent().navigate(MembersView.class);
        assertThat(currentView()).isInstanceOf(MembersView.class);
        assertThat(_size(_get(Grid.class, spec -> spec.withId("members-grid")))).isPositive();
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel).contains("Membres", "Organisations");
    }
}
