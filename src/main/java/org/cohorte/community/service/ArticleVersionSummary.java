package org.cohorte.community.service;

import java.time.Instant;

/** One entry of an article's history. */
public record ArticleVersionSummary(int versionNumber, String title, String body, String tags, String editedBy,
                                    Instant editedAt, String changeNote) {
}
