package org.cohorte.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.cohorte.base.error.ConflictException;
import org.cohorte.community.domain.SearchText;
import org.cohorte.community.service.ArticleSummary;
import org.cohorte.community.service.ArticleVersionSummary;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionSearch;
import org.cohorte.community.service.QuestionService;
import org.cohorte.community.service.QuestionSummary;
import org.cohorte.community.service.SearchResults;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CommunitySearchIT extends IntegrationTest {

    @Autowired
    CommunityService communities;
    @Autowired
    QuestionService questions;
    @Autowired
    KnowledgeBaseService knowledge;
    @Autowired
    QuestionSearch search;

    CommunityFixture f;
    String marker;

    @BeforeEach
    void setUp() {
        f = new CommunityFixture(data, communities);
        marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void normalisation_removes_accents_case_and_markup() {
        assertThat(SearchText.normalize("<p>Délai de CARENCE, œuvre&amp;Ça</p>")).isEqualTo("delai de carence oeuvre ca");
        assertThat(SearchText.words("  Délais, l’été ")).containsExactly("delais", "ete");
    }

    @Test
    void delai_finds_the_question_and_the_article_about_the_delai_whatever_the_accents_and_case() {
        UUID question = data.as(f.member, () -> questions.ask(f.community, "Quel DÉLAI de carence " + marker + " ?",
                "Pour un congé de maladie.", List.of("congés")));
        UUID article = data.as(f.expert, () -> knowledge.publish(f.community, "Les délais " + marker,
                "Le délai est de trois jours.", List.of("Délais"), null, null));
        data.as(f.member, () -> questions.ask(f.community, "Autre sujet " + marker, "Rien à voir.", List.of()));

        SearchResults found = data.as(f.member, () -> search.search("delai " + marker.toUpperCase()));
        assertThat(found.questions()).extracting(QuestionSummary::id).containsExactly(question);
        assertThat(found.articles()).extracting(ArticleSummary::id).containsExactly(article);
        assertThat(data.as(f.member, () -> search.search("conge " + marker)).questions())
                .extracting(QuestionSummary::id).containsExactly(question);
        assertThat(data.as(f.member, () -> search.search("motinexistant" + marker)).isEmpty()).isTrue();
        // A whole sentence with a word found nowhere: falls back to any of its key words.
        assertThat(data.as(f.member, () -> search.search("Combien pour la carence inexistantmot " + marker)).questions())
                .extracting(QuestionSummary::id).contains(question);
    }

    @Test
    void search_never_shows_another_community_to_a_non_member() {
        data.as(f.member, () -> questions.ask(f.community, "Télétravail " + marker, "Combien de jours ?", List.of()));
        assertThat(data.as(f.outsider, () -> search.search("teletravail " + marker)).isEmpty()).isTrue();
        assertThat(data.as(f.member, () -> search.search("teletravail " + marker)).questions()).hasSize(1);
    }

    @Test
    void an_article_keeps_tags_views_history_and_a_concurrent_editor_is_told_and_can_merge() {
        UUID article = data.as(f.expert, () -> knowledge.publish(f.community, "Guide " + marker, "Version 1",
                List.of("guide", "RH"), "question", UUID.randomUUID().toString()));
        ArticleSummary seenByExpert = data.as(f.expert, () -> knowledge.view(article));
        ArticleSummary seenByFacilitator = data.as(f.facilitator, () -> knowledge.view(article));
        assertThat(data.as(f.member, () -> knowledge.get(article)).viewCount()).isEqualTo(2);
        assertThat(seenByExpert.tags()).containsExactly("guide", "rh");

        data.as(f.expert, () -> knowledge.revise(article, seenByExpert.version(), "Guide " + marker,
                "Version 2 de Sophie", List.of("guide"), "Ajout"));
        assertThatThrownBy(() -> data.as(f.facilitator, () -> knowledge.revise(article, seenByFacilitator.version(),
                "Guide " + marker, "Version de Claire", List.of("guide"), "Mon ajout")))
                .isInstanceOf(ConflictException.class);
        ArticleSummary latest = data.as(f.facilitator, () -> knowledge.get(article));
        data.as(f.facilitator, () -> knowledge.revise(article, latest.version(), "Guide " + marker,
                latest.body() + "\nVersion de Claire", List.of("guide"), "Fusion"));
        List<ArticleVersionSummary> history = data.as(f.member, () -> knowledge.history(article));
        assertThat(history).extracting(ArticleVersionSummary::versionNumber).containsExactly(3, 2, 1);
        assertThat(history.get(0).body()).contains("Version 2 de Sophie", "Version de Claire");
        assertThat(history.get(0).editedBy()).isEqualTo(f.facilitator);
        assertThat(data.as(f.member, () -> search.search("claire " + marker)).articles()).hasSize(1);
    }
}
