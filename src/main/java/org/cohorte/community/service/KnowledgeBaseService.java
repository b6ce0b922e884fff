package org.cohorte.community.service;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.community.domain.KnowledgeArticle;
import org.cohorte.community.domain.KnowledgeArticleRepository;
import org.cohorte.community.domain.KnowledgeArticleVersion;
import org.cohorte.community.domain.KnowledgeArticleVersionRepository;
import org.cohorte.identity.service.CurrentUser;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The communities' knowledge base, a co-built wiki: members publish and revise articles, every version is
 * kept (who, when, what, why), and only those who may read the community see its articles. Other features
 * publish into it (codevelopment learning notes, incubator learning cards) through {@link #publish}.
 */
@Service
public class KnowledgeBaseService {

    public static final int MAX_TITLE = 300;
    public static final int MAX_BODY = 100_000;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 50;
    public static final int MAX_NOTE = 500;

    private final KnowledgeArticleRepository articles;
    private final KnowledgeArticleVersionRepository versions;
    private final CommunityService communityService;
    private final CurrentUser currentUser;

    public KnowledgeBaseService(KnowledgeArticleRepository articles, KnowledgeArticleVersionRepository versions,
                                CommunityService communityService, CurrentUser currentUser) {
        this.articles = articles;
        this.versions = versions;
        this.communityService = communityService;
        this.currentUser = currentUser;
    }

    /**
     * A member publishes a new article in their community. {@code sourceType}/{@code sourceId} say where it
     * comes from (a question, a codevelopment session, an experiment), or are null. Returns the article's id.
     */
    @Transactional
    public UUID publish(UUID communityId, String title, String body, List<String> tags, String sourceType,
                        String sourceId) {
        communityService.requireMember(communityId);
        KnowledgeArticle article = new KnowledgeArticle(communityId, cleanTitle(title), cleanBody(body),
                joinTags(tags), sourceType, sourceId, currentUser.userId());
        articles.save(article);
        versions.save(new KnowledgeArticleVersion(article, 1, null));
        return article.getId();
    }

    /**
     * A member revises an article. {@code expectedVersion} is the version they started from: when someone
     * saved in between, nothing is overwritten and they are told (their text is still in their form).
     */
    @Transactional
    public ArticleSummary revise(UUID articleId, long expectedVersion, String title, String body, List<String> tags,
                                 String changeNote) {
        KnowledgeArticle article = articles.findById(articleId)
                .orElseThrow(() -> new NotFoundException("knowledge.error.notFound"));
        communityService.requireMember(article.getCommunityId());
        if (article.getVersion() != expectedVersion) {
            throw new ConflictException("knowledge.error.editedMeanwhile");
        }
        String note = changeNote == null ? null : PlainText.clean(changeNote).trim();
        if (note != null && note.length() > MAX_NOTE) {
            throw new CohorteException("knowledge.error.noteTooLong", MAX_NOTE);
        }
        article.revise(cleanTitle(title), cleanBody(body), joinTags(tags), currentUser.userId());
        try {
            articles.saveAndFlush(article);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConflictException("knowledge.error.editedMeanwhile");
        }
        versions.save(new KnowledgeArticleVersion(article, versions.countByArticleId(articleId) + 1,
                note == null || note.isEmpty() ? null : note));
        return summary(article);
    }

    @Transactional(readOnly = true)
    public ArticleSummary get(UUID articleId) {
        KnowledgeArticle article = articles.findById(articleId)
                .filter(a -> communityService.readable(a.getCommunityId()).isPresent())
                .orElseThrow(() -> new NotFoundException("knowledge.error.notFound"));
        return summary(article);
    }

    /** An article opened by a reader: its view count goes up by one (without touching its version). */
    @Transactional
    public ArticleSummary view(UUID articleId) {
        ArticleSummary article = get(articleId);
        articles.incrementViews(articleId);
        return article;
    }

    /** The community's most viewed articles. Readers only. */
    @Transactional(readOnly = true)
    public List<ArticleSummary> mostViewed(UUID communityId) {
        communityService.requireReader(communityId);
        return articles.findTop10ByCommunityIdOrderByViewCountDesc(communityId).stream()
                .map(KnowledgeBaseService::summary).toList();
    }

    @Transactional(readOnly = true)
    public List<ArticleSummary> listForCommunity(UUID communityId) {
        communityService.requireReader(communityId);
        return articles.findByCommunityIdOrderByUpdatedAtDesc(communityId).stream().map(KnowledgeBaseService::summary).toList();
    }

    /** Every version of an article, newest first. */
    @Transactional(readOnly = true)
    public List<ArticleVersionSummary> history(UUID articleId) {
        get(articleId);
        return versions.findByArticleIdOrderByVersionNumberDesc(articleId).stream()
                .map(v -> new ArticleVersionSummary(v.getVersionNumber(), v.getTitle(), v.getBody(), v.getTags(),
                        v.getEditedBy(), v.getEditedAt(), v.getChangeNote()))
                .toList();
    }

    /** Articles published from a given source (for example a question or an experiment) that the user may read. */
    @Transactional(readOnly = true)
    public List<ArticleSummary> fromSource(String sourceType, String sourceId) {
        return articles.findBySourceTypeAndSourceId(sourceType, sourceId).stream()
                .filter(a -> communityService.readable(a.getCommunityId()).isPresent())
                .map(KnowledgeBaseService::summary).toList();
    }

    static ArticleSummary summary(KnowledgeArticle a) {
        return new ArticleSummary(a.getId(), a.getCommunityId(), a.getTitle(), a.getBody(), splitTags(a.getTags()),
                a.getSourceType(), a.getSourceId(), a.getCreatedBy(), a.getCreatedAt(), a.getUpdatedBy(),
                a.getUpdatedAt(), a.getViewCount(), a.getVersion());
    }

    private static String cleanTitle(String title) {
        String clean = title == null ? "" : PlainText.clean(title).strip();
        if (clean.isEmpty()) {
            throw new CohorteException("knowledge.error.titleRequired");
        }
        if (clean.length() > MAX_TITLE) {
            throw new CohorteException("knowledge.error.titleTooLong", MAX_TITLE);
        }
        return clean;
    }

    private static String cleanBody(String body) {
        String clean = body == null ? "" : PlainText.clean(body).strip();
        if (clean.isEmpty()) {
            throw new CohorteException("knowledge.error.bodyRequired");
        }
        if (clean.length() > MAX_BODY) {
            throw new CohorteException("knowledge.error.bodyTooLong", MAX_BODY);
        }
        return clean;
    }

    private static String joinTags(List<String> tags) {
        Set<String> clean = new LinkedHashSet<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT).replace(",", " ");
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() > MAX_TAG) {
                throw new CohorteException("knowledge.error.tagTooLong", MAX_TAG);
            }
            clean.add(t);
        }
        if (clean.size() > MAX_TAGS) {
            throw new CohorteException("knowledge.error.tooManyTags", MAX_TAGS);
        }
        return String.join(",", clean);
    }

    private static List<String> splitTags(String tags) {
        return tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }
}
