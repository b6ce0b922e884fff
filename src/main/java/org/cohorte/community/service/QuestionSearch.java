package org.cohorte.community.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cohorte.base.persistence.CustomPlans;
import org.cohorte.base.persistence.DatabaseDialect;
import org.cohorte.community.domain.KnowledgeArticle;
import org.cohorte.community.domain.KnowledgeArticleRepository;
import org.cohorte.community.domain.Question;
import org.cohorte.community.domain.QuestionRepository;
import org.cohorte.community.domain.SearchText;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Search before asking: questions and articles of the communities the user may read, by the normalised text the
 * entities keep ({@link SearchText}), over PostgreSQL's full-text index or a LIKE elsewhere. Its own service, apart
 * from the question's life cycle, because its SQL and plans change for reasons of their own.
 */
@Service
public class QuestionSearch {

    static final int SEARCH_LIMIT = 20;

    private final QuestionRepository questions;
    private final KnowledgeArticleRepository articles;
    private final CommunityService communityService;
    private final QuestionSummaries summaries;
    private final NamedParameterJdbcTemplate jdbc;
    private final DatabaseDialect dialect;

    QuestionSearch(QuestionRepository questions, KnowledgeArticleRepository articles, CommunityService communityService,
                   QuestionSummaries summaries, NamedParameterJdbcTemplate jdbc, DatabaseDialect dialect) {
        this.questions = questions;
        this.articles = articles;
        this.communityService = communityService;
        this.summaries = summaries;
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Searches questions and articles of the communities the user may read: every word must appear, accents
     * and case ignored, a word also matches longer words it begins ("delai" finds "délais"). PostgreSQL uses
     * its full-text index; other databases a LIKE over the same normalised text.
     */
    @Transactional(readOnly = true)
    public SearchResults search(String query) {
        List<String> typed = SearchText.words(query);
        // Articles and other short common words would only slow the index down and match everything.
        List<String> significant = typed.stream().filter(w -> w.length() >= 3 && !STOP_WORDS.contains(w)).toList();
        List<String> words = significant.isEmpty() ? typed : significant;
        Set<UUID> scope = communityService.readableCommunityIds();
        if (words.isEmpty() || scope.isEmpty()) {
            return new SearchResults(List.of(), List.of());
        }
        // Newest-first along the date index suits a common word, the full-text index a rare one: only a plan made for
        // the words at hand can tell.
        CustomPlans.forThisTransaction(jdbc.getJdbcTemplate(), dialect.isPostgres());
        List<UUID> questionIds = searchIds("community_question", "asked_at", words, scope, true);
        List<UUID> articleIds = searchIds("knowledge_article", "updated_at", words, scope, true);
        if (questionIds.isEmpty() && articleIds.isEmpty()) {
            // Nothing has every word (a whole sentence typed as a title): what shares its key words.
            List<String> keyWords = words.stream().filter(w -> w.length() >= 4 && !STOP_WORDS.contains(w)).toList();
            if (!keyWords.isEmpty()) {
                questionIds = searchIds("community_question", "asked_at", keyWords, scope, false);
                articleIds = searchIds("knowledge_article", "updated_at", keyWords, scope, false);
            }
        }
        Map<UUID, Question> foundQuestions = questions.findAllById(questionIds).stream()
                .collect(Collectors.toMap(Question::getId, Function.identity()));
        Map<UUID, KnowledgeArticle> foundArticles = articles.findAllById(articleIds).stream()
                .collect(Collectors.toMap(KnowledgeArticle::getId, Function.identity()));
        return new SearchResults(
                summaries.of(questionIds.stream().map(foundQuestions::get).filter(java.util.Objects::nonNull).toList()),
                articleIds.stream().map(foundArticles::get).filter(java.util.Objects::nonNull)
                        .map(KnowledgeBaseService::summary).toList());
    }

    /** Common words of questions, skipped when looking for any key word of a sentence. */
    private static final Set<String> STOP_WORDS = Set.of("comment", "combien", "quel", "quelle", "quels", "quelles",
            "pour", "avec", "dans", "sans", "sont", "est", "peut", "peuvent", "doit", "faire", "quand", "mais", "plus",
            "les", "des", "une", "aux", "par", "sur", "qui", "que", "quoi", "nos", "vos", "ses", "leur", "leurs",
            "the", "and", "for", "how", "can", "are", "our", "your", "its",
            "what", "when", "where", "which", "with", "from", "have", "does", "that", "this", "there", "about", "should");

    private List<UUID> searchIds(String table, String orderColumn, List<String> words, Collection<UUID> scope,
                                 boolean all) {
        // Every word (all), or, for a sentence, any two of its key words (any one when it has fewer than three).
        List<List<String>> alternatives = new ArrayList<>();
        if (all) {
            alternatives.add(words);
        } else if (words.size() < 3) {
            words.forEach(w -> alternatives.add(List.of(w)));
        } else {
            for (int i = 0; i < words.size(); i++) {
                for (int j = i + 1; j < words.size(); j++) {
                    alternatives.add(List.of(words.get(i), words.get(j)));
                }
            }
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource("scope", scope).addValue("limit", SEARCH_LIMIT);
        StringBuilder sql = new StringBuilder("select id from " + table + " where community_id in (:scope)");
        if (dialect.isPostgres()) {
            sql.append(" and search_vector @@ to_tsquery('simple', :query)");
            parameters.addValue("query", alternatives.stream()
                    .map(group -> "(" + group.stream().map(w -> w + ":*").collect(Collectors.joining(" & ")) + ")")
                    .collect(Collectors.joining(" | ")));
        } else {
            sql.append(" and (");
            int n = 0;
            for (int a = 0; a < alternatives.size(); a++) {
                sql.append(a == 0 ? "(" : " or (");
                List<String> group = alternatives.get(a);
                for (int i = 0; i < group.size(); i++) {
                    sql.append(i == 0 ? "" : " and ").append("search_text like :w").append(n);
                    parameters.addValue("w" + n++, "%" + group.get(i) + "%");
                }
                sql.append(')');
            }
            sql.append(')');
        }
        sql.append(" order by ").append(orderColumn).append(" desc limit :limit");
        return jdbc.query(sql.toString(), parameters, (rs, row) -> rs.getObject(1, UUID.class));
    }

}
