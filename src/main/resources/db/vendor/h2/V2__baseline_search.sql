-- First release baseline, part 2 (was V11__community_search):
-- H2: search is a LIKE over the normalised column (see QuestionService.search); only the shared index here.
create index community_question_asker_idx on community_question (asked_by);
