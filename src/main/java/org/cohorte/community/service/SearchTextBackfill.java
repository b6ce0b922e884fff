package org.cohorte.community.service;

import org.cohorte.community.domain.KnowledgeArticleRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Articles stored before search existed get their search text once, at start-up. */
@Component
@Order(50)
class SearchTextBackfill implements ApplicationRunner {

    private final KnowledgeArticleRepository articles;

    SearchTextBackfill(KnowledgeArticleRepository articles) {
        this.articles = articles;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        articles.findBySearchText("").forEach(a -> a.refreshSearchText());
    }
}
