package org.cohorte.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.ArticleSummary;
import org.cohorte.community.service.ArticleVersionSummary;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class KnowledgeBaseIT extends IntegrationTest {

    @Autowired
    CommunityService communities;
    @Autowired
    KnowledgeBaseService knowledge;

    String facilitator;
    String member;
    String outsider;
    String admin;
    UUID community;

    @BeforeEach
    void community() {
        facilitator = data.user("claire", Roles.FACILITATOR);
        member = data.user("marc", Roles.PARTICIPANT);
        outsider = data.user("zoe", Roles.PARTICIPANT);
        admin = data.user("root", Roles.ADMIN);
        community = data.as(facilitator, () -> {
            UUID id = communities.create("Coach RH " + UUID.randomUUID(), "RH", "Charte", false).getId();
            communities.addMember(id, facilitator, CommunityRole.FACILITATOR);
            communities.addMember(id, member, CommunityRole.MEMBER);
            return id;
        });
    }

    @Test
    void a_member_publishes_and_revises_and_every_version_is_kept() {
        UUID article = data.as(member, () -> knowledge.publish(community, "Délai de réponse", "Répondre sous 24 h.",
                List.of("Délais", "RH", "rh"), "question", "q-1"));
        ArticleSummary first = data.as(facilitator, () -> knowledge.get(article));
        assertThat(first.tags()).containsExactly("délais", "rh");

        data.as(facilitator, () -> knowledge.revise(article, first.version(), "Délai de réponse",
                "Répondre sous 24 h ouvrables.", List.of("rh"), "Précision : jours ouvrables"));
        List<ArticleVersionSummary> history = data.as(member, () -> knowledge.history(article));
        assertThat(history).extracting(ArticleVersionSummary::versionNumber).containsExactly(2, 1);
        assertThat(history.get(0).editedBy()).isEqualTo(facilitator);
        assertThat(history.get(0).changeNote()).isEqualTo("Précision : jours ouvrables");
        assertThat(history.get(1).body()).isEqualTo("Répondre sous 24 h.");
        assertThat(data.as(member, () -> knowledge.fromSource("question", "q-1"))).extracting(ArticleSummary::id)
                .containsExactly(article);
    }

    @Test
    void a_second_editor_working_from_a_stale_version_is_told_and_nothing_is_lost() {
        UUID article = data.as(member, () -> knowledge.publish(community, "Titre", "Texte", List.of(), null, null));
        long version = data.as(member, () -> knowledge.get(article)).version();
        data.as(facilitator, () -> knowledge.revise(article, version, "Titre", "Texte de Claire", List.of(), null));
        data.as(member, () -> assertThatThrownBy(() -> knowledge.revise(article, version, "Titre", "Texte de Marc",
                List.of(), null)).isInstanceOf(ConflictException.class));
        assertThat(data.as(member, () -> knowledge.get(article)).body()).isEqualTo("Texte de Claire");
        assertThat(data.as(member, () -> knowledge.history(article))).hasSize(2);
    }

    @Test
    void outsiders_and_non_member_admins_cannot_read_or_write_a_closed_community() {
        String source = "q-" + UUID.randomUUID();
        UUID article = data.as(member, () -> knowledge.publish(community, "Titre", "Texte", List.of(), "question", source));
        assertThat(data.as(member, () -> knowledge.fromSource("question", source))).hasSize(1);
        for (String stranger : List.of(outsider, admin)) {
            data.as(stranger, () -> {
                assertThatThrownBy(() -> knowledge.get(article)).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> knowledge.history(article)).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> knowledge.listForCommunity(community)).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> knowledge.publish(community, "T", "B", List.of(), null, null))
                        .isInstanceOf(NotFoundException.class);
                // Only this test's source: open communities of other tests may have articles without one.
                assertThat(knowledge.fromSource("question", source)).isEmpty();
            });
        }
    }

    @Test
    void an_open_community_is_readable_by_everyone_signed_in_but_written_by_members_only() {
        UUID open = data.as(facilitator, () -> {
            UUID id = communities.create("Ouverte " + UUID.randomUUID(), null, null, true).getId();
            communities.addMember(id, facilitator, CommunityRole.FACILITATOR);
            return id;
        });
        UUID article = data.as(facilitator, () -> knowledge.publish(open, "Guide", "Texte", List.of(), null, null));
        data.as(outsider, () -> {
            assertThat(knowledge.get(article).title()).isEqualTo("Guide");
            assertThatThrownBy(() -> knowledge.publish(open, "T", "B", List.of(), null, null))
                    .isInstanceOf(ForbiddenException.class);
        });
    }

    @Test
    void empty_and_oversized_texts_are_refused_with_a_message_key() {
        data.as(member, () -> {
            assertThatThrownBy(() -> knowledge.publish(community, " ", "Texte", List.of(), null, null))
                    .isInstanceOf(CohorteException.class).hasMessageContaining("knowledge.error.titleRequired");
            assertThatThrownBy(() -> knowledge.publish(community, "Titre", "x".repeat(KnowledgeBaseService.MAX_BODY + 1),
                    List.of(), null, null)).hasMessageContaining("knowledge.error.bodyTooLong");
        });
    }
}
