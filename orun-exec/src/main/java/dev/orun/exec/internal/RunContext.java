package dev.orun.exec.internal;

import dev.orun.core.event.ProgressListener;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.runner.Runner;
import dev.orun.core.state.StateBackend;
import dev.orun.exec.internal.isolation.JobWorkspaces;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What every job of one execution shares: the plan, the runner, the state backend, where jobs run
 * and who listens.
 *
 * @param workspaceRoot the directory holding {@code intent.yaml}: job paths are relative to it
 * @param workdir       {@code --workdir}: every job runs there instead, or {@code null}
 * @param stager        stages per-job workspaces, or {@code null} when isolation is off
 * @param secrets       resolved secret values by job id, then env var name (empty for a dry run)
 */
public record RunContext(Plan plan, String execId, Runner runner, StateBackend state,
                         ProgressListener listener, Path workspaceRoot, Path workdir,
                         JobWorkspaces stager, boolean keepResources,
                         Map<String, Map<String, String>> secrets) {

    public RunContext {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    /** A context whose jobs receive no secrets. */
    public RunContext(Plan plan, String execId, Runner runner, StateBackend state,
                      ProgressListener listener, Path workspaceRoot, Path workdir,
                      JobWorkspaces stager, boolean keepResources) {
        this(plan, execId, runner, state, listener, workspaceRoot, workdir, stager, keepResources, Map.of());
    }

    /** The secret values {@code job}'s steps receive, by env var name. */
    public Map<String, String> secretsOf(Job job) {
        return secrets.getOrDefault(job.id(), Map.of());
    }

    /** The job's directory when it runs in {@code base} (the source tree or its staged copy). */
    public Path jobDirectory(Job job, Path base) {
        if (workdir != null) {
            return workdir;
        }
        String path = job.path();
        if (path == null || path.isBlank() || path.equals(".") || path.equals("./")) {
            return base;
        }
        Path candidate = Path.of(path);
        return candidate.isAbsolute() ? candidate : base.resolve(candidate).normalize();
    }

    /**
     * The job-level environment: orun's variables, then the job's {@code env}
     * (docs/decisions/step-environment.md). Steps add
     * {@code ORUN_STEP_ID} and their own env on top.
     */
    public Map<String, String> jobEnvironment(Job job) {
        Map<String, String> env = new HashMap<>();
        env.put("ORUN_CONTEXT", runner.context());
        env.put("ORUN_RUNNER", runner.name());
        env.put("ORUN_EXEC_ID", execId);
        env.put("ORUN_PLAN_ID", plan.planId());
        env.put("ORUN_JOB_ID", job.id());
        if (job.uid() != null) {
            env.put("ORUN_JOB_UID", job.uid());
        }
        env.put("ORUN_JOB_RUN_ID", plan.planId() + ":" + execId + ":" + job.id());
        env.put("ORUN_COMPONENT", nullToEmpty(job.component()));
        env.put("ORUN_ENVIRONMENT", nullToEmpty(job.environment()));
        env.putAll(job.env());
        return env;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
