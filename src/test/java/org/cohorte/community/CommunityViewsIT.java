package org.cohorte.community;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouterLink;
import org.camunda.bpm.engine.TaskService;
import org.cohorte.community.domain.QuestionStatus;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.community.ui.ArticleView;
import org.cohorte.community.ui.CommunitiesView;
import org.cohorte.community.ui.CommunityView;
import org.cohorte.community.ui.QuestionQueueView;
import org.cohorte.community.ui.QuestionView;
import org.cohorte.tasks.ui.TaskView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CommunityViewsIT extends ViewTest {

    @Autowired
    CommunityService communities;
    @Autowired
    QuestionService questions;
    @Autowired
    KnowledgeBaseService knowledge;
    @Autowired
    TaskService taskService;

    CommunityFixture f;

    @BeforeEach
    void setUp() {
        f = new CommunityFixture(data, communities);
    }

    /** All text under a component, including links and sanitised HTML bodies. */
    private static String text(com.vaadin.flow.component.Component root) {
        StringBuilder text = new StringBuilder();
        walk(root, text);
        return text.toString();
    }

    private static void walk(com.vaadin.flow.component.Component c, StringBuilder text) {
        if (c instanceof com.vaadin.flow.component.Html html) {
            text.append(html.getInnerHtml()).append(' ');
        } else {
            text.append(c.getElement().getText()).append(' ');
            String property = c.getElement().getProperty("text");
            if (property != null) {
                text.append(property).append(' ');
            }
        }
        c.getChildren().forEach(child -> walk(child, text));
    }

    private Object currentView() {
        return UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0);
    }

    @Test
    void a_member_searches_before_asking_then_asks_and_lands_on_the_question() {
        String marker = "zv" + UUID.randomUUID().toString().substring(0, 6);
        data.as(f.expert, () -> knowledge.publish(f.community, "Délai de carence " + marker, "Trois jours.", List.of(), null, null));
        signIn(f.member);
        UI.getCurrent().navigate(CommunitiesView.class);
        assertThat(_find(RouterLink.class).stream().map(RouterLink::getText)).anyMatch(t -> t.startsWith("Coach RH"));

        UI.getCurrent().navigate(CommunityView.class, f.community.toString());
        assertThat(_get(H2.class, spec -> spec.withId("community-title")).getText()).startsWith("Coach RH");
        _setValue(_get(TextField.class, spec -> spec.withId("community-search")), "delai " + marker);
        assertThat(text(_get(Div.class, spec -> spec.withId("community-search-results"))))
                .contains("Délai de carence " + marker);

        _click(_get(Button.class, spec -> spec.withId("question-ask")));
        _setValue(_get(TextField.class, spec -> spec.withId("question-title")), "Combien de jours de délai " + marker + " ?");
        assertThat(text(_get(Div.class, spec -> spec.withId("question-similar"))))
                .contains("Délai de carence " + marker);
        _click(_get(Button.class, spec -> spec.withId("question-post")));
        assertThat(currentView()).as("empty body refused, dialog kept").isInstanceOf(CommunityView.class);
        assertThat(_get(TextField.class, spec -> spec.withId("question-title")).getValue()).contains(marker);
        _setValue(_get(TextArea.class, spec -> spec.withId("question-body")), "Pour un congé de maladie <b>court</b>.");
        _setValue(_get(TextField.class, spec -> spec.withId("question-tags")), "congés, RH");
        _click(_get(Button.class, spec -> spec.withId("question-post")));

        assertThat(currentView()).isInstanceOf(QuestionView.class);
        assertThat(_get(H2.class, spec -> spec.withId("question-heading")).getText()).isEqualTo("Combien de jours de délai " + marker + " ?");
        assertThat(text(_get(Div.class, spec -> spec.withId("question-meta")))).contains("À trier", "Il reste 2");
    }

    @Test
    void the_facilitator_sees_the_queue_and_triages_from_the_task_form_then_the_expert_answers_on_the_question_page() {
        UUID question = data.as(f.member, () -> questions.ask(f.community, "Question à trier depuis l’écran", "Texte", List.of()));
        signIn(f.facilitator);
        UI.getCurrent().navigate(QuestionQueueView.class);
        assertThat(text(_get(Div.class, spec -> spec.withId("community-queue"))))
                .contains("Question à trier depuis l’écran");
        String triage = taskService.createTaskQuery().processInstanceBusinessKey(question.toString()).singleResult().getId();
        UI.getCurrent().navigate(TaskView.class, triage);
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        assertThat(data.as(f.member, () -> questions.get(question)).assignee()).as("on-duty expert proposed").isEqualTo(f.expert);

        signIn(f.expert);
        UI.getCurrent().navigate(QuestionView.class, question.toString());
        _setValue(_get(TextArea.class, spec -> spec.withId("question-answer-body")), "Trois jours ouvrables.");
        _click(_get(Button.class, spec -> spec.withId("question-answer-send")));
        assertThat(text(_get(Div.class, spec -> spec.withId("question-thread"))))
                .contains("Trois jours ouvrables.");
        assertThat(data.as(f.member, () -> questions.get(question)).status()).isEqualTo(QuestionStatus.ANSWERED);

        signIn(f.member);
        UI.getCurrent().navigate(QuestionView.class, question.toString());
        _click(_get(Button.class, spec -> spec.withId("question-accept")));
        assertThat(data.as(f.member, () -> questions.get(question)).status()).isEqualTo(QuestionStatus.ACCEPTED);
    }

    @Test
    void the_community_page_builds_a_tab_only_when_it_is_first_shown() {
        signIn(f.facilitator);
        UI.getCurrent().navigate(CommunityView.class, f.community.toString());
        TabSheet tabs = _get(TabSheet.class, spec -> spec.withId("community-tabs"));
        // Questions, knowledge, calendar, directory, roster, settings: only the first is built on opening.
        assertThat(tabs.getTabCount()).isEqualTo(6);
        assertThat(tabs.getComponent(tabs.getTabAt(0)).getChildren()).isNotEmpty();
        for (int i = 1; i < 6; i++) {
            assertThat(tabs.getComponent(tabs.getTabAt(i)).getChildren()).as("tab " + i).isEmpty();
        }
        assertThat(_find(Grid.class, spec -> spec.withId("community-directory"))).isEmpty();
        tabs.setSelectedIndex(3);
        assertThat(tabs.getComponent(tabs.getTabAt(3)).getChildren()).hasSize(1);
        assertThat(_get(Grid.class, spec -> spec.withId("community-directory")).getGenericDataView().getItems()
                .count()).isEqualTo(4);
        // Shown again later, it is not built a second time.
        tabs.setSelectedIndex(0);
        tabs.setSelectedIndex(3);
        assertThat(tabs.getComponent(tabs.getTabAt(3)).getChildren()).hasSize(1);
    }

    @Test
    void non_members_see_not_found_and_participants_cannot_open_the_queue() {
        UUID question = data.as(f.member, () -> questions.ask(f.community, "Question réservée", "Texte", List.of()));
        UUID article = data.as(f.member, () -> knowledge.publish(f.community, "Article réservé", "Texte", List.of(), null, null));
        signIn(f.outsider);
        UI.getCurrent().navigate(CommunityView.class, f.community.toString());
        assertThat(_get(H2.class).getText()).isEqualTo("Communauté introuvable");
        assertThat(_find(TextField.class, spec -> spec.withId("community-search"))).isEmpty();
        UI.getCurrent().navigate(QuestionView.class, question.toString());
        assertThat(_get(H2.class).getText()).isEqualTo("Question introuvable");
        assertThat(_find(Div.class, spec -> spec.withId("question-thread"))).isEmpty();
        UI.getCurrent().navigate(ArticleView.class, article.toString());
        assertThat(_get(H2.class).getText()).isEqualTo("Article introuvable");
        UI.getCurrent().navigate(QuestionQueueView.class);
        assertThat(currentView()).isNotInstanceOf(QuestionQueueView.class);
        assertThat(_get(H2.class).getText()).isEqualTo("Accès refusé");
    }

    @Test
    void an_article_edit_that_collides_keeps_the_editors_text_and_shows_the_other_version() {
        UUID article = data.as(f.member, () -> knowledge.publish(f.community, "Guide partagé", "Version 1", List.of(), null, null));
        signIn(f.facilitator);
        UI.getCurrent().navigate(ArticleView.class, article.toString());
        _click(_get(Button.class, spec -> spec.withId("article-edit")));
        var base = data.as(f.expert, () -> knowledge.get(article));
        data.as(f.expert, () -> knowledge.revise(article, base.version(), "Guide partagé", "Version de Sophie", List.of(), null));
        _setValue(_get(TextArea.class, spec -> spec.withId("article-body")), "Version de Claire");
        _click(_get(Button.class, spec -> spec.withId("article-save")));
        assertThat(_get(TextArea.class, spec -> spec.withId("article-theirs")).getValue()).isEqualTo("Version de Sophie");
        assertThat(_get(TextArea.class, spec -> spec.withId("article-body")).getValue()).isEqualTo("Version de Claire");
        _setValue(_get(TextArea.class, spec -> spec.withId("article-body")), "Version de Sophie\nVersion de Claire");
        _click(_get(Button.class, spec -> spec.withId("article-save")));
        assertThat(data.as(f.member, () -> knowledge.get(article)).body()).isEqualTo("Version de Sophie\nVersion de Claire");
        assertThat(data.as(f.member, () -> knowledge.history(article))).hasSize(3);
    }

    @Test
    void the_community_page_speaks_english_to_a_member_who_chose_it() {
        data.setLanguage(f.colleague, "en");
        data.as(f.member, () -> questions.ask(f.community, "Question en français", "Texte", List.of()));
        signIn(f.colleague);
        UI.getCurrent().navigate(CommunityView.class, f.community.toString());
        assertThat(_get(Button.class, spec -> spec.withId("question-ask")).getText()).isEqualTo("Ask a question");
        assertThat(_get(TextField.class, spec -> spec.withId("community-search")).getPlaceholder())
                .isEqualTo("Search questions and articles before asking");
        assertThat(text(_get(Div.class, spec -> spec.withId("community-questions")))).contains("To triage", "left");
    }

    @Test
    void a_facilitator_builds_the_health_workbook_and_members_do_not_see_the_facilitation_tab() {
        signIn(f.member);
        UI.getCurrent().navigate(CommunityView.class, f.community.toString());
        assertThat(_get(com.vaadin.flow.component.tabs.TabSheet.class).getTabCount()).isEqualTo(5);

        signIn(f.facilitator);
        UI.getCurrent().navigate(CommunityView.class, f.community.toString());
        com.vaadin.flow.component.tabs.TabSheet tabs = _get(com.vaadin.flow.component.tabs.TabSheet.class);
        assertThat(tabs.getTabCount()).isEqualTo(6);
        tabs.setSelectedIndex(5);
        _click(_get(Button.class, spec -> spec.withId("community-report")));
        com.vaadin.flow.component.html.Anchor link = _get(com.vaadin.flow.component.html.Anchor.class,
                spec -> spec.withId("community-report-link"));
        assertThat(link.getText()).isEqualTo("Télécharger le classeur");
        assertThat(link.getHref()).contains("sante-communaute-");
    }
}
