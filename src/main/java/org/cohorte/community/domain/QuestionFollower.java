package org.cohorte.community.domain;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A member who wants to hear about a question. */
@Entity
@Table(name = "community_question_follower")
public class QuestionFollower {

    @Embeddable
    public record Key(@Column(name = "question_id") UUID questionId,
                      @Column(name = "user_id", length = 64) String userId) implements Serializable {
    }

    @EmbeddedId
    private Key id;

    protected QuestionFollower() {
    }

    public QuestionFollower(UUID questionId, String userId) {
        this.id = new Key(questionId, userId);
    }

    public String getUserId() {
        return id.userId();
    }
}
