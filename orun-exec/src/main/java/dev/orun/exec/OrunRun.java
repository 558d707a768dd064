package dev.orun.exec;

import dev.orun.core.InvalidInputException;
import dev.orun.core.event.ProgressListener;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.JobSelection;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerProvider;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.Runners;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.RunState;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.Status;
import dev.orun.exec.internal.ExecutionEngine;
import dev.orun.exec.internal.JobGraph;
import dev.orun.exec.internal.RunContext;
import dev.orun.exec.internal.isolation.WorkspaceStager;
import dev.orun.exec.records.ExecIds;
import dev.orun.exec.internal.PeekableFileState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * One execution being configured, then run once with {@link #run()} (or previewed with
 * {@link #dryRun()}). {@link #cancel()} may be called from any thread, e.g. a shutdown hook; it
 * returns once the run has recorded its final state.
 */
public final class OrunRun {

    private final Path workspaceRoot;
    private Plan plan;
    private RunOptions options = RunOptions.defaults();
    private ProgressListener listener = ProgressListener.none();
    private List<String> selection;
    private StateBackendFactory stateFactory = PeekableFileState::new;
    private Supplier<String> execIdGenerator;
    private volatile ExecutionEngine engine;
    private volatile boolean cancelRequested;
    private final CountDownLatch ended = new CountDownLatch(1);

    OrunRun(Path workspaceRoot) {
        this.workspaceRoot = workspaceRoot.toAbsolutePath().normalize();
    }

    public OrunRun plan(Plan value) {
        Objects.requireNonNull(value);
        this.plan = value.metadata().checksum() == null ? PlanJson.withChecksum(value) : value;
        return this;
    }

    public OrunRun options(RunOptions value) {
        this.options = Objects.requireNonNull(value);
        return this;
    }

    public OrunRun listener(ProgressListener value) {
        this.listener = Objects.requireNonNull(value);
        return this;
    }

    /** Runs only these jobs (see {@link JobSelection}); by default every job of the plan. */
    public OrunRun select(Collection<String> jobIds) {
        this.selection = List.copyOf(jobIds);
        return this;
    }

    /** Where state is recorded; by default the local records under {@code .orun/executions/}. */
    public OrunRun state(StateBackendFactory value) {
        this.stateFactory = Objects.requireNonNull(value);
        return this;
    }

    /** How an execution id is made when {@link RunOptions#execId()} is not set. */
    public OrunRun execIds(Supplier<String> value) {
        this.execIdGenerator = Objects.requireNonNull(value);
        return this;
    }

    /** Executes the selected jobs; bad input throws {@link InvalidInputException} before anything runs. */
    public ExecutionResult run() {
        try {
            return execute();
        } finally {
            ended.countDown();
        }
    }

    /** Stops the run: running steps' process trees are stopped, jobs recorded cancelled. */
    public void cancel() {
        cancelRequested = true;
        ExecutionEngine current = engine;
        if (current != null) {
            current.cancel();
        }
    }

    /** Waits until {@link #run()} has returned (after {@link #cancel()}, for example). */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    private ExecutionResult execute() {
        Plan current = requirePlan();
        JobGraph graph = new JobGraph(current);
        List<String> selected = selectedJobs(graph);
        int concurrency = options.effectiveConcurrency(current.execution().concurrency());
        boolean failFast = options.failFast() != null ? options.failFast()
                : current.execution().failFast();
        if (options.retryJob() != null && !selected.contains(options.retryJob())) {
            throw new InvalidInputException("--retry: job " + options.retryJob()
                    + " is not selected");
        }
        try (Runner runner = createRunner()) {
            runner.checkAvailable();
            RunnerPreflight.check(runner, selected.stream().map(graph::job).toList(),
                    workspaceRoot);
            String execId = options.execId() != null ? options.execId() : newExecId(current);
            try (StateBackend state = stateFactory.open(workspaceRoot.resolve(".orun"), execId)) {
                state.peek().ifPresent(known -> requireDependencies(graph, selected, known, execId));
                RunState recorded = state.open(new RunDescriptor(execId, current, runner.name(),
                        options.trigger(), userName()));
                requireDependencies(graph, selected, recorded, execId);
                recorded = resetForRerun(state, recorded, selected);
                WorkspaceStager stager = isolationEnabled(concurrency)
                        ? new WorkspaceStager(workspaceRoot,
                        workspaceRoot.resolve(".orun").resolve("workspaces").resolve(
                                safeExecDir(execId)), options.keepWorkspaces())
                        : null;
                RunContext context = new RunContext(current, execId, runner, state, listener,
                        workspaceRoot, workdir(), stager, options.keepWorkspaces());
                ExecutionEngine created = new ExecutionEngine(context, graph, selected,
                        concurrency, options.componentConcurrency(), failFast);
                engine = created;
                if (cancelRequested) {
                    created.cancel();
                }
                try {
                    return created.run(recorded);
                } finally {
                    if (stager != null) {
                        stager.close();
                    }
                }
            }
        }
    }

    /** The execution order and how each job would run; runs and writes nothing. */
    public DryRunReport dryRun() {
        Plan current = requirePlan();
        JobGraph graph = new JobGraph(current);
        List<String> selected = graph.ordered(selectedJobs(graph));
        int concurrency = options.effectiveConcurrency(current.execution().concurrency());
        boolean failFast = options.failFast() != null ? options.failFast()
                : current.execution().failFast();
        try (Runner runner = createRunner()) {
            RunContext context = new RunContext(current, "dry-run", runner,
                    null, listener, workspaceRoot, workdir(), null, false);
            List<DryRunReport.Job> jobs = new ArrayList<>();
            for (String id : selected) {
                jobs.add(DryRunJobs.describe(context, graph.job(id)));
            }
            return new DryRunReport(current.metadata().checksum(), current.metadata().name(),
                    runner.name(), concurrency, options.componentConcurrency(), failFast,
                    isolationEnabled(concurrency), jobs);
        }
    }

    private Plan requirePlan() {
        if (plan == null) {
            throw new IllegalStateException("no plan given");
        }
        return plan;
    }

    private List<String> selectedJobs(JobGraph graph) {
        if (selection == null) {
            return graph.order();
        }
        for (String id : selection) {
            if (!graph.contains(id)) {
                throw new InvalidInputException("job not found in plan: " + id);
            }
        }
        return graph.ordered(selection);
    }

    private boolean isolationEnabled(int concurrency) {
        return options.workdir() == null && options.isolation().enabledAt(concurrency);
    }

    private Path workdir() {
        return options.workdir() == null ? null : options.workdir().toAbsolutePath().normalize();
    }

    private Runner createRunner() {
        String name = options.runner() == null ? RunnerSelection.LOCAL : options.runner();
        RunnerProvider provider;
        if (Runners.available().stream().noneMatch(p -> p.name().equals(name))
                && name.equals(RunnerSelection.GITHUB_ACTIONS)) {
            throw new InvalidInputException("the github-actions runner is not on the class path "
                    + "(add the dev.orun:orun-runner-gha module); available runners: " + String.join(", ",
                    Runners.available().stream().map(RunnerProvider::name).toList()));
        }
        provider = Runners.find(name);
        return provider.create(new RunnerSettings(workspaceRoot, options.runnerOptions(),
                options.hostEnvironment()));
    }

    private String newExecId(Plan current) {
        if (execIdGenerator != null) {
            return execIdGenerator.get();
        }
        String name = current.metadata().name();
        return ExecIds.generate(name == null || name.isBlank() ? "run" : name);
    }

    /**
     * Clears the recorded state of the {@code --retry} job and of selected jobs that failed in an
     * earlier attempt of this execution, so a resume runs again everything that did not succeed.
     */
    private RunState resetForRerun(StateBackend state, RunState recorded, List<String> selected) {
        boolean changed = false;
        for (String id : selected) {
            if (id.equals(options.retryJob()) || recorded.job(id).status() == Status.FAILED) {
                state.resetJob(id);
                changed = true;
            }
        }
        return changed ? state.read() : recorded;
    }

    /** Jobs outside the selection that selected jobs depend on must have succeeded already. */
    private static void requireDependencies(JobGraph graph, List<String> selected, RunState state,
                                            String execId) {
        java.util.Set<String> inSelection = java.util.Set.copyOf(selected);
        for (String id : selected) {
            List<String> missing = new ArrayList<>();
            for (String dep : graph.job(id).dependsOn()) {
                if (!inSelection.contains(dep) && state.job(dep).status() != Status.SUCCEEDED) {
                    missing.add(dep);
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidInputException("cannot run " + id + ": its dependencies have not "
                        + "succeeded in execution " + execId + ": " + String.join(", ", missing)
                        + " (run them first with the same --exec-id, or select them too)");
            }
        }
    }

    private static String safeExecDir(String execId) {
        String safe = execId.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._-]+", "");
        return safe.isEmpty() ? "exec" : safe;
    }

    private String userName() {
        Map<String, String> env = options.hostEnvironment();
        return env.getOrDefault("USER", env.getOrDefault("USERNAME", System.getProperty("user.name")));
    }
}
