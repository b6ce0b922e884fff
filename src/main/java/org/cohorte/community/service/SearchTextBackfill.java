package org.cohorte.community.service;

import org.cohorte.base.startup.StartupTask;
import org.cohorte.community.domain.KnowledgeArticleRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Articles stored before search existed get their search text once, at start-up. */
@Component
class SearchTextBackfill implements StartupTask {

    private final KnowledgeArticleRepository articles;

    SearchTextBackfill(KnowledgeArticleRepository articles) {
        this.articles = articles;
    }

    @Override
    public int startupOrder() {
        return 10;
    }

    @Override
    @Transactional
    public void runAtStartup() {
        articles.findBySearchText("").forEach(a -> a.refreshSearchText());
    }
}
