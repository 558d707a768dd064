package dev.orun.exec;

import dev.orun.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to execute a plan. Build with {@link #defaults()} and the {@code with…} methods.
 *
 * @param execId               the execution id; {@code null} generates one
 * @param runner               the runner name (see {@link RunnerSelection}); {@code null} = local
 * @param concurrency          job slots; 0 uses the plan's value
 * @param componentConcurrency how many components may have jobs in flight; 0 = unlimited
 * @param failFast             overrides the plan's {@code execution.failFast} when not null
 * @param retryJob             a job whose recorded state is cleared before the run ({@code --retry})
 * @param isolation            per-job workspace isolation
 * @param keepWorkspaces       keep staged workspaces (and runner resources) after each job
 * @param workdir              every job runs here instead of its own path; disables isolation
 * @param trigger              recorded as what started the run ({@code manual}, {@code ci}, …)
 * @param hostEnvironment      the environment the local runner starts from, and runners consult
 */
public record RunOptions(String execId, String runner, int concurrency, int componentConcurrency,
                         Boolean failFast, String retryJob, Isolation isolation,
                         boolean keepWorkspaces, Path workdir, String trigger,
                         Map<String, String> hostEnvironment,
                         Map<String, String> runnerOptions) {

    public RunOptions {
        if (concurrency < 0) {
            throw new InvalidInputException("--concurrency must be 0 (plan value) or positive, got "
                    + concurrency);
        }
        if (componentConcurrency < 0) {
            throw new InvalidInputException(
                    "--component-concurrency must be 0 (unlimited) or positive, got "
                            + componentConcurrency);
        }
        isolation = isolation == null ? Isolation.AUTO : isolation;
        trigger = trigger == null ? "manual" : trigger;
        hostEnvironment = hostEnvironment == null ? System.getenv() : Map.copyOf(hostEnvironment);
        runnerOptions = runnerOptions == null ? Map.of() : Map.copyOf(runnerOptions);
    }

    public static RunOptions defaults() {
        return new RunOptions(null, null, 0, 1, null, null, Isolation.AUTO, false, null, null, null, null);
    }

    public RunOptions withExecId(String value) {
        return new RunOptions(value, runner, concurrency, componentConcurrency, failFast, retryJob,
                isolation, keepWorkspaces, workdir, trigger, hostEnvironment, runnerOptions);
    }

    public RunOptions withRunner(String value) {
        return new RunOptions(execId, value, concurrency, componentConcurrency, failFast, retryJob,
                isolation, keepWorkspaces, workdir, trigger, hostEnvironment, runnerOptions);
    }

    public RunOptions withConcurrency(int value) {
        return new RunOptions(execId, runner, value, componentConcurrency, failFast, retryJob,
                isolation, keepWorkspaces, workdir, trigger, hostEnvironment, runnerOptions);
    }

    public RunOptions withComponentConcurrency(int value) {
        return new RunOptions(execId, runner, concurrency, value, failFast, retryJob,
                isolation, keepWorkspaces, workdir, trigger, hostEnvironment, runnerOptions);
    }

    public RunOptions withFailFast(Boolean value) {
        return new RunOptions(execId, runner, concurrency, componentConcurrency, value, retryJob,
                isolation, keepWorkspaces, workdir, trigger, hostEnvironment, runnerOptions);
    }

    public RunOptions withRetryJob(String value) {
        return new RunOptions(execId, runner, concurrency, componentConcurrency, failFast, value,
                isolation, keepWorkspaces, workdir, trigger, hostEnvironment, runnerOptions);
    }

    public RunOptions withIsolation(Isolation value, boolean keep) {
        return new RunOptions(execId, runner, concurrency, componentConcurrency, failFast, retryJob,
                value, keep, workdir, trigger, hostEnvironment, runnerOptions);
    }

    public RunOptions withWorkdir(Path value) {
        return new RunOptions(execId, runner, concurrency, componentConcurrency, failFast, retryJob,
                isolation, keepWorkspaces, value, trigger, hostEnvironment, runnerOptions);
    }

    public RunOptions withTrigger(String value) {
        return new RunOptions(execId, runner, concurrency, componentConcurrency, failFast, retryJob,
                isolation, keepWorkspaces, workdir, value, hostEnvironment, runnerOptions);
    }

    public RunOptions withHostEnvironment(Map<String, String> value) {
        return new RunOptions(execId, runner, concurrency, componentConcurrency, failFast, retryJob,
                isolation, keepWorkspaces, workdir, trigger, value, runnerOptions);
    }

    /** The job slots for a plan: this override, else the plan's value, at least 1. */
    public int effectiveConcurrency(int planConcurrency) {
        int value = concurrency > 0 ? concurrency : planConcurrency;
        return Math.max(1, value);
    }

    /** Runner-specific options, e.g. {@code pull}, {@code image}, {@code user} for the Docker runner. */
    public RunOptions withRunnerOptions(Map<String, String> value) {
        return new RunOptions(execId, runner, concurrency, componentConcurrency, failFast, retryJob,
                isolation, keepWorkspaces, workdir, trigger, hostEnvironment, value);
    }
}
