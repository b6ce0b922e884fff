-- First release baseline, part 2 (was V11__community_search):
-- PostgreSQL: full-text search over the normalised text (accents and case already removed by the
-- application, so the 'simple' configuration suffices and works for French and English alike).
-- Vendor-specific migrations (community search indexes) live outside db/migration, which Flyway scans recursively.
alter table community_question add column search_vector tsvector
    generated always as (to_tsvector('simple', search_text)) stored;
create index community_question_search_idx on community_question using gin (search_vector);
alter table knowledge_article add column search_vector tsvector
    generated always as (to_tsvector('simple', search_text)) stored;
create index knowledge_article_search_idx on knowledge_article using gin (search_vector);
create index community_question_asker_idx on community_question (asked_by);
