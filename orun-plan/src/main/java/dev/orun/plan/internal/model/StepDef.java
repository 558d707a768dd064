package dev.orun.plan.internal.model;

import java.util.Map;

/** A step as authored in a composition or job template (before rendering). */
public record StepDef(
        String id,
        String name,
        String capability,
        String phase,
        int order,
        String run,
        String use,
        Map<String, Object> with,
        Map<String, Object> env,
        String shell,
        String workingDirectory,
        String timeout,
        int retry,
        String onFailure,
        String condition,
        boolean continueOnError,
        WorkflowCall workflowCall,
        java.nio.file.Path file,
        int line) {

    /**
     * The workflow-only fields of a {@code workflow:} step as authored: the workflow file path,
     * {@code connections} (rendered later), {@code resume} and the approval gate.
     */
    public record WorkflowCall(String path, Map<String, String> connections, boolean resume,
                               dev.orun.core.plan.StepApproval approval) {
    }

    /** How profiles and overrides refer to the step: its {@code id}, else its {@code name}. */
    public String key() {
        return id != null ? id : name;
    }

    public StepDef withPatch(String newRun, Map<String, Object> newWith, Map<String, Object> newEnv) {
        return new StepDef(id, name, capability, phase, order, newRun, use, newWith, newEnv, shell,
                workingDirectory, timeout, retry, onFailure, condition, continueOnError, workflowCall, file, line);
    }
}
