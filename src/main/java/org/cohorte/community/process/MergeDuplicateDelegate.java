package org.cohorte.community.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.community.service.QuestionService;
import org.springframework.stereotype.Component;

/** community_question step: maps the process variables and calls {@link QuestionService}. */
@Component("mergeDuplicateDelegate")
public class MergeDuplicateDelegate implements JavaDelegate {

    private final QuestionService questionService;

    public MergeDuplicateDelegate(QuestionService questionService) {
        this.questionService = questionService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        questionService.mergeDuplicate(id(execution), UUID.fromString((String) execution.getVariable("duplicateOf")));
    }

    private static UUID id(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable("questionId"));
    }
}
