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
 * @param runnerOptions        runner-specific options ({@code --pull}, {@code --docker-image}, …)
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
        return edit(b -> b.execId = value);
    }

    public RunOptions withRunner(String value) {
        return edit(b -> b.runner = value);
    }

    public RunOptions withConcurrency(int value) {
        return edit(b -> b.concurrency = value);
    }

    public RunOptions withComponentConcurrency(int value) {
        return edit(b -> b.componentConcurrency = value);
    }

    public RunOptions withFailFast(Boolean value) {
        return edit(b -> b.failFast = value);
    }

    public RunOptions withRetryJob(String value) {
        return edit(b -> b.retryJob = value);
    }

    public RunOptions withIsolation(Isolation value, boolean keep) {
        return edit(b -> {
            b.isolation = value;
            b.keepWorkspaces = keep;
        });
    }

    public RunOptions withWorkdir(Path value) {
        return edit(b -> b.workdir = value);
    }

    public RunOptions withTrigger(String value) {
        return edit(b -> b.trigger = value);
    }

    public RunOptions withHostEnvironment(Map<String, String> value) {
        return edit(b -> b.hostEnvironment = value);
    }

    /** Runner-specific options, e.g. {@code pull}, {@code image}, {@code user} for the Docker runner. */
    public RunOptions withRunnerOptions(Map<String, String> value) {
        return edit(b -> b.runnerOptions = value);
    }

    /** The job slots for a plan: this override, else the plan's value, at least 1. */
    public int effectiveConcurrency(int planConcurrency) {
        int value = concurrency > 0 ? concurrency : planConcurrency;
        return Math.max(1, value);
    }

    /** A copy with some components changed; the compact constructor validates the result. */
    private RunOptions edit(java.util.function.Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The mutable form the {@code with…} methods edit, so each names only what it changes. */
    private static final class Draft {
        String execId;
        String runner;
        int concurrency;
        int componentConcurrency;
        Boolean failFast;
        String retryJob;
        Isolation isolation;
        boolean keepWorkspaces;
        Path workdir;
        String trigger;
        Map<String, String> hostEnvironment;
        Map<String, String> runnerOptions;

        Draft(RunOptions from) {
            execId = from.execId;
            runner = from.runner;
            concurrency = from.concurrency;
            componentConcurrency = from.componentConcurrency;
            failFast = from.failFast;
            retryJob = from.retryJob;
            isolation = from.isolation;
            keepWorkspaces = from.keepWorkspaces;
            workdir = from.workdir;
            trigger = from.trigger;
            hostEnvironment = from.hostEnvironment;
            runnerOptions = from.runnerOptions;
        }

        RunOptions build() {
            return new RunOptions(execId, runner, concurrency, componentConcurrency, failFast,
                    retryJob, isolation, keepWorkspaces, workdir, trigger, hostEnvironment,
                    runnerOptions);
        }
    }
}
