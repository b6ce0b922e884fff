package org.cohorte.community.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.community.service.QuestionService;
import org.springframework.stereotype.Component;

/** community_question step: maps the process variables and calls {@link QuestionService}. */
@Component("answerWithArticleDelegate")
public class AnswerWithArticleDelegate implements JavaDelegate {

    private final QuestionService questionService;

    public AnswerWithArticleDelegate(QuestionService questionService) {
        this.questionService = questionService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        questionService.answerWithArticle(id(execution), UUID.fromString((String) execution.getVariable("articleId")));
    }

    private static UUID id(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable("questionId"));
    }
}
