package dev.orun.core.runner;

import dev.orun.core.plan.Job;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job as the runner sees it. <b>Made by</b> the engine, on the job's thread, and handed to
 * {@link Runner#startJob} and {@link Runner#describe}; runners only read it. Immutable.
 *
 * @param execId        the execution id
 * @param job           the plan job
 * @param workspace     the tree the job may touch: the source tree or its staged private copy
 * @param workingDirectory the job's resolved directory, inside {@code workspace}
 * @param environment   the job-level environment (orun variables and the job's env); steps add theirs
 * @param keepResources keep containers and similar for debugging ({@code --keep-workspaces})
 * @param overlay       the copy-on-write view the job's steps must run in, or {@code null} to run
 *                      directly in {@code workspace}
 * @param dependencyOutputs the outputs of the job's direct dependencies, by job id: every output
 *                      their steps set (a later step's value wins a name clash)
 * @param dependencyStatuses how each direct dependency ended, as recorded when the job started
 *                      (GitHub's {@code needs.<job>.result}); empty when the maker did not say
 */
public record JobContext(String execId, Job job, Path workspace, Path workingDirectory,
                         Map<String, String> environment, boolean keepResources,
                         WorkspaceOverlay overlay, Map<String, Map<String, String>> dependencyOutputs,
                         Map<String, dev.orun.core.state.Status> dependencyStatuses) {

    public JobContext {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        Map<String, Map<String, String>> copy = new TreeMap<>();
        if (dependencyOutputs != null) {
            dependencyOutputs.forEach((id, outputs) -> copy.put(id, Map.copyOf(outputs)));
        }
        dependencyOutputs = java.util.Collections.unmodifiableMap(copy);
        dependencyStatuses = dependencyStatuses == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(dependencyStatuses));
    }

    /** A job with its overlay (or {@code null}) and dependency outputs, statuses not given. */
    public JobContext(String execId, Job job, Path workspace, Path workingDirectory,
                      Map<String, String> environment, boolean keepResources,
                      WorkspaceOverlay overlay, Map<String, Map<String, String>> dependencyOutputs) {
        this(execId, job, workspace, workingDirectory, environment, keepResources, overlay,
                dependencyOutputs, Map.of());
    }

    /** A job that runs directly in {@code workspace} (no overlay) and has no dependency outputs. */
    public JobContext(String execId, Job job, Path workspace, Path workingDirectory,
                      Map<String, String> environment, boolean keepResources) {
        this(execId, job, workspace, workingDirectory, environment, keepResources, null, Map.of());
    }

    /** A job with its overlay (or {@code null}) and no dependency outputs. */
    public JobContext(String execId, Job job, Path workspace, Path workingDirectory,
                      Map<String, String> environment, boolean keepResources,
                      WorkspaceOverlay overlay) {
        this(execId, job, workspace, workingDirectory, environment, keepResources, overlay, Map.of());
    }

    /** A job that runs directly in {@code workspace} with its dependencies' outputs. */
    public JobContext(String execId, Job job, Path workspace, Path workingDirectory,
                      Map<String, String> environment, boolean keepResources,
                      Map<String, Map<String, String>> dependencyOutputs) {
        this(execId, job, workspace, workingDirectory, environment, keepResources, null,
                dependencyOutputs);
    }
}
