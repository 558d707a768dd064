package dev.orun.exec;

import dev.orun.core.InvalidInputException;
import dev.orun.core.event.ProgressListener;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.JobSelection;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.Runners;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.RunState;
import dev.orun.core.OrunException;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.StateBackendProvider;
import dev.orun.core.state.StateBackendSettings;
import dev.orun.core.state.StateBackends;
import dev.orun.core.state.StateUnavailableException;
import dev.orun.core.state.Status;
import dev.orun.exec.internal.ExecutionEngine;
import dev.orun.exec.internal.JobGraph;
import dev.orun.exec.internal.RunContext;
import dev.orun.exec.internal.isolation.JobWorkspaces;
import dev.orun.exec.records.ExecIds;
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
    private StateBackendProvider stateProvider;
    private Map<String, String> stateOptions = Map.of();
    private Supplier<String> execIdGenerator;
    private Runner runnerInstance;
    private Path secretsFile;
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

    /** Where state is recorded; by default the {@code file} backend (local records under {@code .orun/executions/}). */
    public OrunRun state(StateBackendProvider value) {
        this.stateProvider = Objects.requireNonNull(value);
        return this;
    }

    /** The state backend by name ({@code file}, {@code remote}, a plugin's), found through ServiceLoader. */
    public OrunRun state(String name, Map<String, String> backendOptions) {
        this.stateProvider = StateBackends.find(Objects.requireNonNull(name));
        this.stateOptions = Map.copyOf(backendOptions);
        return this;
    }

    /**
     * Runs the steps on this runner instead of the one {@link RunOptions#runner()} names. The
     * caller keeps ownership: the run neither closes it nor assumes it is registered with
     * {@link java.util.ServiceLoader}.
     */
    public OrunRun runner(Runner value) {
        this.runnerInstance = Objects.requireNonNull(value);
        return this;
    }

    /**
     * Where the jobs' secrets come from besides {@code ORUN_SECRET_<key>} variables (see
     * {@link LocalSecrets}); {@code null} for variables only.
     */
    public OrunRun secretsFile(Path value) {
        this.secretsFile = value;
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

    /** Waits at most {@code grace} for {@link #run()} to return; false when it did not. */
    public boolean awaitEnd(java.time.Duration grace) throws InterruptedException {
        return ended.await(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
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
        RunnerPreflight.refuseWorkflowSteps(selected.stream().map(graph::job).toList());
        try (Runner runner = createRunner()) {
            runner.checkAvailable();
            RunnerPreflight.check(runner, selected.stream().map(graph::job).toList(),
                    workspaceRoot);
            LocalSecrets.Resolution secrets = new LocalSecrets(options.hostEnvironment(), secretsFile)
                    .resolveAvailable(selected.stream().map(graph::job).toList());
            String execId = options.execId() != null ? options.execId() : newExecId(current);
            StateBackendProvider provider = stateProvider != null ? stateProvider
                    : StateBackends.find(StateBackends.DEFAULT);
            StateBackendSettings settings = new StateBackendSettings(workspaceRoot.resolve(".orun"),
                    stateOptions, options.hostEnvironment());
            try (StateBackend state = provider.open(settings, execId)) {
                if (!state.resolvesSecrets()) {
                    // before anything is recorded: a missing secret is bad input, and nothing ran;
                    // a state server that holds secrets is asked per job instead, once claimed
                    secrets.requireComplete();
                }
                boolean coordinated = state.coordinatesDependencies();
                if (!coordinated) {
                    state.peek().ifPresent(known -> SelectedDependencies.require(graph, selected, known, execId));
                }
                RunState recorded = openRecords(state, new RunDescriptor(execId, current, runner.name(),
                        options.trigger(), userName()));
                if (!coordinated) {
                    SelectedDependencies.require(graph, selected, recorded, execId);
                }
                recorded = resetForRerun(state, recorded, selected);
                Path stagesRoot = workspaceRoot.resolve(".orun").resolve("workspaces")
                        .resolve(safeExecDir(execId));
                RunIsolation isolation = new RunIsolation(workspaceRoot);
                JobWorkspaces stager = isolationEnabled(concurrency)
                        ? isolation.workspaces(runner, stagesRoot, options.keepWorkspaces()) : null;
                RunContext context = new RunContext(current, execId, runner, state,
                        stager == null ? listener : isolation.noticeAfterStart(listener, stager), workspaceRoot, workdir(), stager,
                        options.keepWorkspaces(), secrets.byJob());
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
                        closeWorkspaces(stager, state);
                    }
                }
            }
        }
    }

    /** Removes stages of ended jobs, including those a killed run of this exec id left. */
    private static void closeWorkspaces(JobWorkspaces stager, StateBackend state) {
        RunState end;
        try {
            end = state.read();
        } catch (RuntimeException e) {
            stager.close(id -> false);
            return;
        }
        stager.close(id -> end.job(id).status().isTerminal());
    }

    /** Opens the run's records; a failure to write them (nothing ran yet) is exit 2 with one line. */
    private static RunState openRecords(StateBackend state, RunDescriptor descriptor) {
        try {
            return state.open(descriptor);
        } catch (java.io.UncheckedIOException e) {
            throw new StateUnavailableException(OrunException.EXIT_INVALID,
                    String.valueOf(e.getMessage()).replace("\n", " ") + " (nothing ran; check that .orun is writable and"
                            + " has space)", e);
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
            String isolationNote = isolationEnabled(concurrency) ? new RunIsolation(workspaceRoot).dryRunNote(runner) : null;
            RunContext context = new RunContext(current, "dry-run", runner,
                    null, listener, workspaceRoot, workdir(), null, false);
            List<DryRunReport.Job> jobs = new ArrayList<>();
            for (String id : selected) {
                jobs.add(DryRunJobs.describe(context, graph.job(id)));
            }
            return new DryRunReport(current.metadata().checksum(), current.metadata().name(),
                    runner.name(), concurrency, options.componentConcurrency(), failFast,
                    isolationEnabled(concurrency), isolationNote, jobs);
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

    /** The embedder's runner (left open for its owner), else a new one found by name. */
    private Runner createRunner() {
        if (runnerInstance != null) {
            return new BorrowedRunner(runnerInstance);
        }
        String name = options.runner() == null ? RunnerSelection.LOCAL : options.runner();
        return Runners.find(name).create(new RunnerSettings(workspaceRoot, options.runnerOptions(),
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
            // a shared run's failed job is re-opened only when asked (--retry), never by whoever joins
            boolean failedHere = !state.coordinatesDependencies() && recorded.job(id).status() == Status.FAILED;
            if (id.equals(options.retryJob()) || failedHere) {
                state.resetJob(id);
                changed = true;
            }
        }
        return changed ? state.read() : recorded;
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
