package org.cohorte.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the hostile corpus stores comes back on screen as text, or as sanitised markup: nothing runs. */
class HostileRenderingIT extends ViewTest {

    @Autowired CommunityService communityService;
    @Autowired QuestionService questionService;
    @Autowired KnowledgeBaseService knowledgeBaseService;

    @Test
    void markup_typed_into_a_question_and_an_article_is_shown_as_text_or_sanitised() {
        String facilitator = data.user("r-anim", Roles.FACILITATOR, Roles.PARTICIPANT);
        String member = data.user("r-membre", Roles.PARTICIPANT);
        UUID community = data.as(facilitator, () -> {
            UUID id = communityService.create("Rendu " + UUID.randomUUID(), "RH", "Charte", null, List.of(facilitator), false).getId();
            communityService.addMember(id, member, CommunityRole.MEMBER);
            return id;
        });
        String title = "<img src=x onerror=alert(1)>Texte visible";
        UUID question = data.as(member, () -> questionService.ask(community, title,
                "<script>alert(1)</script><b>gras</b> <a href=\"javascript:alert(1)\">lien</a> Texte visible", List.of()));
        String articleBody = "<script>alert(1)</script><svg onload=alert(1)>Texte visible";
        UUID article = data.as(member, () -> knowledgeBaseService.publish(community, "<i>Article</i>", articleBody,
                List.of(), null, null));

        signIn(member);
        UI.getCurrent().navigate("question/" + question);
        assertThat(_get(H2.class, spec -> spec.withId("question-heading")).getText()).isEqualTo(title);
        List<Html> rendered = _find(Html.class);
        assertThat(rendered).isNotEmpty();
        assertThat(rendered).allSatisfy(html -> assertThat(html.getInnerHtml().toLowerCase())
                .doesNotContain("<script", "onerror", "javascript:"));
        assertThat(rendered).anySatisfy(html -> assertThat(html.getInnerHtml()).contains("<b>gras</b>"));

        UI.getCurrent().navigate("article/" + article);
        assertThat(_get(H2.class, spec -> spec.withId("article-heading")).getText()).isEqualTo("<i>Article</i>");
        Div body = _find(Div.class).stream().filter(d -> d.hasClassName("community-body")).findFirst().orElseThrow();
        assertThat(body.getText()).isEqualTo(articleBody);
        assertThat(body.getElement().getChildCount()).isEqualTo(1);
        assertThat(body.getElement().getChild(0).isTextNode()).as("the body is one text node, no element").isTrue();
        assertThat(_find(Html.class)).allSatisfy(html -> assertThat(html.getInnerHtml().toLowerCase()).doesNotContain("<script"));
    }
}
