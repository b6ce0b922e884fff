package org.cohorte.base.engine;

import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * What Cohorte asks of the engine beyond its public API, each for a measured reason, in one place: the engine
 * services' command executor and two commands, and the names of the tables the inbox reads in plain SQL.
 */
public final class EngineCommands {

    private EngineCommands() {
    }

    /**
     * Completes a task as the current engine user (the operation log names them) without the engine checking
     * the user's access again: for a task whose access the caller has just checked from Cohorte's records. The
     * engine's check is a large dynamic query built per completion, a fifth of a codevelopment session's CPU.
     */
    public static void completeWithoutAuthorizationCheck(TaskService taskService, String taskId,
                                                         Map<String, Object> variables) {
        ((ServiceImpl) taskService).getCommandExecutor().execute(commandContext -> {
            commandContext.disableAuthorizationCheck();
            try {
                return new CompleteTaskCmd(taskId, variables).execute(commandContext);
            } finally {
                commandContext.enableAuthorizationCheck();
            }
        });
    }

    /**
     * Runs the action inside one engine command: the engine calls it makes (through any of the engine's
     * services) join that command, share its cache and flush once at its end, instead of one command each.
     */
    public static <T> T inOneCommand(Object anyEngineService, Supplier<T> action) {
        return ((ServiceImpl) anyEngineService).getCommandExecutor().execute(commandContext -> action.get());
    }

    /** The engine's tables read in plain SQL, with the configured prefix. */
    public record Tables(String task, String identityLink, String execution, String processDefinition,
                         String variable) {

        public static Tables of(ManagementService managementService) {
            return new Tables(managementService.getTableName(TaskEntity.class),
                    managementService.getTableName(IdentityLinkEntity.class),
                    managementService.getTableName(ExecutionEntity.class),
                    managementService.getTableName(ProcessDefinitionEntity.class),
                    managementService.getTableName(VariableInstanceEntity.class));
        }
    }
}
