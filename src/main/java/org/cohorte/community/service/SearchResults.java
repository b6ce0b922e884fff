package org.cohorte.community.service;

import java.util.List;

/** What search found, in the communities the user may read. */
public record SearchResults(List<QuestionSummary> questions, List<ArticleSummary> articles) {

    public boolean isEmpty() {
        return questions.isEmpty() && articles.isEmpty();
    }
}
