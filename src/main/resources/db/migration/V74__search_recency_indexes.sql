-- Search lists matches newest first, 40 at most. For a common word (one question in ten) PostgreSQL read every
-- match's row from the full-text index to sort them (5 000 pages for 6 500 matches, 25 ms); with these indexes it
-- walks the newest questions and articles and stops at the 40th match (3 ms). Rare words still use the full-text index.
create index community_question_asked_idx on community_question (asked_at);
create index knowledge_article_updated_idx on knowledge_article (updated_at);
