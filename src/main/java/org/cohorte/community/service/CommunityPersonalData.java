package org.cohorte.community.service;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cohorte.base.privacy.PersonalDataRows;
import org.cohorte.base.privacy.PersonalDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The person's memberships, questions, answers and comments, the questions they follow, their duty weeks, and the
 * knowledge articles they wrote or edited (each version they wrote, with its text: articles are the community's
 * shared, non-confidential knowledge).
 */
@Component
class CommunityPersonalData implements PersonalDataSource {

    private final JdbcTemplate jdbc;

    CommunityPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "community";
    }

    @Override
    public Object collect(String userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberships", PersonalDataRows.query(jdbc, "select c.name as community, m.email_digest from "
                + "community_member m join community c on c.id = m.community_id where m.user_id = ? order by c.name", userId));
        data.put("questions_asked", PersonalDataRows.query(jdbc, "select q.id, c.name as community, q.title, q.body, "
                + "q.tags, q.asked_at, q.status from community_question q join community c on c.id = q.community_id "
                + "where q.asked_by = ? order by q.asked_at", userId));
        data.put("posts", PersonalDataRows.query(jdbc, "select p.id, p.question_id, q.title as question, p.kind, p.body, "
                + "p.created_at from community_post p join community_question q on q.id = p.question_id "
                + "where p.author = ? order by p.created_at", userId));
        data.put("questions_followed", PersonalDataRows.query(jdbc, "select q.id, q.title from "
                + "community_question_follower f join community_question q on q.id = f.question_id where f.user_id = ?",
                userId));
        data.put("duty_weeks", PersonalDataRows.query(jdbc, "select c.name as community, d.week_start from "
                + "community_duty d join community c on c.id = d.community_id where d.expert_id = ? order by d.week_start",
                userId));
        data.put("articles_written_or_edited", PersonalDataRows.query(jdbc, "select a.id, c.name as community, a.title, "
                + "a.created_at, a.updated_at, case when a.created_by = ? then 'author' else 'editor' end as part "
                + "from knowledge_article a join community c on c.id = a.community_id where a.created_by = ? "
                + "or a.updated_by = ? or exists (select 1 from knowledge_article_version v where v.article_id = a.id "
                + "and v.edited_by = ?) order by a.created_at", userId, userId, userId, userId));
        data.put("article_versions", PersonalDataRows.query(jdbc, "select v.article_id, v.version_number, v.title, "
                + "v.body, v.tags, v.edited_at, v.change_note from knowledge_article_version v where v.edited_by = ? "
                + "order by v.edited_at, v.version_number", userId));
        return data;
    }
}
