package org.cohorte.identity;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import org.cohorte.identity.domain.MemberProfileRepository;
import org.cohorte.identity.service.Roles;
import org.cohorte.tasks.ui.InboxView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The frame: the language switch is remembered on the member's profile. */
class ShellIT extends ViewTest {

    @Autowired
    MemberProfileRepository profiles;

    @Test
    void switching_to_english_is_stored_on_the_profile_and_used_at_the_next_visit() {
        String member = data.user("lea", Roles.PARTICIPANT);
        signIn(member);
        UI.getCurrent().navigate(InboxView.class);
        Button languageSwitch = _get(Button.class, spec -> spec.withId("language-switch"));
        assertThat(languageSwitch.getText()).isEqualTo("EN");
        _click(languageSwitch);
        assertThat(profiles.findById(member).orElseThrow().getLanguage()).isEqualTo("en");

        signIn(member);
        UI.getCurrent().navigate(InboxView.class);
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("My tasks");
        assertThat(_get(Button.class, spec -> spec.withId("language-switch")).getText()).isEqualTo("FR");
    }
}
